package dev.sslplane.query.support;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.query.projection.ProjectedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one instance's events the way the command service publishes them: sequence from 0, one event id
 * each, the operation id in the envelope, plausible timestamps.
 */
public final class Lifecycle {

    private static final MessageCodec CODEC = new MessageCodec();

    public final String instanceId;
    public final List<NodeSpec> nodes;
    private final List<ProjectedEvent> events = new ArrayList<>();
    private long sequence;
    private Instant clock;
    private int serials;
    private final Set<String> restartedInOp = new LinkedHashSet<>();
    private final java.util.Map<String, Instant> startedAt = new java.util.HashMap<>();

    public Lifecycle(String instanceId, Instant start, int nodeCount) {
        this.instanceId = instanceId;
        this.clock = start;
        var list = new ArrayList<NodeSpec>();
        for (int i = 0; i < nodeCount; i++) {
            list.add(new NodeSpec("rs0-" + i, "10.0.0." + (i + 1), 27017 + i,
                    i == 0 ? NodeRole.PRIMARY : NodeRole.SECONDARY, List.of("node" + i + ".example")));
        }
        this.nodes = List.copyOf(list);
    }

    public List<ProjectedEvent> events() {
        return List.copyOf(events);
    }

    public List<byte[]> records() {
        return events.stream().map(e -> CODEC.encode(e.envelope())).toList();
    }

    /** Nodes not yet restarted in the current operation, in registration order. */
    public List<String> pendingNodes() {
        return nodes.stream().map(NodeSpec::name).filter(n -> !restartedInOp.contains(n)).toList();
    }

    public long nextSequence() {
        return sequence;
    }

    public CertificateInfo newCa() {
        serials++;
        String serial = Integer.toHexString(instanceId.hashCode() & 0xffff) + "0" + serials;
        return new CertificateInfo(serial, "AA:BB:" + String.format("%02X", serials), "CN=sslplane CA " + instanceId,
                clock, clock.plusSeconds(365L * 86_400), "EC-P256",
                "-----BEGIN CERTIFICATE-----\nFAKE" + serial + "\n-----END CERTIFICATE-----\n");
    }

    public Lifecycle register() {
        return emit(new InstanceRegisteredEvent(instanceId, "4.2", Topology.REPLICA_SET, nodes, 120), null,
                "user:alice");
    }

    public Lifecycle enable(String op, CertificateInfo ca) {
        restartedInOp.clear();
        return emit(new SslEnabledEvent(instanceId, op, ca, nodes, 120), op, "user:alice");
    }

    public Lifecycle rotate(String op, CertificateInfo ca, String previousSerial) {
        restartedInOp.clear();
        return emit(new CertificateRotatedEvent(instanceId, op, ca, previousSerial, nodes, 120), op, "user:bob");
    }

    public Lifecycle disable(String op, String previousSerial) {
        restartedInOp.clear();
        return emit(new SslDisabledEvent(instanceId, op, previousSerial, nodes, 120), op, "user:carol");
    }

    public Lifecycle nodeStarted(String op, String node, int attempt) {
        startedAt.put(node, clock);
        return emit(new NodeRestartStartedEvent(instanceId, op, node, attempt, clock), op, "system:restart-worker");
    }

    public Lifecycle nodeRestarted(String op, String node) {
        return nodeRestarted(op, node, startedAt.getOrDefault(node, clock).plusSeconds(30));
    }

    public Lifecycle nodeRestarted(String op, String node, Instant restartedAt) {
        clock = restartedAt.isAfter(clock) ? restartedAt : clock;
        restartedInOp.add(node);
        return emit(new NodeRestartedEvent(instanceId, op, node, 29_000, restartedAt), op,
                "system:restart-worker");
    }

    public Lifecycle restartAll(String op, int attempt) {
        for (NodeSpec n : nodes) {
            if (!restartedInOp.contains(n.name())) {
                nodeStarted(op, n.name(), attempt);
                nodeRestarted(op, n.name());
            }
        }
        return this;
    }

    public Lifecycle complete(String op, OperationKind kind) {
        return emit(new RestartCompletedEvent(instanceId, op, kind, 90_000, clock), op, "system:restart-worker");
    }

    public Lifecycle fail(String op, OperationKind kind, String node) {
        return emit(new RestartFailedEvent(instanceId, op, kind, node, "health gate timed out", clock), op,
                "system:restart-worker");
    }

    public Lifecycle retry(String op, OperationKind kind, CertificateInfo ca, int attempt) {
        return emit(new RestartRetriedEvent(instanceId, op, kind, ca, nodes, 120, Set.copyOf(restartedInOp),
                attempt), op, "user:alice");
    }

    /** An event of a type this version does not know, still carrying the next sequence number. */
    public Lifecycle unknownType() {
        var env = new EventEnvelope("SslFutureThing", 1, instanceId + "-e" + sequence, instanceId, sequence, clock,
                "user:alice", null, CODEC.objectMapper().createObjectNode().put("instanceId", instanceId));
        events.add(new ProjectedEvent(env, null));
        sequence++;
        clock = clock.plusSeconds(1);
        return this;
    }

    /** Skips sequence numbers, as if events were lost. */
    public Lifecycle skip(int count) {
        sequence += count;
        return this;
    }

    private Lifecycle emit(SslEvent event, String op, String actor) {
        EventEnvelope env = CODEC.envelope(event, instanceId + "-e" + sequence, instanceId, sequence, clock, actor,
                op);
        events.add(new ProjectedEvent(env, event));
        sequence++;
        clock = clock.plusSeconds(1);
        return this;
    }
}
