package dev.sslplane.contracts.messaging;

import java.time.Instant;

/**
 * The answer to one command from {@code ssl.commands}, on {@code ssl.command-results} keyed by command id.
 *
 * @param operationId set when an accepted command started or resumed an operation
 * @param code        stable refusal code when rejected (for example {@code SSL_ALREADY_ENABLED})
 * @param message     human-readable detail when rejected
 */
public record CommandResult(
        String commandId,
        String instanceId,
        String commandType,
        Outcome outcome,
        String operationId,
        String code,
        String message,
        Instant answeredAt) {

    public enum Outcome {
        ACCEPTED,
        REJECTED
    }
}
