package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import dev.sslplane.nodeclient.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * SIGKILL of the local stack's MongoDB-wire server keeps every acknowledged write, and no write half-done: after a
 * restart, every document is known to its unique indexes, as after a journaled mongod's crash.
 */
@Isolated("timing-sensitive child processes: not beside a stack start (see the POM)")
class DurableMongoServerIT {

    private static final int CRASHES = 3;
    private static final int WRITERS = 8;

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveKillMinusNine() throws Exception {
        int port = FreePorts.next();
        Path data = dir.resolve("mongo.mv");
        int written = 0;

        ChildProcess server = start(port, data);
        try (MongoClient client = client(port)) {
            MongoCollection<Document> docs = client.getDatabase("durability").getCollection("docs");
            for (int i = 0; i < 1500; i++) {
                docs.insertOne(new Document("_id", i).append("payload", "x".repeat(200)));
                written++;
            }
            // a replace and a delete are writes too
            docs.replaceOne(new Document("_id", 0), new Document("_id", 0).append("payload", "replaced"));
            docs.deleteOne(new Document("_id", 1));
        }
        server.kill();

        ChildProcess restarted = start(port, data);
        try (MongoClient client = client(port)) {
            MongoCollection<Document> docs = client.getDatabase("durability").getCollection("docs");
            assertThat(docs.countDocuments()).isEqualTo(written - 1);
            assertThat(docs.find(new Document("_id", 0)).first()).containsEntry("payload", "replaced");
            assertThat(docs.find(new Document("_id", 1)).first()).isNull();
        } finally {
            restarted.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void aKillDuringConcurrentWritesLeavesNoDocumentItsUniqueIndexDoesNotKnow() throws Exception {
        int port = FreePorts.next();
        Path data = dir.resolve("mongo.mv");
        Map<Integer, Integer> acknowledged = new ConcurrentHashMap<>();
        for (int crash = 0; crash < CRASHES; crash++) {
            ChildProcess server = start(port, data);
            try (MongoClient client = impatientClient(port)) {
                MongoCollection<Document> docs = torn(client);
                docs.createIndex(new Document("key", 1), new IndexOptions().unique(true));
                assertEveryDocumentIsIndexed(docs, acknowledged);
                writeConcurrentlyUntilKilled(docs, server, acknowledged);
            }
        }
        ChildProcess last = start(port, data);
        try (MongoClient client = impatientClient(port)) {
            assertEveryDocumentIsIndexed(torn(client), acknowledged);
        } finally {
            last.stop(Duration.ofSeconds(10));
        }
    }

    private static MongoCollection<Document> torn(MongoClient client) {
        return client.getDatabase("durability").getCollection("torn");
    }

    /** Writers insert as fast as they can; the server is killed while they do. */
    private static void writeConcurrentlyUntilKilled(MongoCollection<Document> docs, ChildProcess server,
                                                     Map<Integer, Integer> acknowledged) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        AtomicLong inserted = new AtomicLong();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                for (int i = acknowledged.getOrDefault(writer, -1) + 1; ; i++) {
                    try {
                        docs.insertOne(doc(writer, i));
                    } catch (MongoException killed) {
                        return;
                    }
                    acknowledged.put(writer, i);
                    inserted.incrementAndGet();
                }
            });
        }
        long before = inserted.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> inserted.get() > before + 2_000);
        server.kill();
        writers.shutdown();
        assertThat(writers.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    }

    /**
     * Every acknowledged write is stored, and inserting the last ones again fails as a duplicate (code 11000) where
     * stored and succeeds where not; any other answer is a document stored without its index entries (only a write
     * in flight at the kill can be torn, so the last few of each writer are enough to look at).
     */
    private static void assertEveryDocumentIsIndexed(MongoCollection<Document> docs,
                                                     Map<Integer, Integer> acknowledged) {
        for (var writer : List.copyOf(acknowledged.keySet())) {
            int last = acknowledged.get(writer);
            assertThat(docs.countDocuments(new Document("writer", writer))).as("writer %d's documents", writer)
                    .isBetween(last + 1L, last + 2L); // + 2: the one in flight, stored but its answer lost
            for (int i = Math.max(0, last - 20); i <= last + 1; i++) {
                try {
                    docs.insertOne(doc(writer, i));
                    assertThat(i).as("writer %d's acknowledged document %d is lost", writer, i).isGreaterThan(last);
                } catch (MongoWriteException e) {
                    assertThat(e.getError().getCategory()).as("inserting %d/%d again: %s", writer, i, e.getMessage())
                            .isEqualTo(ErrorCategory.DUPLICATE_KEY);
                }
            }
            acknowledged.put(writer, last + 1); // stored now, either way
        }
    }

    private static Document doc(int writer, int i) {
        return new Document("_id", writer + "-" + i).append("writer", writer).append("key", i * WRITERS + writer)
                .append("payload", "x".repeat(100));
    }

    private ChildProcess start(int port, Path data) throws Exception {
        ChildProcess process = ChildProcess.startJava("mongo", List.of("-Xmx256m", "-cp", ModuleClasspath.get()),
                List.of(DurableMongoServer.class.getName(), String.valueOf(port), data.toString()), Map.of(),
                dir.resolve("mongo.log"));
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("mongo process alive").isTrue();
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
        return process;
    }

    private static MongoClient client(int port) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .writeConcern(WriteConcern.ACKNOWLEDGED)
                .build());
    }

    /** Fails fast once the server is killed (instead of waiting 30 s to select a server for a retry). */
    private static MongoClient impatientClient(int port) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                .retryWrites(false)
                .build());
    }
}
