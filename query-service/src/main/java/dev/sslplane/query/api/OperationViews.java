package dev.sslplane.query.api;

import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.query.readmodel.AbortDoc;
import dev.sslplane.query.readmodel.NodeTlsDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.readmodel.PassDoc;
import dev.sslplane.query.readmodel.StepDoc;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Maps an operation document to its API response, with the estimated time remaining. */
final class OperationViews {

    private static final String RUNTIME = "RUNTIME";

    private final QueryProperties.Operations settings;

    OperationViews(QueryProperties.Operations settings) {
        this.settings = settings;
    }

    OperationResponse operation(OperationDoc o, Instant now) {
        int done = o.stepsDone();
        int total = o.stepsTotal();
        return new OperationResponse(o.operationId, o.instanceId, o.kind, o.state, o.attempt, o.startedBy,
                o.startedAt, o.endedAt, o.totalMillis, o.caSerial, o.collectionCount, done, total,
                estimatedRemainingMillis(o, now),
                o.failure == null ? null : new OperationResponse.Failure(o.failure.nodeName(), o.failure.reason(),
                        o.failure.failedAt(), o.failure.pass(), o.failure.code()),
                o.nodes.stream().map(n -> new OperationResponse.Node(n.name, n.host, n.port, n.role,
                        o.nodeState(n.name).name(), begunSteps(o, n.name))).toList(),
                o.history.stream().map(h -> new OperationResponse.HistoryEntry(h.sequence(), h.type(), h.state(),
                        h.attempt(), h.at(), h.actor(), h.detail())).toList(),
                o.previousCaSerial, o.engineVersion, o.requireTls, o.holdOldCa, o.holdAfterPass, o.currentPass,
                o.phase(), done, total,
                o.awaitingClients == null ? null : new OperationResponse.Awaiting(o.awaitingClients.afterPass(),
                        o.awaitingClients.since()),
                o.passes.stream().map(OperationViews::pass).toList(),
                o.scheduledFor == null ? null : new OperationResponse.Scheduled(o.scheduledBy, o.scheduledFor,
                        o.windowEndsAt, o.deferrals),
                abort(o.abort),
                o.rollsBack == null ? null : new OperationResponse.RollsBack(o.rollsBack.operationId(),
                        o.rollsBack.kind()),
                o.stepTimeout);
    }

    private static OperationResponse.Abort abort(AbortDoc a) {
        return a == null ? null : new OperationResponse.Abort(a.requestedBy, a.requestedAt, a.abortedBy,
                a.abortedAt, a.stateBefore, a.rollbackRequired, nodeTls(a.nodes), a.rollbackOperationId,
                a.nodesObservedAt, a.unreadNodes);
    }

    static List<OperationResponse.NodeTls> nodeTls(List<NodeTlsDoc> nodes) {
        return nodes == null ? null : nodes.stream().map(n -> new OperationResponse.NodeTls(n.node(), n.mode(),
                n.trustedCaSerials(), n.certificateCaSerial(), n.settled())).toList();
    }

    private static List<OperationResponse.Step> begunSteps(OperationDoc o, String node) {
        return o.passes.stream().flatMap(p -> p.steps.stream().filter(s -> s.node.equals(node))
                        .filter(s -> s.startedAt != null || s.done())
                        .map(s -> new OperationResponse.Step(s.attempt, s.startedAt, s.finishedAt, s.durationMillis,
                                s.unreachableMillis, p.number, s.state, s.role)))
                .toList();
    }

    private static OperationResponse.Pass pass(PassDoc p) {
        return new OperationResponse.Pass(p.number, p.name, p.action, p.mode, p.certificate, p.trust, passState(p),
                (int) p.stepsDone(), p.steps.stream().map(s -> new OperationResponse.PassStep(s.node, s.state, s.role,
                        s.attempt, s.startedAt, s.finishedAt, s.durationMillis, s.unreachableMillis,
                        s.observed == null ? null : new OperationResponse.Observation(s.observed.mode(),
                                s.observed.trustedCaSerials(), s.observed.role()))).toList());
    }

    private static String passState(PassDoc p) {
        if (p.steps.stream().anyMatch(s -> StepDoc.State.FAILED.name().equals(s.state))) {
            return StepDoc.State.FAILED.name();
        }
        if (p.done()) {
            return StepDoc.State.DONE.name();
        }
        return p.steps.stream().anyMatch(s -> s.running() || s.done()) ? StepDoc.State.RUNNING.name()
                : StepDoc.State.PENDING.name();
    }

    /**
     * Computed at query time so it counts down, and so the stored read model stays deterministic. A restart and a
     * runtime mode change take very different times, so each kind of step is estimated from its own measurements.
     */
    Long estimatedRemainingMillis(OperationDoc o, Instant now) {
        if (OperationDoc.State.COMPLETED.name().equals(o.state)) {
            return 0L;
        }
        if (OperationDoc.State.FAILED.name().equals(o.state)
                || OperationDoc.State.WAITING_FOR_CLIENTS.name().equals(o.state)
                // not started: nothing to count down until its window opens (or ever)
                || OperationDoc.State.SCHEDULED.name().equals(o.state)
                || OperationDoc.State.CANCELLED.name().equals(o.state)
                // stopping after the step in progress, or stopped: the steps left never run
                || OperationDoc.State.ABORTING.name().equals(o.state)
                || OperationDoc.State.ABORTED.name().equals(o.state)) {
            return null;
        }
        long perRestart = measured(o, false).orElse(assumedRestart(o));
        long perRuntime = measured(o, true).orElse(settings.defaultRuntimeStep().toMillis());
        long remaining = 0;
        for (PassDoc pass : o.passes) {
            long perStep = RUNTIME.equals(pass.action) ? perRuntime : perRestart;
            for (StepDoc step : pass.steps) {
                if (step.done()) {
                    continue;
                }
                long left = perStep;
                if (step.running() && step.startedAt != null) {
                    left = Math.max(0, perStep - Math.max(0, Duration.between(step.startedAt, now).toMillis()));
                }
                remaining += left;
            }
        }
        return remaining;
    }

    private static OptionalLong measured(OperationDoc o, boolean runtime) {
        OptionalDouble mean = o.passes.stream().filter(p -> RUNTIME.equals(p.action) == runtime)
                .flatMap(p -> p.steps.stream()).filter(s -> s.durationMillis != null)
                .mapToLong(s -> s.durationMillis).average();
        return mean.isPresent() ? OptionalLong.of(Math.round(mean.getAsDouble()))
                : OptionalLong.empty();
    }

    private long assumedRestart(OperationDoc o) {
        long base = settings.defaultNodeRestart().toMillis();
        return o.collectionCount > settings.largeInstanceCollections()
                ? Math.round(base * settings.largeInstanceFactor()) : base;
    }
}
