package dev.sslplane.commandservice.vault;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/** A mongo-java-server on a free loopback port with a real sync driver client, for vault tests. */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;
    private final String connectionString;

    public EmbeddedMongo() {
        server = new MongoServer(new MemoryBackend());
        String connection = server.bindAndGetConnectionString();
        connectionString = connection;
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connection))
                // Fail fast when a test stops the server on purpose.
                .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .build());
    }

    public String connectionString() {
        return connectionString;
    }

    public MongoClient client() {
        return client;
    }

    public MongoCollection<Document> collection(String name) {
        return client.getDatabase("sslplane").getCollection(name);
    }

    public void stopServer() {
        server.shutdownNow();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
