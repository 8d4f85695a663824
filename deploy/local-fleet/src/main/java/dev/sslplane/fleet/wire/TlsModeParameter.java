package dev.sslplane.fleet.wire;

import de.bwaldvogel.mongo.bson.Document;
import dev.sslplane.fleet.mongod.Engine;
import dev.sslplane.fleet.mongod.TlsMode;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runtime parameters {@code sslMode} (all engines) and {@code tlsMode} (4.2): each answers in its own
 * words and moves only allow → prefer → require, because mongod cannot drop TLS from running connections.
 */
final class TlsModeParameter {

    private TlsModeParameter() {
    }

    static Document set(Engine engine, AtomicReference<TlsMode> mode, Document body) {
        String family = family(engine, body);
        if (family == null) {
            return unknown(body);
        }
        String parameter = family + "Mode";
        Object value = body.get(parameter);
        TlsMode next = value instanceof String word ? TlsMode.parse(word, family).orElse(null) : null;
        TlsMode current = mode.get();
        if (next == null) {
            return Replies.badValue("Invalid value for " + parameter + ": " + value);
        }
        if (!current.canChangeAtRuntimeTo(next)) {
            return Replies.badValue("Illegal state transition for " + parameter + ", attempt to change from "
                    + current.word(family) + " to " + value);
        }
        mode.set(next);
        return Replies.ok(new Document("was", current.word(family)));
    }

    static Document get(Engine engine, AtomicReference<TlsMode> mode, Document body) {
        String family = family(engine, body);
        if (family == null) {
            return Replies.error(72, "InvalidOptions", "no option found to get");
        }
        return Replies.ok(new Document(family + "Mode", mode.get().word(family)));
    }

    /** {@code ssl} or {@code tls} for the parameter the command names, null for one the engine lacks. */
    private static String family(Engine engine, Document body) {
        if (body.containsKey("tlsMode") && engine.knowsTls()) {
            return "tls";
        }
        if (body.containsKey("sslMode")) {
            return "ssl";
        }
        return null;
    }

    private static Document unknown(Document body) {
        String name = body.keySet().stream().filter(k -> !"setParameter".equals(k)).findFirst().orElse("");
        return Replies.error(72, "InvalidOptions",
                "attempted to set unrecognized parameter [" + name + "], use help:true to see options ");
    }
}
