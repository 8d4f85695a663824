package dev.sslplane.contracts.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A command another service publishes on {@code ssl.commands}, keyed by instance id.
 *
 * @param commandId     chosen by the sender, unique per command; a redelivery with the same id is answered
 *                      again, never executed twice
 * @param type          one of {@link CommandTypes}
 * @param schemaVersion version of the payload's schema
 * @param instanceId    the instance to act on
 * @param issuedAt      when the sender issued it
 * @param payload       type-specific body ({@code RegisterInstanceRequest}, {@code EnableSslRequest},
 *                      {@code RotateCertificateRequest}, {@code RetryRestartRequest}, {@code FinishRotationRequest},
 *                      {@code TlsEnforcementRequest}, {@code OperationRequest}, {@code MaintenanceWindowRequest},
 *                      {@code CancelScheduledOperationRequest}, or empty)
 */
public record CommandEnvelope(
        String commandId,
        String type,
        int schemaVersion,
        String instanceId,
        Instant issuedAt,
        JsonNode payload) {
}
