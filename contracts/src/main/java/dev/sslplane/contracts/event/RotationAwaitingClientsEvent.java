package dev.sslplane.contracts.event;

import java.time.Instant;

/**
 * A rotation with {@code holdOldCa} finished pass {@code afterPass}: every node has its new certificate and trusts
 * both CAs. It waits until clients have the new CA and the rotation is finished; other operations are refused.
 */
public record RotationAwaitingClientsEvent(String instanceId, String operationId, int afterPass, Instant since)
        implements SslEvent {
}
