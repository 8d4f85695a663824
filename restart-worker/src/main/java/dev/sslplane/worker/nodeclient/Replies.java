package dev.sslplane.worker.nodeclient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.BsonTimestamp;
import org.bson.Document;

/** Reads the reply documents of 3.4, 4.0 and 4.2 into the worker's records; tolerant of absent fields. */
final class Replies {

    private Replies() {
    }

    static Hello hello(Document reply) {
        return new Hello(flag(reply, "ismaster"), flag(reply, "secondary"), flag(reply, "hidden"),
                reply.getString("primary"), reply.getString("setName"),
                reply.get("maxWireVersion") instanceof Number n ? n.intValue() : 0);
    }

    static ReplicaSetStatus status(Document reply) {
        var members = new ArrayList<ReplicaSetStatus.MemberStatus>();
        for (Object entry : reply.getList("members", Object.class, List.of())) {
            if (entry instanceof Document member) {
                members.add(new ReplicaSetStatus.MemberStatus(
                        member.getString("name"),
                        member.get("health") instanceof Number health && health.doubleValue() == 1.0,
                        member.getString("stateStr"),
                        optime(member),
                        flag(member, "self"),
                        member.getString("lastHeartbeatMessage")));
            }
        }
        return new ReplicaSetStatus(reply.getString("set"), members);
    }

    /** {@code optimeDate} when present; else the seconds of {@code optime.ts} (pv1) or of {@code optime} (pv0). */
    private static Instant optime(Document member) {
        if (member.get("optimeDate") instanceof Date date) {
            return date.toInstant();
        }
        Object optime = member.get("optime");
        if (optime instanceof Document document) {
            optime = document.get("ts");
        }
        return optime instanceof BsonTimestamp ts ? Instant.ofEpochSecond(ts.getTime()) : null;
    }

    private static boolean flag(Document reply, String name) {
        Object value = reply.get(name);
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }
}
