package dev.sslplane.client.model;

import java.time.Instant;

/** One entry of the audit trail: who ({@code actor}) did what ({@code type}, {@code summary}) to which instance. */
public record AuditEntry(String eventId, String instanceId, long sequence, String type, String actor,
                         Instant occurredAt, String operationId, String summary) {
}
