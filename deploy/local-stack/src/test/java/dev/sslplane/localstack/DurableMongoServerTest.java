package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a SIGKILL leaves is the last commit, so every commit must hold whole commands. mongo-java-server stores a
 * document before its index entries: a commit between the two would save a document its unique indexes do not
 * know, which a real mongod never leaves behind.
 */
class DurableMongoServerTest {

    private static final int WRITERS = 8;
    private static final int INSERTS_EACH = 400;

    @TempDir
    Path dir;

    @Test
    void everyCommitSavesWholeCommandsWhileManyClientsWrite() throws Exception {
        var backend = new CommitCheckingBackend(dir.resolve("mongo.mv").toString());
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (MongoClient client = MongoClients.create(new ConnectionString(
                "mongodb://127.0.0.1:" + address.getPort() + "/?maxPoolSize=" + WRITERS))) {
            MongoCollection<Document> docs = client.getDatabase("durability").getCollection("torn");
            docs.createIndex(new Document("key", 1), new IndexOptions().unique(true));
            List<Future<?>> done = new CopyOnWriteArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < INSERTS_EACH; i++) {
                        docs.insertOne(new Document("_id", writer + "-" + i).append("key", i * WRITERS + writer));
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            assertThat(docs.countDocuments()).isEqualTo((long) WRITERS * INSERTS_EACH);
        } finally {
            writers.shutdownNow();
            server.shutdownNow();
        }
        assertThat(backend.checkedCommits.get()).isGreaterThanOrEqualTo(WRITERS * INSERTS_EACH);
        assertThat(backend.tornCommits).as("commits saving a document without its index entries").isEmpty();
    }

    /** Before each commit, compares the number of documents with what each index of the collection counts. */
    static final class CommitCheckingBackend extends DurableMongoServer.CommitPerWriteBackend {

        final AtomicInteger checkedCommits = new AtomicInteger();
        final List<String> tornCommits = new CopyOnWriteArrayList<>();

        CommitCheckingBackend(String file) {
            super(file);
        }

        @Override
        public void commit() {
            var collection = resolveDatabase("durability").resolveCollection("torn", false);
            if (collection != null) {
                checkedCommits.incrementAndGet();
                int documents = collection.count();
                for (Index<?> index : collection.getIndexes()) {
                    if (index.getCount() != documents) {
                        tornCommits.add(index.getName() + " counts " + index.getCount() + " of " + documents);
                    }
                }
            }
            super.commit();
        }
    }
}
