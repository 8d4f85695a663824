package dev.sslplane.contracts.model;

import java.time.Instant;

/**
 * Public facts of an issued certificate. Never contains key material.
 *
 * @param serial            serial number, lower-case hexadecimal
 * @param sha256Fingerprint SHA-256 of the DER encoding, upper-case hex pairs separated by colons
 * @param subject           subject distinguished name (RFC 4514)
 * @param notBefore         start of validity
 * @param notAfter          end of validity
 * @param keyAlgorithm      public key algorithm and size, for example {@code RSA-2048} or {@code EC-P256}
 * @param pem               the certificate in PEM form
 */
public record CertificateInfo(
        String serial,
        String sha256Fingerprint,
        String subject,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        String pem) {
}
