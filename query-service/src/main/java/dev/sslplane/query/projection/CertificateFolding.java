package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.query.readmodel.CertificateDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Folds issued and retired certificates (CAs and nodes') into the certificate history; pure, no I/O. */
final class CertificateFolding {

    private static final Logger log = LoggerFactory.getLogger(CertificateFolding.class);

    static void issue(CertificateInfo ca, String operationId, EventEnvelope env, long seq, ProjectionBatch batch) {
        issue(ca, null, null, operationId, env, seq, batch);
    }

    static void issueNode(NodeCertificateIssuedEvent e, EventEnvelope env, long seq, ProjectionBatch batch) {
        issue(e.certificate(), e.nodeName(), e.caSerial(), e.operationId(), env, seq, batch);
    }

    private static void issue(CertificateInfo certificate, String nodeName, String issuerSerial, String operationId,
                              EventEnvelope env, long seq, ProjectionBatch batch) {
        CertificateDoc cert = batch.certificate(env.instanceId(), certificate.serial());
        if (seq > cert.lastSequence) {
            cert.sha256Fingerprint = certificate.sha256Fingerprint();
            cert.subject = certificate.subject();
            cert.notBefore = certificate.notBefore();
            cert.notAfter = certificate.notAfter();
            cert.keyAlgorithm = certificate.keyAlgorithm();
            cert.pem = certificate.pem();
            cert.nodeName = nodeName;
            cert.issuerSerial = issuerSerial;
            cert.issuedByOperation = operationId;
            cert.issuedAt = env.occurredAt();
            cert.issuedSequence = seq;
            cert.lastSequence = seq;
            batch.touched(cert);
        }
    }

    static void retire(String instanceId, String serial, String operationId, EventEnvelope env, long seq,
                       ProjectionBatch batch) {
        if (serial == null) {
            return;
        }
        CertificateDoc cert = batch.existingCertificate(instanceId, serial);
        if (cert == null) {
            log.warn("Instance {}: certificate {} retired by {} is not in the history (a gap?)", instanceId, serial,
                    operationId);
            return;
        }
        if (seq > cert.lastSequence) {
            cert.retiredAt = env.occurredAt();
            cert.retiredByOperation = operationId;
            cert.lastSequence = seq;
            batch.touched(cert);
        }
    }

    /**
     * A certificate an aborted operation (or a rollback) took out of use is in use again: it is no longer retired.
     * Unknown serials (a gap) and certificates that were never retired change nothing.
     */
    static void reinstate(String instanceId, String serial, EventEnvelope env, long seq, ProjectionBatch batch) {
        CertificateDoc cert = serial == null ? null : batch.existingCertificate(instanceId, serial);
        if (cert != null && seq > cert.lastSequence && cert.retiredAt != null) {
            cert.retiredAt = null;
            cert.retiredByOperation = null;
            cert.lastSequence = seq;
            batch.touched(cert);
        }
    }

    private CertificateFolding() {
    }
}
