package dev.sslplane.contracts.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The JSON envelope of every record on {@code ssl.events} and {@code ssl.restart-progress}.
 *
 * @param type          message type name, see {@link MessageTypes}
 * @param schemaVersion version of the payload's schema for that type
 * @param eventId       unique id of the event (or report); stable across redeliveries
 * @param instanceId    the instance the message is about (also the record key)
 * @param sequence      aggregate sequence number on {@code ssl.events}; {@code null} on progress reports
 * @param occurredAt    when it happened
 * @param actor         who caused it: an authenticated principal, or {@code system:<service>}
 * @param operationId   the operation it belongs to, if any
 * @param payload       the message itself
 */
public record EventEnvelope(
        String type,
        int schemaVersion,
        String eventId,
        String instanceId,
        Long sequence,
        Instant occurredAt,
        String actor,
        String operationId,
        JsonNode payload) {
}
