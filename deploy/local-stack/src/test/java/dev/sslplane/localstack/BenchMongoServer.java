package dev.sslplane.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** An in-memory MongoDB-wire server as its own process, for {@link EnableLatencyStackBenchmark}. */
public final class BenchMongoServer {

    public static void main(String[] args) throws InterruptedException {
        var server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", Integer.parseInt(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-shutdown"));
        Thread.currentThread().join();
    }

    private BenchMongoServer() {
    }
}
