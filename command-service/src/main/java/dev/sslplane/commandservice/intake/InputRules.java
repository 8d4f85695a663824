package dev.sslplane.commandservice.intake;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.IdRules;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Input checks shared by REST and Kafka intake. The shapes of ids, client keys and hosts are the ones every
 * service agrees on, in {@link IdRules}.
 */
public final class InputRules {

    /** MongoDB engine versions such as {@code 4.2} or {@code 4.2.24}. */
    public static final Pattern ENGINE_VERSION = Pattern.compile("\\d{1,2}\\.\\d{1,2}(\\.\\d{1,3})?");

    private InputRules() {
    }

    /** Throws {@code VALIDATION_FAILED} unless {@code value} is a valid id ({@link IdRules#ID}). */
    public static String requireId(String field, String value) {
        if (!IdRules.isId(value)) {
            throw invalid(List.of(field + " must match " + IdRules.ID.pattern()));
        }
        return value;
    }

    public static DomainException invalid(List<String> violations) {
        return new DomainException(ErrorCode.VALIDATION_FAILED,
                "request is invalid: " + String.join("; ", violations), Map.of("violations", List.copyOf(violations)));
    }
}
