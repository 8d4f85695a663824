package dev.sslplane.worker.health;

/**
 * What a healthy node must look like after its restart.
 *
 * @param tls   {@code true}: TLS verified against {@code caPem} works and plain still works; {@code false}:
 *              plain works and TLS is not offered
 * @param caPem the instance CA, when {@code tls}
 */
public record HealthExpectation(boolean tls, String caPem) {
}
