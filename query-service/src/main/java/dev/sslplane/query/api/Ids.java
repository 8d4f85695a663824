package dev.sslplane.query.api;

import java.util.regex.Pattern;

/** Validation of ids that arrive in paths and parameters. */
final class Ids {

    /** Letters, digits and {@code . _ : -}, starting with a letter or digit, at most 128 characters. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    static String instanceId(String value) {
        return require(value, "instanceId");
    }

    static String operationId(String value) {
        return require(value, "operationId");
    }

    static String require(String value, String name) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiException.validation(name + " must be 1-128 letters, digits or . _ : - and start with a"
                    + " letter or digit");
        }
        return value;
    }

    private Ids() {
    }
}
