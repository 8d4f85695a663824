package dev.sslplane.query.api;

import dev.sslplane.contracts.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Opaque page cursors: base64url of the sort key of the last item returned. Pages stay stable while new
 * entries arrive because the next page starts strictly after that key.
 */
final class Cursors {

    /** Position in the instance list (ordered by id). */
    record InstanceCursor(String afterId) {
    }

    /** Position in the audit trail (ordered by time, then event id). */
    record AuditCursor(Instant occurredAt, String eventId) {
    }

    static String instance(String lastId) {
        return encode("i|" + lastId);
    }

    static String audit(Instant occurredAt, String eventId) {
        return encode("a|" + occurredAt.toEpochMilli() + "|" + eventId);
    }

    static InstanceCursor parseInstance(String cursor) {
        String raw = decode(cursor);
        if (!raw.startsWith("i|") || raw.length() < 3) {
            throw invalid();
        }
        return new InstanceCursor(raw.substring(2));
    }

    static AuditCursor parseAudit(String cursor) {
        String[] parts = decode(cursor).split("\\|", 3);
        if (parts.length != 3 || !"a".equals(parts[0]) || parts[2].isEmpty()) {
            throw invalid();
        }
        try {
            return new AuditCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor.length() > 512) {
            throw invalid();
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_CURSOR,
                "The cursor is not one this API returned; start again without a cursor");
    }

    private Cursors() {
    }
}
