package dev.sslplane.contracts.messaging;

/**
 * A weekly maintenance window as requests write it (REST and {@code ssl.commands}), all UTC; the command service
 * checks it and answers {@code VALIDATION_FAILED} for anything else.
 *
 * @param dayOfWeek {@code MONDAY} .. {@code SUNDAY}
 * @param start     {@code HH:mm}, e.g. {@code 02:00}
 * @param duration  ISO-8601, whole minutes, {@code PT30M} .. {@code PT24H}, e.g. {@code PT4H}
 */
public record MaintenanceWindowRequest(String dayOfWeek, String start, String duration) {
}
