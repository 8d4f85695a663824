package dev.sslplane.query.api;

import java.time.Instant;

/** One audit entry: who did what to which instance, when. */
public record AuditEntryResponse(
        String eventId,
        String instanceId,
        long sequence,
        String type,
        String actor,
        Instant occurredAt,
        String operationId,
        String summary) {
}
