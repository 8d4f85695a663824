package dev.sslplane.query.readmodel;

import java.time.Instant;
import org.bson.Document;

/** Read model: one immutable audit entry per event, keyed by the event id. Never holds certificates or keys. */
public record AuditDoc(String eventId, String instanceId, long sequence, String type, String actor,
                       Instant occurredAt, String operationId, String summary) {

    public Document toDocument() {
        return new Document("_id", eventId).append("instanceId", instanceId).append("sequence", sequence)
                .append("type", type).append("actor", actor).append("occurredAt", Bsons.date(occurredAt))
                .append("operationId", operationId).append("summary", summary);
    }

    public static AuditDoc from(Document d) {
        return new AuditDoc(d.getString("_id"), d.getString("instanceId"), Bsons.longOrNull(d, "sequence"),
                d.getString("type"), d.getString("actor"), Bsons.instant(d, "occurredAt"),
                d.getString("operationId"), d.getString("summary"));
    }
}
