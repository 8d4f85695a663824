package dev.sslplane.fleet.wire;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * A node's backend: its own commands first ({@link NodeCommands}), then the H2 data store. Commands arrive
 * both as OP_QUERY ({@link #handleCommand}) and as OP_MSG ({@link #handleMessage}); the store's own
 * dispatch would never come back here, so both are intercepted. Every change is committed at once, so a
 * killed fleet loses no acknowledged write.
 */
public final class NodeBackend implements MongoBackend {

    private final H2Backend store;
    private final NodeCommands commands;

    public NodeBackend(H2Backend store, NodeCommands commands) {
        this.store = store;
        this.commands = commands;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document own = commands.handle(databaseName, command, query);
        if (own != null) {
            return own;
        }
        try {
            return store.handleCommand(channel, databaseName, command, query);
        } finally {
            store.commit();
        }
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document body = message.getDocument();
        String command = body.keySet().iterator().next();
        Document own = commands.handle(message.getDatabaseName(), command, body);
        if (own != null) {
            return own;
        }
        try {
            return store.handleMessage(message);
        } finally {
            store.commit();
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return store.handleQuery(query);
    }

    @Override
    public void handleClose(Channel channel) {
        store.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        store.dropDatabase(database);
        store.commit();
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return store.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return store.getServerStatus();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        store.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return store.getClock();
    }

    @Override
    public void enableOplog() {
        store.enableOplog();
    }

    @Override
    public void disableOplog() {
        store.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return store.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        store.version(version);
        return this;
    }
}
