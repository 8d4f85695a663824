package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;

/**
 * The operation's CA signed a certificate for one node (a restart worker relayed the node's CSR). The node keeps
 * its key; this records the public facts, so read models, the audit trail and metrics know each node certificate
 * and when it expires. A node signed again (a worker resumed after a crash, a later operation) has its earlier
 * certificate replaced.
 *
 * @param caSerial    serial of the CA that signed it
 * @param certificate the node certificate (public: serial, fingerprint, validity, key algorithm, PEM)
 */
public record NodeCertificateIssuedEvent(
        String instanceId, String operationId, String nodeName, String caSerial, CertificateInfo certificate)
        implements SslEvent {
}
