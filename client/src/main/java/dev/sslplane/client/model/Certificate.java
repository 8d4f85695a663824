package dev.sslplane.client.model;

import java.time.Instant;

/** One CA certificate of an instance's history (newest first); {@code current} marks the one in use. */
public record Certificate(String serial, String sha256Fingerprint, String subject, Instant notBefore,
                          Instant notAfter, String keyAlgorithm, String pem, String issuedByOperation,
                          Instant issuedAt, Instant retiredAt, String retiredByOperation, boolean current) {
}
