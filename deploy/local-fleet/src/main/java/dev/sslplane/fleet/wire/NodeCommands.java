package dev.sslplane.fleet.wire;

import de.bwaldvogel.mongo.bson.Document;
import dev.sslplane.fleet.mongod.Engine;
import dev.sslplane.fleet.mongod.TlsMode;
import dev.sslplane.fleet.replset.HelloView;
import dev.sslplane.fleet.replset.MemberStatus;
import dev.sslplane.fleet.replset.ReplicaSet;
import dev.sslplane.fleet.replset.StepDownRefused;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands a node answers itself, as the engine it claims would, before mongo-java-server sees them:
 * the handshake (wire version, set membership), buildInfo, the replica-set commands and the TLS-mode
 * parameters. Everything else goes to the data backend; writes only on the primary, as on mongod.
 */
public final class NodeCommands {

    private static final Logger log = LoggerFactory.getLogger(NodeCommands.class);
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "drop", "createindexes", "dropindexes", "renamecollection", "dropdatabase");

    private final Engine engine;
    private final AtomicReference<TlsMode> mode;
    private final ReplicaSet replicaSet;
    private final String member;
    private final Runnable closeClientConnections;

    public NodeCommands(Engine engine, AtomicReference<TlsMode> mode, ReplicaSet replicaSet, String member,
                        Runnable closeClientConnections) {
        this.engine = engine;
        this.mode = mode;
        this.replicaSet = replicaSet;
        this.member = member;
        this.closeClientConnections = closeClientConnections;
    }

    /** The node's own answer, or null when the data backend should answer. */
    Document handle(String database, String command, Document body) {
        String name = command.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "ismaster", "hello" -> hello();
            case "buildinfo" -> Replies.ok(new Document("version", engine.version())
                    .append("gitVersion", "local-fleet").append("versionArray", engine.versionArray())
                    .append("maxBsonObjectSize", 16 * 1024 * 1024));
            case "replsetgetstatus" -> adminOnly(database, command, this::status);
            case "replsetstepdown" -> adminOnly(database, command, () -> stepDown(body.get(command), body));
            case "setparameter" -> adminOnly(database, command, () -> TlsModeParameter.set(engine, mode, body));
            case "getparameter" -> adminOnly(database, command, () -> TlsModeParameter.get(engine, mode, body));
            default -> WRITES.contains(name) && !"local".equals(database) && !replicaSet.isPrimary(member)
                    ? Replies.error(10107, "NotMaster", "not master") : null;
        };
    }

    private Document hello() {
        HelloView view = replicaSet.helloOf(member);
        var reply = new Document("ismaster", view.primary()).append("secondary", !view.primary())
                .append("setName", view.setName()).append("setVersion", 1).append("hosts", view.hosts());
        if (view.primaryHost() != null) {
            reply.append("primary", view.primaryHost());
        }
        if (view.hidden()) {
            reply.append("hidden", true).append("passive", true);
        }
        reply.append("me", view.me())
                .append("lastWrite", new Document("opTime", Replies.optime(view.lastWrite()))
                        .append("lastWriteDate", Replies.date(view.lastWrite())))
                .append("maxBsonObjectSize", 16 * 1024 * 1024)
                .append("maxMessageSizeBytes", 48_000_000)
                .append("maxWriteBatchSize", 100_000)
                .append("localTime", Instant.now())
                .append("minWireVersion", 0)
                .append("maxWireVersion", engine.maxWireVersion())
                .append("readOnly", false);
        return Replies.ok(reply);
    }

    private Document status() {
        var members = new ArrayList<Document>();
        for (MemberStatus m : replicaSet.statusSeenBy(member)) {
            var entry = new Document("_id", m.id()).append("name", m.hostPort()).append("health", m.health() ? 1.0 : 0.0)
                    .append("state", m.state()).append("stateStr", m.stateStr())
                    .append("optime", Replies.optime(m.optime())).append("optimeDate", Replies.date(m.optime()));
            if (m.self()) {
                entry.append("self", true);
            } else {
                if (m.lastHeartbeat() != null) {
                    entry.append("lastHeartbeat", m.lastHeartbeat());
                }
                entry.append("lastHeartbeatMessage", m.lastHeartbeatMessage());
            }
            if (m.hidden()) {
                entry.append("hidden", true);
            }
            members.add(entry);
        }
        String myState = replicaSet.replState(member);
        return Replies.ok(new Document("set", replicaSet.setName()).append("date", Instant.now())
                .append("myState", "PRIMARY".equals(myState) ? 1 : 2).append("members", members));
    }

    private Document stepDown(Object secondsValue, Document body) {
        if (!(secondsValue instanceof Number seconds)) {
            return Replies.error(14, "TypeMismatch", "stepdown period must be a number");
        }
        int catchUp = body.get("secondaryCatchUpPeriodSecs") instanceof Number n ? n.intValue() : 10;
        if (seconds.intValue() < catchUp) {
            return Replies.badValue("stepdown period must be longer than secondaryCatchUpPeriodSecs");
        }
        boolean force = Boolean.TRUE.equals(body.get("force"));
        try {
            String successor = replicaSet.stepDown(member, seconds.intValue(), catchUp, force);
            log.info("{} stepped down (successor: {})", member, successor);
        } catch (StepDownRefused e) {
            return Replies.error(e.code(), e.codeName(), e.getMessage());
        }
        if (!engine.knowsTls()) {
            // 3.4 and 4.0 close every client connection on step-down, the caller's included, without an answer
            closeClientConnections.run();
        }
        return Replies.ok(new Document());
    }

    private static Document adminOnly(String database, String command, Supplier<Document> run) {
        if (!"admin".equals(database)) {
            return Replies.error(13, "Unauthorized", command + " may only be run against the admin database.");
        }
        return run.get();
    }
}
