package dev.sslplane.contracts.messaging;

/** Payload of a cancel command on {@code ssl.commands}: the scheduled operation to cancel. */
public record CancelScheduledOperationRequest(String operationId) {
}
