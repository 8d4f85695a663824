package dev.sslplane.commandservice.intake;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Operation ids. Derived deterministically from what identifies a request (a Kafka commandId, an HTTP
 * Idempotency-Key) so that a redelivered or re-sent request names the same operation, which the aggregate
 * recognises as a repeat instead of starting a second one.
 */
public final class OperationIds {

    private OperationIds() {
    }

    public static String random() {
        return "op-" + UUID.randomUUID();
    }

    public static String fromCommandId(String commandId) {
        return derived("ssl.commands/" + commandId);
    }

    public static String fromIdempotencyKey(String instanceId, String action, String key) {
        return derived("http/" + instanceId + "/" + action + "/" + key);
    }

    private static String derived(String name) {
        return "op-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
