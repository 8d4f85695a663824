package dev.sslplane.query.api;

import java.time.Instant;

/** One CA certificate of an instance's history; {@code current} marks the one in use. */
public record CertificateResponse(
        String serial,
        String sha256Fingerprint,
        String subject,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        String pem,
        String issuedByOperation,
        Instant issuedAt,
        Instant retiredAt,
        String retiredByOperation,
        boolean current) {
}
