package dev.sslplane.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.worker.support.Events;
import dev.sslplane.worker.support.TestCa;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
                .flatMap(i -> store.nodeDone(claimed.get(i), "p", 200 + i)
                        .thenReturn("done")
                        .onErrorResume(LeaseLostException.class, e -> Mono.just("lost"))
                        .map(outcome -> i + ":" + outcome), count)
                .collectList().block();

        for (int i = 0; i < count; i++) {
            boolean takenOver = i % 3 == 0;
            assertThat(outcomes).contains(i + ":" + (takenOver ? "lost" : "done"));
            var job = store.find("op-" + i).block();
            if (takenOver) {
                assertThat(job.completedNodes()).as("op-%d: no write without the fence", i).isEmpty();
            } else {
                assertThat(job.completedNodes()).as("op-%d", i).containsExactly("p");
                assertThat(job.unreachable()).containsEntry("p", 200L + i);
            }
        }
    }

    @Test
    void aLoneWriteWithAStaleFenceIsRefused() {
        var ca = new TestCa("store test CA", "Ed25519");
        store.recordAll(List.of(Events.enabled("rs-x", "op-x", ca, Events.threeNodes(27_100))), Instant.now())
                .block();
        var stale = store.claimNew("op-x", "w1", Instant.now(), Duration.ofMinutes(1)).block();
        var current = store.claim("w2", Instant.now().plus(Duration.ofMinutes(2)), Duration.ofMinutes(1)).block();
        assertThat(current.fence()).isGreaterThan(stale.fence());

        var refused = store.finish(stale, JobState.COMPLETED, null, null, 600L, Instant.now())
                .thenReturn("done").onErrorResume(LeaseLostException.class, e -> Mono.just("lost")).block();
        assertThat(refused).isEqualTo("lost");
        assertThat(store.find("op-x").block().outstanding()).isTrue();

        store.finish(current, JobState.COMPLETED, null, null, 600L, Instant.now()).block();
        assertThat(store.find("op-x").block().state()).isEqualTo(JobState.COMPLETED);
    }
}
