package dev.sslplane.query.readmodel;

import java.time.Instant;
import org.bson.Document;

/**
 * Read model: one certificate ever issued for an instance, a CA or a node's ({@code nodeName} and
 * {@code issuerSerial} set), with when and by which operation it was retired (a node's: replaced, or SSL disabled).
 */
public final class CertificateDoc {

    public String instanceId;
    public String serial;
    public String sha256Fingerprint;
    public String subject;
    public Instant notBefore;
    public Instant notAfter;
    public String keyAlgorithm;
    public String pem;
    /** The node it was issued to; null for a CA. */
    public String nodeName;
    /** The CA that signed it; null for a CA (self-signed). */
    public String issuerSerial;
    public String issuedByOperation;
    public Instant issuedAt;
    /** Aggregate sequence of the issuing event: orders the history newest first. */
    public long issuedSequence;
    public Instant retiredAt;
    public String retiredByOperation;
    public long lastSequence = -1;

    public static String id(String instanceId, String serial) {
        return instanceId + "/" + serial;
    }

    public String id() {
        return id(instanceId, serial);
    }

    public Document toDocument() {
        return new Document("_id", id()).append("instanceId", instanceId).append("serial", serial)
                .append("sha256Fingerprint", sha256Fingerprint).append("subject", subject)
                .append("notBefore", Bsons.date(notBefore)).append("notAfter", Bsons.date(notAfter))
                .append("keyAlgorithm", keyAlgorithm).append("pem", pem)
                .append("nodeName", nodeName).append("issuerSerial", issuerSerial)
                .append("issuedByOperation", issuedByOperation).append("issuedAt", Bsons.date(issuedAt))
                .append("issuedSequence", issuedSequence).append("retiredAt", Bsons.date(retiredAt))
                .append("retiredByOperation", retiredByOperation).append("lastSequence", lastSequence);
    }

    public static CertificateDoc from(Document d) {
        var c = new CertificateDoc();
        c.instanceId = d.getString("instanceId");
        c.serial = d.getString("serial");
        c.sha256Fingerprint = d.getString("sha256Fingerprint");
        c.subject = d.getString("subject");
        c.notBefore = Bsons.instant(d, "notBefore");
        c.notAfter = Bsons.instant(d, "notAfter");
        c.keyAlgorithm = d.getString("keyAlgorithm");
        c.pem = d.getString("pem");
        c.nodeName = d.getString("nodeName");
        c.issuerSerial = d.getString("issuerSerial");
        c.issuedByOperation = d.getString("issuedByOperation");
        c.issuedAt = Bsons.instant(d, "issuedAt");
        c.issuedSequence = Bsons.longOrNull(d, "issuedSequence");
        c.retiredAt = Bsons.instant(d, "retiredAt");
        c.retiredByOperation = d.getString("retiredByOperation");
        c.lastSequence = Bsons.longOrNull(d, "lastSequence");
        return c;
    }
}
