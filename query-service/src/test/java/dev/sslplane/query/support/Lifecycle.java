package dev.sslplane.query.support;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.OperationAbortRequestedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.RotationAwaitingClientsEvent;
import dev.sslplane.contracts.event.RotationFinishingEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.procedure.StepKey;
import dev.sslplane.query.projection.ProjectedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one instance's events the way the command service publishes them: sequence from 0, one event id
 * each, the operation id in the envelope, plausible timestamps; operations as passes × nodes with the nodes read
 * back after each step. {@link #schemaV1()} writes the shapes recorded before passes existed (no passes, engine,
 * previous CA, roles or observations) — what older topics hold.
 */
public final class Lifecycle {

    private static final MessageCodec CODEC = new MessageCodec();

    public final String instanceId;
    public final List<NodeSpec> nodes;
    private final List<ProjectedEvent> events = new ArrayList<>();
    private final Map<String, CertificateInfo> issued = new HashMap<>();
    private final Map<String, Instant> startedAt = new HashMap<>();
    private final Map<String, List<String>> trusted = new HashMap<>();
    private final Set<String> doneSteps = new LinkedHashSet<>();
    private final Map<String, NodeRole> roleNow = new HashMap<>();
    private long sequence;
    private Instant clock;
    private int serials;
    private boolean v1;
    private TlsMode mode = TlsMode.DISABLED;
    private List<Pass> plan = List.of();
    private CertificateInfo ca;
    private CertificateInfo previousCa;
    private Integer holdAfterPass;
    private TlsMode modeBeforeOperation = TlsMode.DISABLED;
    /** Each node's certificate's issuer, by the certificates issued so far. */
    private final Map<String, String> certificateCa = new HashMap<>();

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

    /** The node's replica-set role from now on, as steps and read-backs report it (the registration stays). */
    public Lifecycle roleNow(String node, NodeRole role) {
        roleNow.put(node, role);
        return this;
    }

    /** From now on, events in the shapes of schema version 1. */
    public Lifecycle schemaV1() {
        v1 = true;
        return this;
    }

    public List<ProjectedEvent> events() {
        return List.copyOf(events);
    }

    public List<byte[]> records() {
        return events.stream().map(e -> CODEC.encode(e.envelope())).toList();
    }

    /** Steps ({@link StepKey}) of the current operation not done yet, pass by pass, nodes in registration order. */
    public List<String> pendingSteps() {
        var out = new ArrayList<String>();
        for (Pass pass : plan) {
            for (NodeSpec node : nodes) {
                String key = StepKey.of(pass.number(), node.name());
                if (!doneSteps.contains(key)) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    /** Nodes not yet done in the first pass with work left. */
    public List<String> pendingNodes() {
        List<String> pending = pendingSteps();
        if (pending.isEmpty()) {
            return List.of();
        }
        int pass = StepKey.pass(pending.get(0));
        return pending.stream().filter(k -> StepKey.pass(k) == pass).map(StepKey::node).toList();
    }

    /** The pass the current operation is in (the first with work left). */
    public int currentPass() {
        List<String> pending = pendingSteps();
        return pending.isEmpty() ? plan.size() : StepKey.pass(pending.get(0));
    }

    /** Whether a held rotation has done every step up to its hold and must now wait for clients. */
    public boolean heldNow() {
        return holdAfterPass != null && pendingSteps().stream().allMatch(k -> StepKey.pass(k) > holdAfterPass);
    }

    public long nextSequence() {
        return sequence;
    }

    public TlsMode mode() {
        return mode;
    }

    public CertificateInfo newCa() {
        serials++;
        String serial = Integer.toHexString(instanceId.hashCode() & 0xffff) + "0" + serials;
        var created = new CertificateInfo(serial, "AA:BB:" + String.format("%02X", serials),
                "CN=sslplane CA " + instanceId + " " + serials, clock, clock.plusSeconds(365L * 86_400), "EC-P256",
                "-----BEGIN CERTIFICATE-----\nFAKE" + serial + "\n-----END CERTIFICATE-----\n");
        issued.put(serial, created);
        return created;
    }

    public Lifecycle register() {
        return emit(new InstanceRegisteredEvent(instanceId, "4.2", Topology.REPLICA_SET, nodes, 120), null,
                "user:alice");
    }

    public Lifecycle enable(String op, CertificateInfo ca) {
        return enable(op, ca, false);
    }

    public Lifecycle enable(String op, CertificateInfo ca, boolean requireTls) {
        begin(v1 ? Procedures.legacy(OperationKind.ENABLE) : Procedures.enable(requireTls), ca, null, null);
        mode = requireTls ? TlsMode.REQUIRE : TlsMode.PREFER;
        return emit(new SslEnabledEvent(instanceId, op, ca, nodes, 120, engine(), requireTls, passes()), op,
                "user:alice");
    }

    public Lifecycle rotate(String op, CertificateInfo ca, String previousSerial) {
        return rotate(op, ca, previousSerial, false);
    }

    public Lifecycle rotate(String op, CertificateInfo ca, String previousSerial, boolean holdOldCa) {
        CertificateInfo previous = v1 ? null : issued.get(previousSerial);
        begin(v1 ? Procedures.legacy(OperationKind.ROTATE) : Procedures.rotate(mode), ca, previous,
                holdOldCa ? Procedures.ROTATION_HOLD_PASS : null);
        return emit(new CertificateRotatedEvent(instanceId, op, ca, previousSerial, nodes, 120, engine(), previous,
                holdOldCa, passes()), op, "user:bob");
    }

    public Lifecycle disable(String op, String previousSerial) {
        CertificateInfo previous = v1 ? null : issued.get(previousSerial);
        begin(v1 ? Procedures.legacy(OperationKind.DISABLE) : Procedures.disable(mode), null, previous, null);
        mode = TlsMode.DISABLED;
        return emit(new SslDisabledEvent(instanceId, op, previousSerial, nodes, 120, engine(), previous, passes()),
                op, "user:carol");
    }

    public Lifecycle enforce(String op, boolean requireTls) {
        begin(requireTls ? Procedures.enforce() : Procedures.relax(), ca, null, null);
        mode = requireTls ? TlsMode.REQUIRE : TlsMode.PREFER;
        return emit(new TlsEnforcementChangedEvent(instanceId, op, requireTls, ca, nodes, 120, "4.2", plan), op,
                "user:alice");
    }

    /** New node certificates under the current CA: one restart pass at the current mode, the CA stays. */
    public Lifecycle renew(String op) {
        begin(Procedures.renewNodeCertificates(mode), ca, null, null);
        return emit(new dev.sslplane.contracts.event.NodeCertificatesRenewingEvent(instanceId, op, ca, nodes, 120,
                "4.2", plan, null, java.time.Duration.ofDays(397)), op, "user:alice");
    }

    /**
     * The operation's CA signs a certificate for the node (the worker relayed its CSR); returns its public facts
     * through {@code signed}, valid for {@code validDays} from now.
     */
    public Lifecycle nodeCertificateIssued(String op, String node, int validDays,
                                           java.util.function.Consumer<CertificateInfo> signed) {
        serials++;
        String serial = "1eaf" + Integer.toHexString(instanceId.hashCode() & 0xffff) + serials;
        var leaf = new CertificateInfo(serial, "CC:DD:" + String.format("%02X", serials), "CN=" + node, clock,
                clock.plusSeconds(validDays * 86_400L), "EC-P256",
                "-----BEGIN CERTIFICATE-----\nLEAF" + serial + "\n-----END CERTIFICATE-----\n");
        signed.accept(leaf);
        certificateCa.put(node, ca.serial());
        return emit(new NodeCertificateIssuedEvent(instanceId, op, node, ca.serial(), leaf), op,
                "system:restart-worker");
    }

    /** Starts the node's step in the current pass. */
    public Lifecycle nodeStarted(String op, String node, int attempt) {
        return nodeStarted(op, currentPass(), node, attempt);
    }

    public Lifecycle nodeStarted(String op, int pass, String node, int attempt) {
        startedAt.put(StepKey.of(pass, node), clock);
        return emit(new NodeRestartStartedEvent(instanceId, op, node, attempt, clock, v1 ? null : pass,
                v1 ? null : role(node)), op, "system:restart-worker");
    }

    public Lifecycle nodeRestarted(String op, String node) {
        int pass = currentPass();
        return nodeRestarted(op, pass, node, startedAt.getOrDefault(StepKey.of(pass, node), clock).plusSeconds(30));
    }

    public Lifecycle nodeRestarted(String op, String node, Instant restartedAt) {
        return nodeRestarted(op, currentPass(), node, restartedAt);
    }

    public Lifecycle nodeRestarted(String op, int pass, String node, Instant restartedAt) {
        clock = restartedAt.isAfter(clock) ? restartedAt : clock;
        doneSteps.add(StepKey.of(pass, node));
        NodeObservation observed = v1 ? null : observe(pass, node);
        return emit(new NodeRestartedEvent(instanceId, op, node, 29_000, restartedAt, v1 ? null : pass, observed),
                op, "system:restart-worker");
    }

    /** Every step left, pass by pass; stops where a held rotation must wait for clients. */
    public Lifecycle restartAll(String op, int attempt) {
        for (String step : pendingSteps()) {
            if (holdAfterPass != null && StepKey.pass(step) > holdAfterPass) {
                break;
            }
            nodeStarted(op, StepKey.pass(step), StepKey.node(step), attempt);
            nodeRestarted(op, StepKey.pass(step), StepKey.node(step),
                    startedAt.get(step).plusSeconds(30));
        }
        return this;
    }

    public Lifecycle complete(String op, OperationKind kind) {
        return emit(new RestartCompletedEvent(instanceId, op, kind, 90_000, clock), op, "system:restart-worker");
    }

    public Lifecycle fail(String op, OperationKind kind, String node) {
        return emit(new RestartFailedEvent(instanceId, op, kind, node, "health gate timed out", clock,
                v1 ? null : currentPass(), v1 ? null : "UNHEALTHY"), op, "system:restart-worker");
    }

    public Lifecycle retry(String op, OperationKind kind, CertificateInfo ca, int attempt) {
        if (v1) {
            Set<String> nodesDone = new LinkedHashSet<>();
            doneSteps.forEach(k -> nodesDone.add(StepKey.node(k)));
            return emit(new RestartRetriedEvent(instanceId, op, kind, ca, nodes, 120, nodesDone, attempt, null,
                    null, null, null, null), op, "user:alice");
        }
        return emit(new RestartRetriedEvent(instanceId, op, kind, ca, nodes, 120, Set.of(), attempt, "4.2",
                previousCa, plan, Set.copyOf(doneSteps), holdAfterPass), op, "user:alice");
    }

    public Lifecycle awaitClients(String op) {
        return emit(new RotationAwaitingClientsEvent(instanceId, op, holdAfterPass, clock), op,
                "system:restart-worker");
    }

    public Lifecycle finishRotation(String op, int attempt) {
        holdAfterPass = null;
        return emit(new RotationFinishingEvent(instanceId, op, ca, previousCa, nodes, 120, "4.2", plan,
                Set.copyOf(doneSteps), attempt), op, "user:bob");
    }

    // ---- abort and rollback

    /** Abort of the running operation asked for (by user:frank): it stops after the step in progress. */
    public Lifecycle abortRequested(String op, OperationKind kind) {
        return emit(new OperationAbortRequestedEvent(instanceId, op, kind, clock), op, "user:frank");
    }

    /**
     * The operation ended (by user:frank) from {@code stateBefore}; the nodes as each one's last step left it; the
     * state before it was {@code sslBefore}, {@code modeBefore}, {@code caBefore}.
     */
    public Lifecycle aborted(String op, OperationKind kind, String stateBefore, boolean rollbackRequired,
                             SslStatus sslBefore, TlsMode modeBefore, CertificateInfo caBefore) {
        List<NodeTlsState> states = nodeStates();
        if (!rollbackRequired) {
            mode = modeBefore;
            ca = caBefore;
        }
        return emit(new OperationAbortedEvent(instanceId, op, kind, stateBefore, clock, states,
                rollbackRequired, sslBefore, modeBefore, caBefore), op, "user:frank");
    }

    /** The last pass of the current operation with a step done; 0 before any. */
    public int reachedPass() {
        return doneSteps.stream().mapToInt(StepKey::pass).max().orElse(0);
    }

    /** Each node's TLS state by the steps done so far (what the command side tracks). */
    public List<NodeTlsState> nodeStates() {
        return nodes.stream().map(n -> new NodeTlsState(n.name(), modeOf(n.name()),
                trusted.getOrDefault(n.name(), List.of()), certificateCa.get(n.name()), true)).toList();
    }

    private TlsMode modeOf(String node) {
        return plan.stream().filter(p -> doneSteps.contains(StepKey.of(p.number(), node))).map(Pass::mode)
                .reduce((first, second) -> second).orElse(modeBeforeOperation);
    }

    /**
     * The rollback {@code op} (by user:frank) of the aborted operation, whose last pass with a step done is
     * {@code reachedPass}: back to {@code modeBefore} and {@code caBefore} (null: TLS disabled).
     */
    public Lifecycle rollBack(String op, String abortedOp, OperationKind abortedKind, int reachedPass,
                              TlsMode modeBefore, CertificateInfo caBefore) {
        List<Pass> passes = Procedures.rollback(abortedKind, plan, reachedPass, modeBefore);
        CertificateInfo abortedCa = ca;
        begin(passes, caBefore, abortedCa, null);
        mode = modeBefore;
        return emit(new OperationRollingBackEvent(instanceId, op, abortedOp, abortedKind, caBefore, abortedCa,
                null, nodes, 120, "4.2", passes, null, null), op, "user:frank");
    }

    // ---- maintenance window and scheduled operations

    public Lifecycle maintenanceWindow(dev.sslplane.contracts.model.MaintenanceWindow window) {
        return emit(new dev.sslplane.contracts.event.MaintenanceWindowSetEvent(instanceId, window), null,
                "user:alice");
    }

    /** An operation accepted for the window opening at {@code startsAt} (one hour long); it starts later, if ever. */
    public Lifecycle schedule(String op, OperationKind kind, Instant startsAt) {
        return emit(new dev.sslplane.contracts.event.OperationScheduledEvent(instanceId, op, kind,
                kind == OperationKind.ENABLE ? Boolean.FALSE : null, kind == OperationKind.ROTATE ? Boolean.TRUE : null,
                null, null, null, startsAt, startsAt.plusSeconds(3600)), op, "user:dave");
    }

    /** The window it waited for closed before it started: the next one opens a week later. */
    public Lifecycle defer(String op, OperationKind kind, Instant missedStartsAt) {
        Instant next = missedStartsAt.plus(java.time.Duration.ofDays(7));
        return emit(new dev.sslplane.contracts.event.ScheduledOperationDeferredEvent(instanceId, op, kind,
                missedStartsAt.plusSeconds(3600), next, next.plusSeconds(3600)), op, "system:scheduler");
    }

    /** Its start was refused for good when its window opened (the scheduler is the actor). */
    public Lifecycle refuseScheduled(String op, OperationKind kind, String code, String reason) {
        return emit(new dev.sslplane.contracts.event.ScheduledOperationRefusedEvent(instanceId, op, kind, code,
                reason), op, "system:scheduler");
    }

    public Lifecycle cancelScheduled(String op, OperationKind kind) {
        return emit(new dev.sslplane.contracts.event.ScheduledOperationCancelledEvent(instanceId, op, kind), op,
                "user:erin");
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

    private void begin(List<Pass> passes, CertificateInfo operationCa, CertificateInfo previous, Integer hold) {
        modeBeforeOperation = mode;
        plan = passes;
        if (operationCa != null) {
            issued.put(operationCa.serial(), operationCa);
        }
        ca = operationCa;
        previousCa = previous;
        holdAfterPass = hold;
        doneSteps.clear();
    }

    private List<Pass> passes() {
        return v1 ? null : plan;
    }

    private String engine() {
        return v1 ? null : "4.2";
    }

    private NodeRole role(String node) {
        return roleNow.getOrDefault(node, spec(node).role());
    }

    private NodeSpec spec(String node) {
        return nodes.stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow();
    }

    /** What the node reports after the step: the pass's mode and CA file, its (registered) role. */
    private NodeObservation observe(int passNumber, String node) {
        Pass pass = plan.stream().filter(p -> p.number() == passNumber).findFirst().orElseThrow();
        List<String> trust = switch (pass.trust()) {
            case OPERATION_CA -> ca == null ? List.of() : List.of(ca.serial());
            case BUNDLE -> previousCa == null ? List.of(ca.serial()) : List.of(ca.serial(), previousCa.serial());
            case NONE -> List.of();
            case KEEP -> trusted.getOrDefault(node, List.of());
        };
        trusted.put(node, trust);
        return new NodeObservation(pass.mode(), trust, role(node));
    }

    /** Any event (an instance change, a hand-made start), at the next sequence, by {@code actor}. */
    public Lifecycle emit(SslEvent event, String actor) {
        return emit(event, event.operationId(), actor);
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
