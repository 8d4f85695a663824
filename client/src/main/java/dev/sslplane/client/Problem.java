package dev.sslplane.client;

import dev.sslplane.contracts.error.ErrorCode;
import java.util.Map;

/**
 * An RFC 7807 problem document as a service answered it, or as this client made it from a Kafka
 * {@code CommandResult} (then {@code status} is the code's own status and {@code type} is {@code null}).
 *
 * @param code       the stable code as sent ({@code SSL_ALREADY_ENABLED}); {@code HTTP_<status>} when the answer had
 *                   none (a proxy's error page, say)
 * @param properties every other member of the document: for refusals because of a running operation, its
 *                   {@code progress}; for validation failures, {@code violations}
 */
public record Problem(int status, String type, String title, String detail, String code,
                      Map<String, Object> properties) {

    public Problem {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The code as the contracts enum, or {@code null} when this client version does not know it. */
    public ErrorCode errorCode() {
        try {
            return code == null ? null : ErrorCode.valueOf(code);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The detail if the service sent one, else the title, else the code: always something a person can read. */
    public String words() {
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        return title != null && !title.isBlank() ? title : code;
    }
}
