package dev.sslplane.worker.node.simulated;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.CertificateChange;
import dev.sslplane.nodeclient.NodeClientException;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeTlsConfig;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Nodes without a network, for tests and the benchmark; refused unless {@code sslplane.worker.node-operator} says
 * {@code simulated} under the {@code local} or {@code dev} profile. Longer than most classes on purpose: it is the
 * whole stand-in for a host operator (files, keys, restarts, faults), and only tests use it. Each instance is an in-memory replica set ({@link SimulatedSet}: roles, step-down, modes,
 * member-to-member reachability) that {@link #replicaSetClient()} answers for, built from the registered nodes
 * the first time a run names it (all members DISABLED, roles as registered or as {@link #role} says).
 *
 * <p>Each restart takes a modelled downtime: {@code base + perThousand × max(0, collections − threshold) / 1000},
 * times {@code timeScale} (defaults 30 s, 1 s, 10,000: 60 s for 40,000 collections). Keys (Ed25519) and CSRs are
 * real, and a certificate that does not match the node's key is refused, so the CSR relay is exercised end to
 * end; a mode other than disabled without a certificate does not start, as with mongod. Faults per node: FAIL
 * (mongod refuses to start), HANG (the restart never ends), UNHEALTHY (after its next restart it runs but never
 * answers),
 * STEP_DOWN_REFUSED (no electable secondary).
 */
public class SimulatedNodeOperator implements NodeOperator {

    public enum Fault { FAIL, HANG, UNHEALTHY, STEP_DOWN_REFUSED }

    private final Duration base;
    private final Duration perThousand;
    private final int threshold;
    private final double timeScale;
    private final Map<String, SimulatedSet> sets = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, NodeRole> roleOverrides = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> restarts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> stepDowns = new ConcurrentHashMap<>();
    private final SimulatedCsrs csrs = new SimulatedCsrs();
    private final AtomicInteger down = new AtomicInteger();
    private final AtomicInteger mostDown = new AtomicInteger();
    private final ReplicaSetClient client = new SimulatedReplicaSetClient(this);

    public SimulatedNodeOperator(Duration base, Duration perThousand, int threshold, double timeScale) {
        this.base = base;
        this.perThousand = perThousand;
        this.threshold = threshold;
        this.timeScale = timeScale;
    }

    /** The in-memory nodes' answers to the worker's commands. */
    public ReplicaSetClient replicaSetClient() {
        return client;
    }

    /** Parses {@code instanceId/nodeName=FAIL|HANG|UNHEALTHY|STEP_DOWN_REFUSED}. */
    public void configureFaults(List<String> entries) {
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            String[] id = kv[0].trim().split("/", 2);
            if (kv.length != 2 || id.length != 2) {
                throw new IllegalArgumentException("fault must look like instanceId/nodeName=FAIL: " + entry);
            }
            fault(id[0], id[1], Fault.valueOf(kv[1].trim()));
        }
    }

    public void fault(String instanceId, String nodeName, Fault fault) {
        faults.put(key(instanceId, nodeName), fault);
    }

    public void clearFault(String instanceId, String nodeName) {
        faults.remove(key(instanceId, nodeName));
    }

    /** Tests: the node has this role, whatever was registered (a primary that moved). */
    public void role(String instanceId, String nodeName, NodeRole role) {
        roleOverrides.put(key(instanceId, nodeName), role);
        var set = sets.get(instanceId);
        if (set != null && role == NodeRole.PRIMARY) {
            set.makePrimary(nodeName);
        }
    }

    /**
     * Tests and the benchmark: the instance already runs with TLS, every node in {@code mode} with a certificate
     * issued by {@code caPem} and that CA in its CA file (what a rotation, disable or enforcement change starts
     * from).
     */
    public void seedTls(String instanceId, List<NodeSpec> nodes, TlsMode mode, String caPem) {
        SimulatedSet set = ensureSet(instanceId, nodes);
        for (NodeSpec node : nodes) {
            set.with(node.name(), n -> {
                n.mode = mode;
                n.certificate = true;
                n.certificateIssuer = caPem.strip();
                n.trusted = List.of(caPem.strip());
                return null;
            });
        }
    }

    /** Tests: the node's mode changes at run time (as {@code setParameter} would, in any direction). */
    public void runtimeMode(String instanceId, String nodeName, TlsMode mode) {
        set(instanceId).with(nodeName, n -> n.mode = mode);
    }

    /** Tests: the node's process stops or starts again (its state is kept). */
    public void stopped(String instanceId, String nodeName, boolean stopped) {
        set(instanceId).with(nodeName, n -> n.stopped = stopped);
    }

    public int restarts(String instanceId, String nodeName) {
        var count = restarts.get(key(instanceId, nodeName));
        return count == null ? 0 : count.get();
    }

    public int stepDowns(String instanceId, String nodeName) {
        var count = stepDowns.get(key(instanceId, nodeName));
        return count == null ? 0 : count.get();
    }

    /** The most nodes that were down at the same time (restarted through this operator, not yet up again). */
    public int mostNodesDownAtOnce() {
        return mostDown.get();
    }

    /**
     * Has the node make its next key and CSR now; the next {@link #createCsr} for it with the same names returns
     * them. A real node makes its key and CSR on its own machine, so a benchmark prepares them before its clock
     * starts: what it measures is the worker's CPU, not the nodes'.
     */
    public void prepareCsr(String instanceId, String nodeName, List<String> subjectAltNames) {
        csrs.prepare(key(instanceId, nodeName), instanceId, nodeName, subjectAltNames);
    }

    public Duration downtime(int collectionCount) {
        long extra = Math.max(0, collectionCount - threshold) * perThousand.toMillis() / 1000;
        return Duration.ofMillis(Math.round((base.toMillis() + extra) * timeScale));
    }

    @Override
    public Mono<String> createCsr(InstanceRef instance, NodeSpec node, List<String> subjectAltNames) {
        String instanceId = instance.instanceId();
        return Mono.fromCallable(() -> {
            SimulatedSet set = known(instanceId);
            var csr = csrs.take(key(instanceId, node.name()), instanceId, node.name(), subjectAltNames);
            set.with(node.name(), n -> n.pendingKey = csr.publicKey());
            return csr.csrPem();
        }).subscribeOn(Schedulers.parallel()); // key generation is CPU work: never on the caller's I/O thread
    }

    @Override
    public Mono<Void> restart(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        String key = key(instance.instanceId(), node.name());
        return Mono.defer(() -> {
            restarts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            SimulatedSet set = known(instance.instanceId());
            boolean ownKey = config.certificate().change() != CertificateChange.NEW || set.with(node.name(),
                    n -> SimulatedCsrs.matchesKey(n.pendingKey, config.certificate().chainPem()));
            if (!ownKey) {
                return Mono.error(new NodeOperatorException("the certificate does not belong to the node's key",
                        false));
            }
            set.with(node.name(), n -> n.running = false);
            Fault fault = faults.get(key);
            if (fault == Fault.FAIL) {
                return Mono.error(new NodeOperatorException("simulated restart failure", false,
                        NodeFailureCode.NODE_START_FAILED));
            }
            if (fault == Fault.HANG) {
                return Mono.never();
            }
            mostDown.accumulateAndGet(down.incrementAndGet(), Math::max);
            // counted up before the caller hears of it: doFinally alone would run after the caller had moved on
            var stillDown = new AtomicBoolean(true);
            Runnable up = () -> {
                if (stillDown.compareAndSet(true, false)) {
                    down.decrementAndGet();
                }
            };
            return Mono.delay(downtime(instance.collectionCount()))
                    .flatMap(t -> {
                        String refusal = set.with(node.name(), n -> {
                            n.unresponsive = faults.get(key) == Fault.UNHEALTHY;
                            return n.start(config);
                        });
                        up.run();
                        return refusal == null ? Mono.<Void>empty() : Mono.error(new NodeOperatorException(
                                "mongod did not start: " + refusal, false, NodeFailureCode.NODE_START_FAILED));
                    })
                    .doFinally(signal -> up.run());
        });
    }

    @Override
    public Mono<Void> persistMode(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        // the simulated config file is the next restart's NodeTlsConfig: nothing to keep besides checking the node
        return Mono.fromRunnable(() -> known(instance.instanceId()).with(node.name(), n -> n));
    }

    @Override
    public Mono<List<String>> trustedCaSerials(InstanceRef instance, NodeSpec node) {
        return Mono.fromCallable(() -> known(instance.instanceId()).with(node.name(), n -> n.trusted).stream()
                .map(csrs::serial).toList());
    }

    SimulatedSet ensureSet(String instanceId, List<NodeSpec> nodes) {
        return sets.computeIfAbsent(instanceId, id -> {
            Map<String, NodeRole> roles = new ConcurrentHashMap<>();
            nodes.forEach(n -> {
                NodeRole role = roleOverrides.get(key(id, n.name()));
                if (role != null) {
                    roles.put(n.name(), role);
                }
            });
            // a registered primary that moved is no primary any more
            if (roles.containsValue(NodeRole.PRIMARY)) {
                nodes.forEach(n -> roles.putIfAbsent(n.name(), n.role() == NodeRole.PRIMARY ? NodeRole.SECONDARY
                        : n.role()));
            }
            return new SimulatedSet(nodes, roles);
        });
    }

    SimulatedSet set(Member member) {
        SimulatedSet set = sets.get(member.instanceId());
        if (set == null) {
            throw new NodeClientException(NodeClientException.Kind.CONNECT,
                    member.address() + ": connection refused (no simulated instance " + member.instanceId() + ")",
                    null);
        }
        return set;
    }

    void stepDown(Member member, Connection connection) {
        stepDowns.computeIfAbsent(key(member.instanceId(), member.name()), k -> new AtomicInteger())
                .incrementAndGet();
        set(member).stepDown(member.name(), connection,
                faults.get(key(member.instanceId(), member.name())) == Fault.STEP_DOWN_REFUSED);
    }

    private SimulatedSet set(String instanceId) {
        SimulatedSet set = sets.get(instanceId);
        if (set == null) {
            throw new IllegalStateException("no simulated instance " + instanceId + " yet");
        }
        return set;
    }

    /** Operators never create nodes: an instance no run has named is unknown. */
    private SimulatedSet known(String instanceId) {
        SimulatedSet set = sets.get(instanceId);
        if (set == null) {
            throw new NodeOperatorException("no simulated node of instance " + instanceId, false);
        }
        return set;
    }

    private static String key(String instanceId, String nodeName) {
        return instanceId + "/" + nodeName;
    }
}
