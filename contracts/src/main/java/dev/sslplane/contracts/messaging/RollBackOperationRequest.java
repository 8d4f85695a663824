package dev.sslplane.contracts.messaging;

/**
 * Payload of a rollback command on {@code ssl.commands}: the aborted operation to roll back. The rollback's own
 * operation id is derived from the command id.
 */
public record RollBackOperationRequest(String operationId) {
}
