package dev.sslplane.query.projection;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.query.readmodel.CertificateDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Folds issued and retired CAs into the certificate history; pure, no I/O. */
final class CertificateFolding {

    private static final Logger log = LoggerFactory.getLogger(CertificateFolding.class);

    static void issue(CertificateInfo ca, String operationId, EventEnvelope env, long seq, ProjectionBatch batch) {
        CertificateDoc cert = batch.certificate(env.instanceId(), ca.serial());
        if (seq > cert.lastSequence) {
            cert.sha256Fingerprint = ca.sha256Fingerprint();
            cert.subject = ca.subject();
            cert.notBefore = ca.notBefore();
            cert.notAfter = ca.notAfter();
            cert.keyAlgorithm = ca.keyAlgorithm();
            cert.pem = ca.pem();
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
            log.warn("Instance {}: CA {} retired by {} is not in the history (a gap?)", instanceId, serial,
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

    private CertificateFolding() {
    }
}
