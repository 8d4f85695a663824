package dev.sslplane.query.api;

import dev.sslplane.contracts.model.IdRules;

/** Validation of ids that arrive in paths and parameters, by the rule every service shares ({@link IdRules#ID}). */
final class Ids {

    static String instanceId(String value) {
        return require(value, "instanceId");
    }

    static String operationId(String value) {
        return require(value, "operationId");
    }

    static String nodeName(String value) {
        return require(value, "nodeName");
    }

    static String require(String value, String name) {
        if (!IdRules.isId(value)) {
            throw ApiException.validation(name + " must match " + IdRules.ID.pattern());
        }
        return value;
    }

    private Ids() {
    }
}
