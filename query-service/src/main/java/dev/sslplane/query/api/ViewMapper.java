package dev.sslplane.query.api;

import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.readmodel.OperationDoc.NodeState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.springframework.stereotype.Component;

/** Explicit mapping from read-model documents to API responses. */
@Component
public class ViewMapper {

    private final QueryProperties.Operations settings;
    private final Clock clock;

    public ViewMapper(QueryProperties properties, Clock clock) {
        this.settings = properties.operations();
        this.clock = clock;
    }

    public InstanceStatusResponse status(InstanceDoc d) {
        String base = "/api/v1/instances/" + d.instanceId;
        var ca = d.currentCa == null ? null : new InstanceStatusResponse.Ca(d.currentCa.serial(),
                d.currentCa.sha256Fingerprint(), d.currentCa.subject(), d.currentCa.notBefore(),
                d.currentCa.notAfter(), d.currentCa.keyAlgorithm(), base + "/ssl/ca.pem");
        var op = d.operation == null ? null : new InstanceStatusResponse.OperationSummary(
                d.operation.operationId(), d.operation.kind(), d.operation.state(), d.operation.nodesDone(),
                d.operation.nodesTotal(), d.operation.startedAt(), d.operation.endedAt(),
                base + "/operations/" + d.operation.operationId());
        return new InstanceStatusResponse(d.instanceId, d.registered, d.sslStatus, d.engineVersion, d.topology,
                d.collectionCount,
                d.nodes.stream().map(n -> new InstanceStatusResponse.Node(n.name, n.host, n.port, n.role,
                        List.copyOf(n.altNames), n.lastRestartedAt, n.lastUnreachableMillis,
                        n.lastRestartOperationId)).toList(),
                ca, op, d.stale,
                d.gaps.stream().map(g -> new InstanceStatusResponse.Gap(g.from(), g.to())).toList(),
                d.lastSequence, d.lastEventAt);
    }

    public CertificateResponse certificate(CertificateDoc c, String currentSerial) {
        return new CertificateResponse(c.serial, c.sha256Fingerprint, c.subject, c.notBefore, c.notAfter,
                c.keyAlgorithm, c.pem, c.issuedByOperation, c.issuedAt, c.retiredAt, c.retiredByOperation,
                c.serial.equals(currentSerial));
    }

    public OperationResponse operation(OperationDoc o) {
        return new OperationResponse(o.operationId, o.instanceId, o.kind, o.state, o.attempt, o.startedBy,
                o.startedAt, o.endedAt, o.totalMillis, o.caSerial, o.collectionCount, o.nodesDone(),
                o.nodes.size(), estimatedRemainingMillis(o, clock.instant()),
                o.failure == null ? null
                        : new OperationResponse.Failure(o.failure.nodeName(), o.failure.reason(),
                                o.failure.failedAt()),
                o.nodes.stream().map(n -> new OperationResponse.Node(n.name, n.host, n.port, n.role, n.state,
                        n.steps.stream().map(s -> new OperationResponse.Step(s.attempt, s.startedAt, s.restartedAt,
                                s.durationMillis, s.unreachableMillis)).toList())).toList(),
                o.history.stream().map(h -> new OperationResponse.HistoryEntry(h.sequence(), h.type(), h.state(),
                        h.attempt(), h.at(), h.actor(), h.detail())).toList());
    }

    public AuditEntryResponse audit(AuditDoc a) {
        return new AuditEntryResponse(a.eventId(), a.instanceId(), a.sequence(), a.type(), a.actor(),
                a.occurredAt(), a.operationId(), a.summary());
    }

    /** Computed at query time so it counts down, and so the stored read model stays deterministic. */
    Long estimatedRemainingMillis(OperationDoc o, Instant now) {
        if (OperationDoc.State.COMPLETED.name().equals(o.state)) {
            return 0L;
        }
        if (OperationDoc.State.FAILED.name().equals(o.state)) {
            return null;
        }
        OptionalDouble measured = o.nodes.stream().flatMap(n -> n.steps.stream())
                .filter(s -> s.durationMillis != null).mapToLong(s -> s.durationMillis).average();
        long perNode = measured.isPresent() ? Math.round(measured.getAsDouble()) : assumedPerNode(o);
        long remaining = 0;
        for (OperationDoc.NodeProgress node : o.nodes) {
            if (NodeState.RESTARTED.name().equals(node.state)) {
                continue;
            }
            long left = perNode;
            if (NodeState.RESTARTING.name().equals(node.state) && !node.steps.isEmpty()) {
                Instant started = node.steps.get(node.steps.size() - 1).startedAt;
                if (started != null) {
                    left = Math.max(0, perNode - Math.max(0, Duration.between(started, now).toMillis()));
                }
            }
            remaining += left;
        }
        return remaining;
    }

    private long assumedPerNode(OperationDoc o) {
        long base = settings.defaultNodeRestart().toMillis();
        return o.collectionCount > settings.largeInstanceCollections()
                ? Math.round(base * settings.largeInstanceFactor()) : base;
    }
}
