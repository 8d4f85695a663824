package dev.sslplane.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's MongoDB: a MongoDB-wire server (mongo-java-server) storing to one H2 MVStore file, run as its
 * own process.
 *
 * <p>H2 commits on its own only about once a second, so a SIGKILL loses writes that were already acknowledged.
 * This server commits the store after every command, before the reply leaves: an acknowledged write is in the
 * file (the OS page cache), so it survives the process being killed. It does not fsync, so it does not survive a
 * power cut — the local stack is not a production database.
 */
public final class DurableMongoServer {

    private static final Logger log = LoggerFactory.getLogger(DurableMongoServer.class);

    /** An H2 backend that commits before every reply. */
    static final class CommitPerWriteBackend extends H2Backend {

        CommitPerWriteBackend(String file) {
            super(file);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                commit();
            }
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            try {
                return super.handleMessage(message);
            } finally {
                commit();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DurableMongoServer <port> <data-file>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        var backend = new CommitPerWriteBackend(file.toString());
        backend.enableOplog();
        var server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping MongoDB-wire server");
            server.shutdown();
        }, "mongo-shutdown"));
        log.info("MongoDB-wire server listening on 127.0.0.1:{}, data in {}", port, file);
        Thread.currentThread().join();
    }

    private DurableMongoServer() {
    }
}
