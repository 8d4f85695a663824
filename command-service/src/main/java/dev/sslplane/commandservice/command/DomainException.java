package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.error.ErrorCode;
import java.util.Map;

/** A command broke a rule. Carries a stable {@link ErrorCode} and details the REST layer shows to the client. */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final transient Map<String, Object> details;

    public DomainException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public DomainException(ErrorCode code, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
