package dev.sslplane.contracts.messaging;

import java.time.Instant;

/**
 * The signing endpoint's answer: the node certificate and the chain up to the operation's CA.
 *
 * @param certificatePem the node's leaf certificate, PEM
 * @param caChainPem     the issuing CA certificate(s), PEM, leaf-most first
 * @param serial         serial number of the leaf, lower-case hex
 * @param notAfter       end of the leaf's validity
 */
public record SignedCertificate(String certificatePem, String caChainPem, String serial, Instant notAfter) {
}
