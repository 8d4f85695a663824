package dev.sslplane.fleet.wire;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import dev.sslplane.fleet.replset.Optime;
import java.time.Instant;

/** mongod's reply shapes. Errors are answered as documents: mongo-java-server drops an OP_QUERY connection on a thrown error. */
final class Replies {

    private Replies() {
    }

    static Document ok(Document reply) {
        return reply.append("ok", 1.0);
    }

    static Document error(int code, String codeName, String message) {
        return new Document("ok", 0.0).append("errmsg", message).append("code", code).append("codeName", codeName);
    }

    static Document badValue(String message) {
        return error(2, "BadValue", message);
    }

    static Document optime(Optime optime) {
        return new Document("ts", timestamp(optime)).append("t", optime.term());
    }

    static BsonTimestamp timestamp(Optime optime) {
        return new BsonTimestamp(((long) optime.seconds() << 32) | (optime.inc() & 0xFFFFFFFFL));
    }

    static Instant date(Optime optime) {
        return Instant.ofEpochSecond(optime.seconds());
    }
}
