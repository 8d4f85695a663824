package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.RotationAwaitingClientsEvent;
import dev.sslplane.contracts.event.RotationFinishingEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.StepKey;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.readmodel.OperationDoc.State;
import dev.sslplane.query.readmodel.PassDoc;
import dev.sslplane.query.readmodel.StepDoc;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Folds one event into an operation document: its passes and their steps per node, state and history. Called
 * only for events newer than the document ({@code lastSequence}); pure, no I/O.
 */
final class OperationFolding {

    static void start(OperationStartingEvent e, EventEnvelope env, long seq, OperationDoc op) {
        op.kind = e.kind().name();
        op.collectionCount = e.collectionCount();
        if (e.ca() != null) {
            op.caSerial = e.ca().serial();
        }
        String previousSerial = previousSerial(e);
        if (previousSerial != null) {
            op.previousCaSerial = previousSerial;
        }
        if (e.engineVersion() != null) {
            op.engineVersion = e.engineVersion();
        }
        if (e instanceof SslEnabledEvent enabled) {
            op.requireTls = enabled.requireTls();
        } else if (e instanceof TlsEnforcementChangedEvent enforcement) {
            op.requireTls = enforcement.requireTls();
        } else if (e instanceof CertificateRotatedEvent rotated) {
            op.holdOldCa = rotated.holdOldCa();
        } else if (e instanceof OperationRollingBackEvent rollback) {
            op.rollsBack = new OperationDoc.RollsBack(rollback.abortedOperationId(), rollback.abortedKind().name());
        }
        op.holdAfterPass = e.holdAfterPass();
        // the members the operation drives: all of them, or a renewal's targets (the instance keeps every member)
        for (NodeSpec spec : e.steppedNodes()) {
            OperationDoc.NodeRef node = op.node(spec.name());
            node.host = spec.host();
            node.port = spec.port();
            node.role = spec.role().name();
        }
        for (Pass pass : e.plan()) {
            PassDoc doc = op.pass(pass.number());
            doc.describe(pass);
            e.steppedNodes().forEach(spec -> doc.step(spec.name()));
        }
        // a member replaced or removed while the operation had failed is no longer driven by it
        Set<String> members = e.steppedNodes().stream().map(NodeSpec::name)
                .collect(java.util.stream.Collectors.toSet());
        op.nodes.removeIf(node -> !members.contains(node.name));
        op.passes.forEach(pass -> pass.steps.removeIf(step -> !members.contains(step.node)));
        if (e instanceof RestartRetriedEvent || e instanceof RotationFinishingEvent) {
            resume(op, e.doneSteps());
            op.attempt = e instanceof RestartRetriedEvent retried ? retried.attempt()
                    : ((RotationFinishingEvent) e).attempt();
            op.state = e instanceof RestartRetriedEvent ? State.RETRIED.name() : State.RUNNING.name();
            op.failure = null;
            op.awaitingClients = null;
        } else {
            op.state = State.RUNNING.name();
            op.attempt = 1;
            op.startedBy = env.actor();
            op.startedAt = env.occurredAt();
        }
        op.currentPass = op.firstOpenPass();
        history(op, seq, env, null);
    }

    /** Steps the event names as done are done; the others that did not finish run again, so they wait. */
    private static void resume(OperationDoc op, Set<String> doneSteps) {
        for (PassDoc pass : op.passes) {
            for (StepDoc step : pass.steps) {
                if (doneSteps.contains(StepKey.of(pass.number, step.node))) {
                    step.state = StepDoc.State.DONE.name();
                } else if (!step.done()) {
                    step.state = StepDoc.State.PENDING.name();
                }
            }
        }
    }

    static void nodeStarted(NodeRestartStartedEvent e, long seq, OperationDoc op) {
        StepDoc step = op.step(e.pass(), e.nodeName());
        step.state = StepDoc.State.RUNNING.name();
        step.attempt = e.attempt();
        step.role = e.role() == null ? null : e.role().name();
        step.startedAt = e.startedAt();
        step.finishedAt = null;
        step.durationMillis = null;
        step.unreachableMillis = null;
        step.observed = null;
        op.currentPass = e.pass();
        if (e.stepTimeout() != null) {
            op.stepTimeout = e.stepTimeout().toString();
        }
        op.lastSequence = seq;
    }

    static void nodeRestarted(NodeRestartedEvent e, long seq, OperationDoc op) {
        StepDoc step = op.step(e.pass(), e.nodeName());
        step.state = StepDoc.State.DONE.name();
        step.finishedAt = e.restartedAt();
        step.unreachableMillis = e.unreachableMillis();
        step.durationMillis = millisBetween(step.startedAt, e.restartedAt());
        NodeObservation seen = e.observed();
        step.observed = seen == null ? null : new StepDoc.Observation(
                seen.mode() == null ? null : seen.mode().name(), seen.trustedCaSerials(),
                seen.role() == null ? null : seen.role().name());
        op.currentPass = e.pass();
        op.lastSequence = seq;
    }

    static void failed(RestartFailedEvent e, EventEnvelope env, long seq, OperationDoc op) {
        if (op.kind == null) {
            op.kind = e.kind().name();
        }
        op.state = State.FAILED.name();
        op.failure = new OperationDoc.Failure(e.nodeName(), e.reason(), e.failedAt(), e.pass(), e.code());
        if (e.nodeName() != null) {
            StepDoc step = op.step(e.pass(), e.nodeName());
            if (!step.done()) {
                step.state = StepDoc.State.FAILED.name();
            }
        }
        op.currentPass = e.pass();
        history(op, seq, env, "pass " + e.pass() + (e.nodeName() == null ? "" : ", " + e.nodeName()) + ": "
                + e.reason() + (e.code() == null ? "" : " (" + e.code() + ")"));
    }

    static void awaitingClients(RotationAwaitingClientsEvent e, EventEnvelope env, long seq, OperationDoc op) {
        op.state = State.WAITING_FOR_CLIENTS.name();
        op.awaitingClients = new OperationDoc.Awaiting(e.afterPass(), e.since());
        op.currentPass = e.afterPass();
        history(op, seq, env, "after pass " + e.afterPass());
    }

    static void completed(RestartCompletedEvent e, EventEnvelope env, long seq, OperationDoc op) {
        if (op.kind == null) {
            op.kind = e.kind().name();
        }
        op.state = State.COMPLETED.name();
        op.endedAt = e.completedAt();
        op.totalMillis = e.totalMillis();
        op.failure = null;
        op.awaitingClients = null;
        op.currentPass = op.passes.isEmpty() ? op.currentPass : op.passes.get(op.passes.size() - 1).number;
        history(op, seq, env, null);
    }

    static String previousSerial(OperationStartingEvent e) {
        if (e.previousCa() != null) {
            return e.previousCa().serial();
        }
        if (e instanceof CertificateRotatedEvent rotated) {
            return rotated.previousSerial();
        }
        return e instanceof SslDisabledEvent disabled ? disabled.previousSerial() : null;
    }

    /**
     * At the precision MongoDB stores, so the value does not depend on whether the start was read back from the
     * database (live, across batches) or is still in memory (same batch, rebuild).
     */
    private static Long millisBetween(Instant start, Instant end) {
        return start == null ? null : Math.max(0, Duration.between(start.truncatedTo(ChronoUnit.MILLIS),
                end.truncatedTo(ChronoUnit.MILLIS)).toMillis());
    }

    static void history(OperationDoc op, long seq, EventEnvelope env, String detail) {
        op.history.add(new OperationDoc.HistoryEntry(seq, env.type(), op.state, op.attempt, env.occurredAt(),
                env.actor(), detail));
        op.lastSequence = seq;
    }

    private OperationFolding() {
    }
}
