package dev.sslplane.client;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.IdRules;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Checks ids before they become part of a URL path, with the services' own rule, and makes client keys. */
final class Ids {

    private Ids() {
    }

    /** The id if it follows {@link IdRules#ID}; otherwise the refusal the service would answer, without a call. */
    static String require(String what, String id) {
        if (!IdRules.isId(id)) {
            String message = what + " must match " + IdRules.ID.pattern();
            throw new InvalidRequestException(new Problem(400, null, "Validation failed", message,
                    ErrorCode.VALIDATION_FAILED.name(), Map.of("violations", List.of(message))));
        }
        return id;
    }

    /** A fresh key following {@link IdRules#CLIENT_KEY}: {@code prefix:uuid}. */
    static String newKey(String prefix) {
        return prefix + ":" + UUID.randomUUID();
    }
}
