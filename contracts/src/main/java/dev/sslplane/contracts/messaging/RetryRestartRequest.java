package dev.sslplane.contracts.messaging;

/** Body of a retry command on {@code ssl.commands}: the failed operation to resume. */
public record RetryRestartRequest(String operationId) {
}
