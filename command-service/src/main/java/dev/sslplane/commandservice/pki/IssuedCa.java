package dev.sslplane.commandservice.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A CA certificate with its private key. Lives only in memory; the key is persisted solely through the vault. */
public record IssuedCa(X509Certificate certificate, PrivateKey privateKey) {

    @Override
    public String toString() {
        // Never let a log line or exception message print the key.
        return "IssuedCa[" + certificate.getSubjectX500Principal() + ", serial "
                + certificate.getSerialNumber().toString(16) + "]";
    }
}
