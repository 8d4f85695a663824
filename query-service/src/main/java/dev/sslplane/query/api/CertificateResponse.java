package dev.sslplane.query.api;

import java.time.Instant;

/**
 * One certificate of an instance's history, a CA or a node's ({@code nodeName} and {@code issuerSerial}, the CA
 * that signed it; both null for a CA); {@code current} marks the one in use.
 */
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
        boolean current,
        String nodeName,
        String issuerSerial) {
}
