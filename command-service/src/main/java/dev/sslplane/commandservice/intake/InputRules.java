package dev.sslplane.commandservice.intake;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Shapes every external identifier must have, checked the same way for REST and Kafka input. */
public final class InputRules {

    /** Instance, operation and node ids: safe in paths, logs, Mongo keys and Kafka keys. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Command ids and idempotency keys chosen by clients (UUIDs, ULIDs, prefixed ids). */
    public static final Pattern CLIENT_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** MongoDB engine versions such as {@code 4.2} or {@code 4.2.24}. */
    public static final Pattern ENGINE_VERSION = Pattern.compile("\\d{1,2}\\.\\d{1,2}(\\.\\d{1,3})?");
    /** A DNS name (RFC 1123 labels) or an IPv4 address. */
    public static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    /** An IPv6 address in its textual form (checked loosely; the certificate code parses it). */
    public static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private InputRules() {
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    public static boolean isHost(String value) {
        return value != null && (HOST.matcher(value).matches() || (value.contains(":") && IPV6.matcher(value).matches()));
    }

    /** Throws {@code VALIDATION_FAILED} unless {@code value} is a valid id. */
    public static String requireId(String field, String value) {
        if (!isId(value)) {
            throw invalid(List.of(field + " must match " + ID.pattern()));
        }
        return value;
    }

    public static DomainException invalid(List<String> violations) {
        return new DomainException(ErrorCode.VALIDATION_FAILED,
                "request is invalid: " + String.join("; ", violations), Map.of("violations", List.copyOf(violations)));
    }
}
