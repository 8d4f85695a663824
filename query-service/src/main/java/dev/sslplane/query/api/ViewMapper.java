package dev.sslplane.query.api;

import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.contracts.model.RenewalPolicy;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.readmodel.RollbackRequiredDoc;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Explicit mapping from read-model documents to API responses. */
@Component
public class ViewMapper {

    private final OperationViews operations;
    private final ExpiryPolicy expiry;
    private final Clock clock;

    public ViewMapper(QueryProperties properties, Clock clock) {
        this.operations = new OperationViews(properties.operations());
        this.expiry = new ExpiryPolicy(properties.certificates().renewSoonLifeFraction(),
                properties.certificates().renewSoonBefore());
        this.clock = clock;
    }

    public InstanceStatusResponse status(InstanceDoc d) {
        Instant now = clock.instant();
        String base = "/api/v1/instances/" + d.instanceId;
        var ca = d.currentCa == null ? null : ca(d.currentCa, base + "/ssl/ca.pem", now);
        boolean rotating = rotating(d);
        var op = d.operation == null ? null : new InstanceStatusResponse.OperationSummary(
                d.operation.operationId(), d.operation.kind(), d.operation.state(), d.operation.nodesDone(),
                d.operation.nodesTotal(), d.operation.startedAt(), d.operation.endedAt(),
                base + "/operations/" + d.operation.operationId(), d.operation.currentPass(),
                d.operation.passCount(), d.operation.phase(), d.operation.stepTimeout(),
                d.operation.scheduledFor(), d.operation.windowEndsAt());
        return new InstanceStatusResponse(d.instanceId, d.registered, d.sslStatus, d.engineVersion, d.topology,
                d.collectionCount, d.nodes.stream().map(n -> node(n, now, "ENABLED".equals(d.sslStatus))).toList(),
                ca, op, d.stale,
                d.gaps.stream().map(g -> new InstanceStatusResponse.Gap(g.from(), g.to())).toList(),
                d.lastSequence, d.lastEventAt, d.tlsMode, "REQUIRE".equals(d.tlsMode),
                rotating && d.previousCa != null ? ca(d.previousCa, null, now) : null,
                rotating ? base + "/ssl/ca-bundle.pem" : null,
                d.maintenanceWindow == null ? null : new InstanceStatusResponse.MaintenanceWindow(
                        d.maintenanceWindow.dayOfWeek(), d.maintenanceWindow.start(), d.maintenanceWindow.duration()),
                rollbackRequired(d.rollbackRequired, base),
                d.renewalPolicy == null ? RenewalPolicy.OFF.name() : d.renewalPolicy);
    }

    private static InstanceStatusResponse.RollbackRequired rollbackRequired(RollbackRequiredDoc r, String base) {
        return r == null ? null : new InstanceStatusResponse.RollbackRequired(r.operationId(), r.kind(),
                r.abortedAt(), r.abortedBy(), base + "/operations/" + r.operationId(),
                OperationViews.nodeTls(r.nodes()),
                new InstanceStatusResponse.Restores(r.sslStatus(), r.tlsMode(), r.caSerial()),
                r.rollbackOperationId(),
                r.rollbackOperationId() == null ? null : base + "/operations/" + r.rollbackOperationId());
    }

    /**
     * From a rotation's (or a rollback's) start until it completes (running, failed or waiting for clients), and
     * while an aborted rotation waits for its rollback: members may present either CA's certificates then.
     */
    static boolean rotating(InstanceDoc d) {
        return "ENABLED".equals(d.sslStatus) && d.currentCa != null && d.operation != null
                && (d.operation.rotating() || d.rollbackRequired != null && d.previousCa != null);
    }

    /** @param sslEnabled whether a node without a certificate is missing one (with SSL disabled none has one) */
    private InstanceStatusResponse.Node node(InstanceDoc.NodeDoc n, Instant now, boolean sslEnabled) {
        return new InstanceStatusResponse.Node(n.name, n.host, n.port, n.role, List.copyOf(n.altNames),
                n.lastRestartedAt, n.lastUnreachableMillis, n.lastRestartOperationId, n.tlsMode,
                n.trustedCas == null ? null : n.trustedCas.stream()
                        .map(c -> new InstanceStatusResponse.TrustedCa(c.serial(), c.subject())).toList(),
                n.currentRole, n.observedAt, n.certificate == null ? null : certificate(n.certificate, now),
                sslEnabled && n.certificate == null);
    }

    private InstanceStatusResponse.NodeCertificate certificate(InstanceDoc.NodeCertificate c, Instant now) {
        var left = expiry.at(c.notBefore(), c.notAfter(), now);
        return new InstanceStatusResponse.NodeCertificate(c.serial(), c.sha256Fingerprint(), c.notBefore(),
                c.notAfter(), c.keyAlgorithm(), c.issuerSerial(), c.operationId(), left.daysLeft(), left.state());
    }

    private InstanceStatusResponse.Ca ca(InstanceDoc.CaSummary c, String href, Instant now) {
        var left = expiry.at(c.notBefore(), c.notAfter(), now);
        return new InstanceStatusResponse.Ca(c.serial(), c.sha256Fingerprint(), c.subject(), c.notBefore(),
                c.notAfter(), c.keyAlgorithm(), href, left.daysLeft(), left.state());
    }

    public CertificateResponse certificate(CertificateDoc c, String currentSerial) {
        return new CertificateResponse(c.serial, c.sha256Fingerprint, c.subject, c.notBefore, c.notAfter,
                c.keyAlgorithm, c.pem, c.issuedByOperation, c.issuedAt, c.retiredAt, c.retiredByOperation,
                c.serial.equals(currentSerial), c.nodeName, c.issuerSerial);
    }

    public OperationResponse operation(OperationDoc o) {
        return operations.operation(o, clock.instant());
    }

    public AuditEntryResponse audit(AuditDoc a) {
        return new AuditEntryResponse(a.eventId(), a.instanceId(), a.sequence(), a.type(), a.actor(),
                a.occurredAt(), a.operationId(), a.summary());
    }
}
