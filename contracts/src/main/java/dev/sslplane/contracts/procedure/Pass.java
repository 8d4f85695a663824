package dev.sslplane.contracts.procedure;

import dev.sslplane.contracts.model.TlsMode;

/**
 * One pass of an operation over every node of the instance.
 *
 * @param number      1-based position in the operation
 * @param name        stable name shown to users, for example {@code ALLOW_TLS} or {@code CA_BUNDLE}
 * @param action      restart each node, or change its mode at run time
 * @param mode        the TLS mode every node has after the pass
 * @param certificate what happens to the node's certificate
 * @param trust       what the node's CA file holds after the pass
 */
public record Pass(int number, String name, PassAction action, TlsMode mode, CertificateChange certificate,
                   CaTrust trust) {

    public boolean issuesCertificates() {
        return certificate == CertificateChange.NEW;
    }
}
