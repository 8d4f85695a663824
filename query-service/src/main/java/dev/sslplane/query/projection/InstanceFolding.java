package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.CollectionCountUpdatedEvent;
import dev.sslplane.contracts.event.EngineVersionUpdatedEvent;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Folds events into the instance status: SSL status and TLS mode, nodes as registered and as last read back, the
 * current (and, while rotating, previous) CA, and the summary of the current operation. Called only for events newer
 * than the instance; pure, no I/O.
 */
final class InstanceFolding {

    static void registered(InstanceRegisteredEvent e, InstanceDoc inst) {
        inst.registered = true;
        inst.engineVersion = e.engineVersion();
        inst.topology = e.topology().name();
        inst.collectionCount = e.collectionCount();
        inst.sslStatus = "DISABLED";
        inst.tlsMode = TlsMode.DISABLED.name();
        inst.maintenanceWindow = ScheduleFolding.window(e.maintenanceWindow());
        replaceNodes(inst, e.nodes());
    }

    static void operationStarting(OperationStartingEvent e, InstanceDoc inst) {
        if (e instanceof SslEnabledEvent enabled) {
            inst.sslStatus = "ENABLED";
            inst.currentCa = summary(enabled.ca());
            inst.tlsMode = (enabled.requireTls() ? TlsMode.REQUIRE : TlsMode.PREFER).name();
        } else if (e instanceof CertificateRotatedEvent rotated) {
            inst.currentCa = summary(rotated.ca());
            inst.previousCa = null;
            inst.previousCaPem = null;
        } else if (e instanceof SslDisabledEvent) {
            inst.sslStatus = "DISABLED";
            inst.currentCa = null;
            inst.tlsMode = TlsMode.DISABLED.name();
            inst.nodes.forEach(n -> n.certificate = null);
        } else if (e instanceof TlsEnforcementChangedEvent enforcement) {
            inst.tlsMode = (enforcement.requireTls() ? TlsMode.REQUIRE : TlsMode.PREFER).name();
        } else if (e instanceof OperationRollingBackEvent rollback && rollback.ca() == null) {
            // back to TLS disabled (its status and CA: AbortFolding.instanceRollingBack)
            inst.nodes.forEach(n -> n.certificate = null);
        }
        // a rotation's starting events carry the CA it replaces; keep it (a v1 event has none) for the CA bundle, as
        // a rollback's carry the aborted rotation's CA, which some nodes may still present while it runs
        if (bundled(e)) {
            inst.previousCa = summary(e.previousCa());
            inst.previousCaPem = e.previousCa().pem();
        }
        inst.collectionCount = e.collectionCount();
        replaceNodes(inst, e.nodes());
        inst.operation = null;
    }

    private static boolean bundled(OperationStartingEvent e) {
        if (e.previousCa() == null) {
            return false;
        }
        return e.kind() == OperationKind.ROTATE || e.kind() == OperationKind.ROLLBACK && e.ca() != null
                && !e.ca().serial().equals(e.previousCa().serial());
    }

    /**
     * The node as read back after its step. Subjects of the CAs it trusts come from the certificate history
     * ({@code history}: what earlier events of this instance issued — the same set live and in a rebuild), else
     * from the current or previous CA.
     */
    static void nodeRestarted(NodeRestartedEvent e, InstanceDoc inst, Function<String, CertificateDoc> history) {
        InstanceDoc.NodeDoc node = inst.node(e.nodeName());
        if (node == null) {
            return;
        }
        node.lastRestartedAt = e.restartedAt();
        node.lastUnreachableMillis = e.unreachableMillis();
        node.lastRestartOperationId = e.operationId();
        NodeObservation seen = e.observed();
        if (seen != null) {
            node.tlsMode = seen.mode() == null ? null : seen.mode().name();
            node.currentRole = seen.role() == null ? null : seen.role().name();
            node.trustedCas = seen.trustedCaSerials().stream()
                    .map(serial -> new InstanceDoc.TrustedCa(serial, subject(serial, inst, history))).toList();
            node.observedAt = e.restartedAt();
        }
    }

    /** Records the node's new certificate; returns the one it replaces (null if none, or the node is unknown). */
    static InstanceDoc.NodeCertificate nodeCertificateIssued(NodeCertificateIssuedEvent e, InstanceDoc inst) {
        InstanceDoc.NodeDoc node = inst.node(e.nodeName());
        if (node == null) {
            return null;
        }
        InstanceDoc.NodeCertificate replaced = node.certificate;
        CertificateInfo c = e.certificate();
        node.certificate = new InstanceDoc.NodeCertificate(c.serial(), c.sha256Fingerprint(), c.notBefore(),
                c.notAfter(), c.keyAlgorithm(), e.caSerial(), e.operationId());
        return replaced;
    }

    /** Copies the operation's progress onto the status when it is the instance's current operation. */
    static boolean refreshSummary(InstanceDoc inst, OperationDoc op) {
        if (inst.operation != null && !inst.operation.operationId().equals(op.operationId)) {
            return false;
        }
        inst.operation = new InstanceDoc.OperationSummary(op.operationId, op.kind, op.state, op.stepsDone(),
                op.stepsTotal(), op.startedAt, op.endedAt, op.currentPass, op.passes.size(), op.phase(),
                op.stepTimeout, op.scheduledFor, op.windowEndsAt);
        if (!inst.operation.rotating() && inst.rollbackRequired == null) {
            // the bundle is offered from the rotation's start until it completes, and while an aborted one waits
            // for its rollback
            inst.previousCa = null;
            inst.previousCaPem = null;
        }
        return true;
    }

    // ---- instance changes: members, collection count, engine version ----

    /**
     * The members after a change; those that stay keep what was read back from them and their certificate, a new
     * member has none until an operation issues one.
     */
    static void membersChanged(List<NodeSpec> nodes, InstanceDoc inst) {
        replaceNodes(inst, nodes);
    }

    static void collectionCountUpdated(CollectionCountUpdatedEvent e, InstanceDoc inst) {
        inst.collectionCount = e.collectionCount();
    }

    /** The engine the status shows, which the console's eligibility follows at once. */
    static void engineVersionUpdated(EngineVersionUpdatedEvent e, InstanceDoc inst) {
        inst.engineVersion = e.engineVersion();
    }

    private static String subject(String serial, InstanceDoc inst, Function<String, CertificateDoc> history) {
        CertificateDoc known = history.apply(serial);
        if (known != null && known.subject != null) {
            return known.subject;
        }
        if (inst.currentCa != null && serial.equals(inst.currentCa.serial())) {
            return inst.currentCa.subject();
        }
        return inst.previousCa != null && serial.equals(inst.previousCa.serial()) ? inst.previousCa.subject() : null;
    }

    private static void replaceNodes(InstanceDoc inst, List<NodeSpec> specs) {
        var nodes = new ArrayList<InstanceDoc.NodeDoc>();
        for (NodeSpec spec : specs) {
            InstanceDoc.NodeDoc previous = inst.node(spec.name());
            var node = new InstanceDoc.NodeDoc();
            node.name = spec.name();
            node.host = spec.host();
            node.port = spec.port();
            node.role = spec.role().name();
            node.altNames = new ArrayList<>(spec.altNames());
            if (previous != null) {
                node.keepObservedFrom(previous);
            }
            nodes.add(node);
        }
        inst.nodes = nodes;
    }

    static InstanceDoc.CaSummary summary(CertificateInfo ca) {
        return new InstanceDoc.CaSummary(ca.serial(), ca.sha256Fingerprint(), ca.subject(), ca.notBefore(),
                ca.notAfter(), ca.keyAlgorithm());
    }

    private InstanceFolding() {
    }
}
