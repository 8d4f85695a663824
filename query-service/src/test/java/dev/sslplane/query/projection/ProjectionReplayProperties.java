package dev.sslplane.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.query.readmodel.CollectionDigests;
import dev.sslplane.query.readmodel.ReadModelStore;
import dev.sslplane.query.support.InMemoryMongo;
import dev.sslplane.query.support.Lifecycle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any stream a real consumer can see - each instance's events in sequence order, instances interleaved, with
 * already-seen suffixes redelivered (as after a rebalance), cut into arbitrary batches - yields exactly the read
 * models of one clean pass (equal digests of every collection).
 */
class ProjectionReplayProperties {

    private static final Duration T = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static InMemoryMongo mongo;
    private static MongoClient client;

    @BeforeContainer
    static void startMongo() {
        mongo = new InMemoryMongo();
        client = MongoClients.create(mongo.uri("x"));
    }

    @AfterContainer
    static void stopMongo() {
        client.close();
        mongo.close();
    }

    @Property(tries = 50)
    void redeliveriesAndInterleavingGiveTheReadModelsOfOneCleanPass(
            @ForAll @IntRange(min = 1, max = 4) int instances,
            @ForAll long scriptSeed,
            @ForAll long deliverySeed) {
        List<List<ProjectedEvent>> perInstance = new ArrayList<>();
        var scripts = new Random(scriptSeed);
        for (int i = 0; i < instances; i++) {
            perInstance.add(script("rs-" + i, scripts));
        }

        List<ProjectedEvent> clean = perInstance.stream().flatMap(List::stream).toList();
        List<ProjectedEvent> delivered = deliver(perInstance, new Random(deliverySeed));

        Map<String, CollectionDigests.Digest> once = project(List.of(clean));
        Map<String, CollectionDigests.Digest> messy = project(batches(delivered, new Random(deliverySeed + 1)));

        assertThat(messy).isEqualTo(once);
        // a rebuild reads every record once, in arbitrary batches, into fresh collections
        assertThat(rebuild(batches(interleave(perInstance, new Random(deliverySeed + 2)),
                new Random(deliverySeed + 3)))).isEqualTo(once);
        assertThat(once.get("audit").documents()).isEqualTo(clean.stream().filter(ProjectedEvent::known).count());
    }

    private static Map<String, CollectionDigests.Digest> project(List<List<ProjectedEvent>> batches) {
        var store = new ReadModelStore(client.getDatabase("p" + UUID.randomUUID().toString().replace("-", "")));
        store.initialize().block(T);
        var projection = new ProjectionService(new ProjectionMetrics(new SimpleMeterRegistry()),
                new OperationChanges());
        for (List<ProjectedEvent> batch : batches) {
            projection.project(batch, store.active(), true).block(T);
        }
        return CollectionDigests.of(store.active()).block(T);
    }

    private static Map<String, CollectionDigests.Digest> rebuild(List<List<ProjectedEvent>> batches) {
        var store = new ReadModelStore(client.getDatabase("r" + UUID.randomUUID().toString().replace("-", "")));
        store.initialize().block(T);
        var projection = new ProjectionService(new ProjectionMetrics(new SimpleMeterRegistry()),
                new OperationChanges());
        var cache = new RebuildCache();
        for (List<ProjectedEvent> batch : batches) {
            projection.projectFresh(batch, store.active(), cache).block(T);
            if (batch.size() % 3 == 0) {
                projection.flushFresh(store.active(), cache).block(T); // flushes at arbitrary points
            }
        }
        projection.flushFresh(store.active(), cache).block(T);
        return CollectionDigests.of(store.active()).block(T);
    }

    static List<ProjectedEvent> interleave(List<List<ProjectedEvent>> perInstance, Random r) {
        int[] next = new int[perInstance.size()];
        var out = new ArrayList<ProjectedEvent>();
        int remaining = perInstance.stream().mapToInt(List::size).sum();
        while (remaining > 0) {
            int i = r.nextInt(next.length);
            if (next[i] < perInstance.get(i).size()) {
                out.add(perInstance.get(i).get(next[i]++));
                remaining--;
            }
        }
        return out;
    }

    /**
     * A random but valid life of one instance: enable (with or without requireTLS), rotate (held for clients or
     * not), TLS enforcement on and off, disable, with failures and retries in any pass, aborts (rolled back when a
     * step was done) before any step; now and then an instance
     * whose events have the shapes of schema version 1 (one pass, no roles or read-backs).
     */
    static List<ProjectedEvent> script(String instanceId, Random r) {
        var life = new Lifecycle(instanceId, T0.plusSeconds(r.nextInt(1000)), 1 + r.nextInt(3)).register();
        boolean v1 = r.nextInt(4) == 0;
        if (v1) {
            life.schemaV1();
        }
        int operations = r.nextInt(6);
        boolean enabled = false;
        CertificateInfo ca = null;
        operations:
        for (int k = 0; k < operations; k++) {
            String op = instanceId + "-op" + k;
            CertificateInfo caBefore = ca;
            boolean enabledBefore = enabled;
            TlsMode modeBefore = life.mode();
            OperationKind kind;
            int choice = r.nextInt(v1 ? 2 : 3);
            if (!v1 && r.nextInt(4) == 0) {
                scheduleFirst(life, op, r);
            }
            if (!enabled) {
                ca = life.newCa();
                life.enable(op, ca, !v1 && r.nextBoolean());
                kind = OperationKind.ENABLE;
                enabled = true;
            } else if (choice == 0) {
                CertificateInfo next = life.newCa();
                life.rotate(op, next, ca.serial(), !v1 && r.nextBoolean());
                ca = next;
                kind = OperationKind.ROTATE;
            } else if (choice == 1) {
                life.disable(op, ca.serial());
                ca = null;
                kind = OperationKind.DISABLE;
                enabled = false;
            } else {
                boolean require = life.mode() != TlsMode.REQUIRE;
                life.enforce(op, require);
                kind = require ? OperationKind.ENFORCE_TLS : OperationKind.RELAX_TLS;
            }
            if (r.nextInt(8) == 0) {
                life.unknownType();
            }
            boolean last = k == operations - 1;
            int attempt = 1;
            while (!life.pendingSteps().isEmpty()) {
                if (life.heldNow()) {
                    life.awaitClients(op);
                    if (last && r.nextBoolean()) {
                        return life.events(); // left waiting for clients
                    }
                    life.finishRotation(op, attempt);
                    continue;
                }
                if (!v1 && r.nextInt(10) == 0) {
                    // aborted; a rollback brings back the state before the operation when a step was done
                    abortAndRollBack(life, op, kind, caBefore, enabledBefore, modeBefore, r);
                    ca = caBefore;
                    enabled = enabledBefore;
                    continue operations;
                }
                String node = life.pendingNodes().get(0);
                life.nodeStarted(op, node, attempt);
                boolean issuesCertificates = kind == OperationKind.ENABLE || kind == OperationKind.ROTATE;
                if (!v1 && issuesCertificates && r.nextInt(3) > 0) {
                    life.nodeCertificateIssued(op, node, 1 + r.nextInt(400), leaf -> { });
                }
                if (r.nextInt(5) == 0 && attempt < 3) {
                    life.fail(op, kind, node);
                    if (last && r.nextBoolean()) {
                        return life.events(); // left failed, waiting for a retry
                    }
                    life.retry(op, kind, ca, ++attempt);
                    continue;
                }
                life.nodeRestarted(op, node);
                if (last && r.nextInt(6) == 0) {
                    return life.events(); // still running
                }
            }
            life.complete(op, kind);
        }
        return life.events();
    }

    private static void abortAndRollBack(Lifecycle life, String op, OperationKind kind, CertificateInfo caBefore,
                                         boolean enabledBefore, TlsMode modeBefore, Random r) {
        int reached = life.reachedPass();
        if (r.nextBoolean()) {
            life.abortRequested(op, kind);
        }
        SslStatus sslBefore = enabledBefore ? SslStatus.ENABLED : SslStatus.DISABLED;
        life.aborted(op, kind, "RUNNING", reached > 0, sslBefore, modeBefore, caBefore);
        if (r.nextBoolean()) {
            // the worker's read-back, the last node sometimes unread
            var unread = r.nextBoolean() ? java.util.Map.of(life.nodes.get(life.nodes.size() - 1).name(), "timeout")
                    : java.util.Map.<String, String>of();
            life.emit(new dev.sslplane.contracts.event.NodeTlsStatesObservedEvent(life.instanceId, op, T0,
                    life.nodeStates(), unread, reached > 0, reached > 0 ? sslBefore : null,
                    reached > 0 ? modeBefore : null, reached > 0 ? caBefore : null), "system:restart-worker");
        }
        if (reached > 0) {
            String rollback = op + "-rollback";
            life.rollBack(rollback, op, kind, reached, modeBefore, caBefore).restartAll(rollback, 1)
                    .complete(rollback, OperationKind.ROLLBACK);
        }
    }

    /**
     * Maintenance window: now and then a cancelled operation before the next one, or the next one scheduled (maybe
     * deferred) before it starts under the same id. The kind recorded does not matter to the property.
     */
    private static void scheduleFirst(Lifecycle life, String op, Random r) {
        Instant opens = T0.plus(Duration.ofDays(1 + r.nextInt(6)));
        if (r.nextBoolean()) {
            life.schedule(op + "-cancelled", OperationKind.DISABLE, opens);
            life.cancelScheduled(op + "-cancelled", OperationKind.DISABLE);
            return;
        }
        life.schedule(op, OperationKind.ENABLE, opens);
        if (r.nextInt(3) == 0) {
            life.defer(op, OperationKind.ENABLE, opens);
        }
    }

    /** Interleaves the instances; now and then re-delivers everything from an earlier point on. */
    static List<ProjectedEvent> deliver(List<List<ProjectedEvent>> perInstance, Random r) {
        int[] next = new int[perInstance.size()];
        var out = new ArrayList<ProjectedEvent>();
        var firstPass = new ArrayList<ProjectedEvent>();
        while (true) {
            var open = new ArrayList<Integer>();
            for (int i = 0; i < next.length; i++) {
                if (next[i] < perInstance.get(i).size()) {
                    open.add(i);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            if (!firstPass.isEmpty() && r.nextInt(10) == 0) {
                int from = r.nextInt(firstPass.size());
                out.addAll(firstPass.subList(from, firstPass.size()));
            }
            int i = open.get(r.nextInt(open.size()));
            ProjectedEvent e = perInstance.get(i).get(next[i]++);
            out.add(e);
            firstPass.add(e);
        }
        if (r.nextBoolean()) {
            out.addAll(firstPass.subList(r.nextInt(firstPass.size()), firstPass.size()));
        }
        return out;
    }

    static List<List<ProjectedEvent>> batches(List<ProjectedEvent> events, Random r) {
        var batches = new ArrayList<List<ProjectedEvent>>();
        int i = 0;
        while (i < events.size()) {
            int size = 1 + r.nextInt(12);
            batches.add(events.subList(i, Math.min(events.size(), i + size)));
            i += size;
        }
        return batches;
    }
}
