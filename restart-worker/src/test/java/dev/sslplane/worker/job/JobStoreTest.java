package dev.sslplane.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.worker.support.Events;
import dev.sslplane.testsupport.TestCa;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checkpoints of several jobs due at once travel in one bulk write; each still applies only under its run's fence,
 * and a run whose lease was taken over hears so ({@link LeaseLostException}) while the others in the same write
 * go on.
 */
class JobStoreTest {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;
    private final MongoCollection<Document> collection;
    private final JobStore store;

    JobStoreTest() {
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        collection = client.getDatabase("worker_test").getCollection("jobs");
        store = new JobStore(collection);
        store.ensureIndexes().block();
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void checkpointsDueAtOnceApplyUnderTheirOwnFenceOnly() {
        var ca = new TestCa("store test CA", "Ed25519");
        int count = 12;
        var events = new ArrayList<OperationStartingEvent>();
        IntStream.range(0, count).forEach(i -> events.add(Events.enabled("rs-" + i, "op-" + i, ca,
                Events.threeNodes(27_100))));
        store.recordAll(events, Instant.now()).block();
        List<RestartJob> claimed = IntStream.range(0, count)
                .mapToObj(i -> store.claimNew("op-" + i, "w1", Instant.now(), Duration.ofMinutes(1)).block())
                .toList();
        // every third job was taken over by another worker (its fence moved on)
        for (int i = 0; i < count; i += 3) {
            Mono.from(collection.updateOne(new Document("_id", "op-" + i), Updates.inc("fence", 1L))).block();
        }

        // all at once: the first writes go alone, the others queue behind them and go together
        var outcomes = Flux.range(0, count)
                .flatMap(i -> store.stepDone(claimed.get(i), "1/p", 200 + i, null)
                        .thenReturn("done")
                        .onErrorResume(LeaseLostException.class, e -> Mono.just("lost"))
                        .map(outcome -> i + ":" + outcome), count)
                .collectList().block();

        for (int i = 0; i < count; i++) {
            boolean takenOver = i % 3 == 0;
            assertThat(outcomes).contains(i + ":" + (takenOver ? "lost" : "done"));
            var job = store.find("op-" + i).block();
            if (takenOver) {
                assertThat(job.completedSteps()).as("op-%d: no write without the fence", i).isEmpty();
            } else {
                assertThat(job.completedSteps()).as("op-%d", i).containsExactly("1/p");
                assertThat(job.doneSteps().get("1/p").unreachableMillis()).isEqualTo(200L + i);
            }
        }
    }

    @Test
    void aJobKeepsTheOperatorAndTargetItsInstanceNamedAndARetryCarriesItAgain() {
        var ca = new TestCa("store test CA", "Ed25519");
        var nodes = Events.threeNodes(27_100);
        var target = NodeOperatorTarget.systemd(new SystemdTarget("mongo-admin", "/etc/sslplane/ssh/key",
                "/etc/sslplane/ssh/known_hosts", true, null, null, "mongod", null,
                List.of(new SystemdTarget.SystemdHost("p", "10.0.0.5", 2222, "/etc/mongod.conf", null, null))));
        var plain = Events.enabled("rs-op", "op-op", ca, nodes);
        var enabled = new SslEnabledEvent(plain.instanceId(), plain.operationId(), plain.ca(), plain.nodes(),
                plain.collectionCount(), plain.engineVersion(), plain.requireTls(), plain.passes(), target);
        store.recordAll(List.of(enabled), Instant.now()).block();
        assertThat(store.find("op-op").block().instance().operator()).isEqualTo(target);

        var failed = store.claimNew("op-op", "w1", Instant.now(), Duration.ofMinutes(1)).block();
        store.finish(failed, JobState.FAILED, new RestartJob.Failure("p", 1, "NODE_OPERATOR", "no"), 10L,
                Instant.now()).block();
        var moved = NodeOperatorTarget.localFleet();
        var retry = Events.retried(enabled, Set.of(), 2);
        store.recordAll(List.of(new RestartRetriedEvent(retry.instanceId(), retry.operationId(), retry.kind(),
                retry.ca(), retry.nodes(), retry.collectionCount(), retry.completedNodes(), retry.attempt(),
                retry.engineVersion(), retry.previousCa(), retry.passes(), retry.completedSteps(),
                retry.holdAfterPass(), moved)), Instant.now()).block();
        assertThat(store.find("op-op").block().instance().operator()).isEqualTo(moved);
        assertThat(store.find("op-op").block().attempt()).isEqualTo(2);
    }

    @Test
    void aJobOfAnInstanceThatNamedNoOperatorHasNone() {
        var ca = new TestCa("store test CA", "Ed25519");
        store.recordAll(List.of(Events.enabled("rs-none", "op-none", ca, Events.threeNodes(27_100))),
                Instant.now()).block();
        assertThat(store.find("op-none").block().instance().operator()).isNull();
    }

    @Test
    void aLoneWriteWithAStaleFenceIsRefused() {
        var ca = new TestCa("store test CA", "Ed25519");
        store.recordAll(List.of(Events.enabled("rs-x", "op-x", ca, Events.threeNodes(27_100))), Instant.now())
                .block();
        var stale = store.claimNew("op-x", "w1", Instant.now(), Duration.ofMinutes(1)).block();
        var current = store.claim("w2", Instant.now().plus(Duration.ofMinutes(2)), Duration.ofMinutes(1)).block();
        assertThat(current.fence()).isGreaterThan(stale.fence());

        var refused = store.finish(stale, JobState.COMPLETED, null, 600L, Instant.now())
                .thenReturn("done").onErrorResume(LeaseLostException.class, e -> Mono.just("lost")).block();
        assertThat(refused).isEqualTo("lost");
        assertThat(store.find("op-x").block().outstanding()).isTrue();

        store.finish(current, JobState.COMPLETED, null, 600L, Instant.now()).block();
        assertThat(store.find("op-x").block().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aJobTheOldCodeRecordedResumesWithItsCompletedNodesAsPassOneSteps() {
        // as the worker wrote jobs before passes existed: no passes, engine, CAs of the past, steps or hold
        var legacy = new Document("_id", "op-old").append("instanceId", "rs-old").append("kind", "ENABLE")
                .append("caPem", "CA PEM")
                .append("nodes", List.of(new Document("name", "p").append("host", "127.0.0.1").append("port", 1)
                        .append("role", "PRIMARY").append("altNames", List.of())))
                .append("collectionCount", 5).append("attempt", 1).append("state", "FAILED")
                .append("completedNodes", List.of("p"))
                .append("unreachable", List.of(new Document("node", "p").append("millis", 250L)))
                .append("outstanding", false).append("leaseOwner", null).append("leaseExpiresAt", new java.util.Date(0))
                .append("fence", 3L).append("createdAt", new java.util.Date());
        Mono.from(collection.insertOne(legacy)).block();

        RestartJob job = store.find("op-old").block();
        assertThat(job.completedSteps()).containsExactly("1/p");
        assertThat(job.doneSteps().get("1/p").unreachableMillis()).isEqualTo(250L);
        assertThat(job.doneSteps().get("1/p").observed()).isNull();
        assertThat(job.passes()).isEqualTo(Procedures.legacy(OperationKind.ENABLE));
        assertThat(job.engine()).isEqualTo(EngineVersion.V4_2);
        assertThat(job.holdAfterPass()).isNull();
        assertThat(job.changesBegan()).isFalse();
        assertThat(job.plan().passesToRun(job.nodeNames(), job.completedSteps())).isEmpty();

        // a retry the new command service emits for it names the same step
        var ca = new TestCa("store test CA", "Ed25519");
        var enabled = Events.enabled("rs-old", "op-old", ca, Events.threeNodes(27_100));
        store.record(new RestartRetriedEvent("rs-old", "op-old", OperationKind.ENABLE, enabled.ca(), enabled.nodes(),
                5, Set.of("p"), 2, null, null, null, Set.of(), null), Instant.now()).block();
        RestartJob retried = store.find("op-old").block();
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.state()).isEqualTo(JobState.PENDING);
        assertThat(retried.completedSteps()).containsExactly("1/p");
        assertThat(retried.passes()).isEqualTo(Procedures.legacy(OperationKind.ENABLE));
    }

    private RestartJob recordedAndClaimed(String operationId) {
        var ca = new TestCa("store test CA", "Ed25519");
        store.recordAll(List.of(Events.enabled("rs-" + operationId, operationId, ca, Events.threeNodes(27_100))),
                Instant.now()).block();
        return store.claimNew(operationId, "w1", Instant.now(), Duration.ofMinutes(1)).block();
    }

    @Test
    void anAbortAskedForMarksAWaitingOrRunningJobAndLeavesItsStateAndLease() {
        var running = recordedAndClaimed("op-run");
        assertThat(store.abortRequested("op-run").block()).isFalse();

        RestartJob marked = store.requestAbort("op-run", Instant.now()).block();
        assertThat(marked.abortRequested()).isTrue();
        assertThat(marked.state()).isEqualTo(JobState.RUNNING);
        assertThat(marked.fence()).as("the run keeps its lease: it stops itself after its step")
                .isEqualTo(running.fence());
        assertThat(store.abortRequested("op-run").block()).isTrue();
        assertThat(store.requestAbort("op-run", Instant.now()).block()).as("redelivery").isEqualTo(marked);

        store.finish(running, JobState.ABORTED, null, null, Instant.now()).block();
        assertThat(store.find("op-run").block().state()).isEqualTo(JobState.ABORTED);
        assertThat(store.find("op-run").block().outstanding()).isFalse();
    }

    @Test
    void anAbortAskedForAFailedOrHeldJobMakesItOutstandingForARunThatStopsIt() {
        var failed = recordedAndClaimed("op-failed");
        store.finish(failed, JobState.FAILED, new RestartJob.Failure("p", 1, "UNHEALTHY", "no"), null,
                Instant.now()).block();

        RestartJob rearmed = store.requestAbort("op-failed", Instant.now()).block();
        assertThat(rearmed.state()).isEqualTo(JobState.PENDING);
        assertThat(rearmed.outstanding()).isTrue();
        assertThat(rearmed.abortRequested()).isTrue();
        assertThat(rearmed.fence()).isGreaterThan(failed.fence());
        RestartJob claimed = store.claim("w2", Instant.now(), Duration.ofMinutes(1)).block();
        assertThat(claimed.operationId()).isEqualTo("op-failed");
        assertThat(claimed.abortRequested()).isTrue();
        assertThat(store.requestAbort("op-failed", Instant.now()).block().fence()).as("redelivery: no re-arm")
                .isEqualTo(claimed.fence());
    }

    @Test
    void anAbortAskedForACompletedOrUnknownJobChangesNothing() {
        var done = recordedAndClaimed("op-done");
        store.finish(done, JobState.COMPLETED, null, 10L, Instant.now()).block();
        RestartJob after = store.requestAbort("op-done", Instant.now()).block();
        assertThat(after.state()).isEqualTo(JobState.COMPLETED);
        assertThat(after.abortRequested()).isFalse();
        assertThat(store.abort("op-done", Instant.now()).block()).isFalse();
        assertThat(store.find("op-done").block().state()).isEqualTo(JobState.COMPLETED);

        assertThat(store.requestAbort("op-unknown", Instant.now()).blockOptional()).isEmpty();
        assertThat(store.abort("op-unknown", Instant.now()).block()).isFalse();
        assertThat(store.abortRequested("op-unknown").block()).isFalse();
    }

    @Test
    void anAbortedOperationEndsItsJobAndFencesOutTheRunStillGoing() {
        var running = recordedAndClaimed("op-gone");
        assertThat(store.abort("op-gone", Instant.now()).block()).isTrue();
        RestartJob aborted = store.find("op-gone").block();
        assertThat(aborted.state()).isEqualTo(JobState.ABORTED);
        assertThat(aborted.outstanding()).isFalse();
        assertThat(store.abort("op-gone", Instant.now()).block()).as("redelivery").isFalse();

        var write = store.stepDone(running, "1/p", 10, null).thenReturn("done")
                .onErrorResume(LeaseLostException.class, e -> Mono.just("lost")).block();
        assertThat(write).isEqualTo("lost");
        assertThat(store.claim("w2", Instant.now().plus(Duration.ofHours(1)), Duration.ofMinutes(1)).blockOptional())
                .as("nothing left to claim").isEmpty();

        // a retry (or a finishing rotation) recorded late never brings an aborted job back
        var ca = new TestCa("store test CA", "Ed25519");
        var enabled = Events.enabled("rs-op-gone", "op-gone", ca, Events.threeNodes(27_100));
        assertThat(store.record(Events.retried(enabled, Set.of(), 2), Instant.now()).block()).isFalse();
        assertThat(store.find("op-gone").block().state()).isEqualTo(JobState.ABORTED);
    }
}
