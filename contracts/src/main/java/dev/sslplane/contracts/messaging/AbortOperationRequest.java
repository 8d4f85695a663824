package dev.sslplane.contracts.messaging;

/** Payload of an abort command on {@code ssl.commands}: the operation to abort. */
public record AbortOperationRequest(String operationId) {
}
