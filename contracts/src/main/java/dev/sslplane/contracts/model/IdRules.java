package dev.sslplane.contracts.model;

import java.util.regex.Pattern;

/**
 * The shapes of identifiers every service agrees on: the command service enforces them on input, the query
 * service on ids in paths and parameters, the restart worker on the events it turns into jobs and on job
 * lookups.
 *
 * <p>Instance ids, operation ids and node names all follow {@link #ID}. The command service is their only
 * producer: it refuses instance ids and node names of another shape on registration, and it makes operation ids
 * itself ({@code op-} and a UUID, 39 characters), all since its first version. The query service used to accept
 * ids of up to 128 characters with {@code :} in paths, and the worker operation ids of any characters up to 128;
 * no instance, operation or node of such a shape can exist (the producer never made one), so both now apply
 * {@link #ID} too: such a lookup is refused as invalid instead of answering "not found", and an event with such an
 * operation id is dead-lettered as malformed. Nothing either side could have stored or found before is refused.
 *
 * <p>Keys chosen by clients (command ids, idempotency keys, actors) are longer and may hold {@code :}: see
 * {@link #CLIENT_KEY}. Hosts registered for nodes follow {@link #isHost}. The SSH settings of the systemd operator
 * keep their own, looser host rule ({@link SystemdTarget}): registrations accepted with it must stay valid.
 */
public final class IdRules {

    /** Instance, operation and node ids: safe in paths, logs, Mongo keys and Kafka keys; at most 64 characters. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Command ids and idempotency keys chosen by clients (UUIDs, ULIDs, prefixed ids); at most 128 characters. */
    public static final Pattern CLIENT_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** A DNS name (RFC 1123 labels) or an IPv4 address. */
    public static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    /** An IPv6 address in its textual form (checked loosely; the certificate code parses it). */
    public static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IdRules() {
    }

    /** Whether {@code value} is a valid instance id, operation id or node name. */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** Whether {@code value} is a valid client-chosen key (command id, idempotency key). */
    public static boolean isClientKey(String value) {
        return value != null && CLIENT_KEY.matcher(value).matches();
    }

    /** Whether {@code value} is a DNS name, an IPv4 address or (loosely) an IPv6 address. */
    public static boolean isHost(String value) {
        return value != null && (HOST.matcher(value).matches() || (value.contains(":") && IPV6.matcher(value).matches()));
    }
}
