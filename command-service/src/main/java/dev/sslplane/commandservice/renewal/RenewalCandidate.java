package dev.sslplane.commandservice.renewal;

import dev.sslplane.contracts.model.ExpiryState;
import dev.sslplane.contracts.model.RenewalPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * What automatic renewal knows of one instance: its policy (and the sequence of the event that set it), whether SSL
 * is on, the operation under way as far as the events tell, and each node's current certificate. Mutable: only
 * {@link RenewalCandidatesProjection} changes it, one event at a time.
 */
final class RenewalCandidate {

    /** One node's current certificate: enough to tell when it is due and which certificate a renewal replaces. */
    record NodeCertificate(String node, String serial, Instant notBefore, Instant notAfter) {
    }

    final String instanceId;
    RenewalPolicy policy = RenewalPolicy.OFF;
    long policySequence = -1;
    boolean sslEnabled;
    /** An operation started and not yet completed or aborted: a renewal waits for it (its certificates change). */
    String operationUnderWay;
    /** An operation waiting for the maintenance window: it holds the instance, so nothing is asked meanwhile. */
    String scheduledOperation;
    /**
     * The current CA's end: node certificates never outlast it, so one that ends with it is not renewed (a renewal
     * under the same CA could not extend it; the CA's own RENEW_SOON asks for a rotation). {@code null} when unknown.
     */
    Instant caNotAfter;
    /** The current CA's serial and start, for its own expiry warning ({@link CaExpiryDecision}); null when unknown. */
    String caSerial;
    Instant caNotBefore;
    /** Per CA serial, the furthest expiry state the aggregate recorded for it, so the watch does not ask again. */
    final Map<String, ExpiryState> caExpiryReached = new TreeMap<>();
    final List<NodeCertificate> certificates = new ArrayList<>();

    RenewalCandidate(String instanceId) {
        this.instanceId = instanceId;
    }

    void replaceCertificate(NodeCertificate certificate) {
        removeCertificate(certificate.node());
        certificates.add(certificate);
        certificates.sort(Comparator.comparing(NodeCertificate::node));
    }

    void removeCertificate(String node) {
        certificates.removeIf(c -> c.node().equals(node));
    }

    Document toDocument() {
        return new Document("_id", instanceId).append("policy", policy.name())
                .append("policySequence", policySequence).append("sslEnabled", sslEnabled)
                .append("operationUnderWay", operationUnderWay)
                .append("scheduledOperation", scheduledOperation)
                .append("caNotAfter", caNotAfter == null ? null : java.util.Date.from(caNotAfter))
                .append("caSerial", caSerial)
                .append("caNotBefore", caNotBefore == null ? null : java.util.Date.from(caNotBefore))
                .append("caExpiryReached", caExpiryReached.entrySet().stream().map(e -> new Document("serial",
                        e.getKey()).append("state", e.getValue().name())).toList())
                .append("certificates", certificates.stream().map(c -> new Document("node", c.node())
                        .append("serial", c.serial()).append("notBefore", java.util.Date.from(c.notBefore()))
                        .append("notAfter", java.util.Date.from(c.notAfter()))).toList());
    }

    static RenewalCandidate from(Document d) {
        var candidate = new RenewalCandidate(d.getString("_id"));
        candidate.policy = RenewalPolicy.valueOf(d.getString("policy"));
        candidate.policySequence = d.getLong("policySequence");
        candidate.sslEnabled = Boolean.TRUE.equals(d.getBoolean("sslEnabled"));
        candidate.operationUnderWay = d.getString("operationUnderWay");
        candidate.scheduledOperation = d.getString("scheduledOperation");
        candidate.caNotAfter = d.getDate("caNotAfter") == null ? null : d.getDate("caNotAfter").toInstant();
        candidate.caSerial = d.getString("caSerial");
        candidate.caNotBefore = d.getDate("caNotBefore") == null ? null : d.getDate("caNotBefore").toInstant();
        for (Document r : d.getList("caExpiryReached", Document.class, List.of())) {
            candidate.caExpiryReached.put(r.getString("serial"), ExpiryState.valueOf(r.getString("state")));
        }
        for (Document c : d.getList("certificates", Document.class, List.of())) {
            candidate.certificates.add(new NodeCertificate(c.getString("node"), c.getString("serial"),
                    c.getDate("notBefore").toInstant(), c.getDate("notAfter").toInstant()));
        }
        return candidate;
    }
}
