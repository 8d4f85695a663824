package dev.sslplane.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's MongoDB: a MongoDB-wire server (mongo-java-server) storing to one H2 MVStore file, run as its
 * own process.
 *
 * <p>Like a journaled mongod, it survives SIGKILL with every acknowledged write and no torn one:
 * <ul>
 *   <li>H2 commits on its own only about once a second, so a SIGKILL would lose acknowledged writes. This server
 *   commits the store after every command, before the reply leaves, and never in between (auto-commit is off).</li>
 *   <li>A commit saves every map as it is at that moment. mongo-java-server writes a document first and its index
 *   entries after, so a commit while another command is between the two would save a document its unique index
 *   does not know: after a SIGKILL, inserting that {@code _id} again fails with an internal error for ever instead
 *   of a duplicate-key error. Commands therefore run under a shared lock and a commit takes it exclusively: it
 *   only ever saves whole commands.</li>
 * </ul>
 * It does not fsync, so it does not survive a power cut — the local stack is not a production database.
 */
public final class DurableMongoServer {

    private static final Logger log = LoggerFactory.getLogger(DurableMongoServer.class);

    /** An H2 backend that commits whole commands, and before every reply. */
    static class CommitPerWriteBackend extends H2Backend {

        private final ReentrantReadWriteLock commandsVersusCommit = new ReentrantReadWriteLock();

        CommitPerWriteBackend(String file) {
            super(new MVStore.Builder().fileName(file).autoCommitDisabled().open());
        }

        /** Every write arrives here: an OP_MSG and a legacy {@code $cmd} query are both handed to this method. */
        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            commandsVersusCommit.readLock().lock();
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                commandsVersusCommit.readLock().unlock();
                if (commandsVersusCommit.getReadHoldCount() == 0) { // not a command run inside another one
                    commitAlone();
                }
            }
        }

        private void commitAlone() {
            commandsVersusCommit.writeLock().lock();
            try {
                commit();
            } finally {
                commandsVersusCommit.writeLock().unlock();
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
