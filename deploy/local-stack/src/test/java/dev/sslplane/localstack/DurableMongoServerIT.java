package dev.sslplane.localstack;

import dev.sslplane.nodeclient.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every acknowledged write survives SIGKILL of the local stack's MongoDB-wire server. */
class DurableMongoServerIT {

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

}
