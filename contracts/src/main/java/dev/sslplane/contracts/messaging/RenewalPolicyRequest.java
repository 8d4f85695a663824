package dev.sslplane.contracts.messaging;

/**
 * The automatic-renewal policy as requests write it (REST and {@code ssl.commands}); the command service answers
 * {@code VALIDATION_FAILED} for anything but the two names.
 *
 * @param policy {@code OFF} or {@code IN_MAINTENANCE_WINDOW}
 */
public record RenewalPolicyRequest(String policy) {
}
