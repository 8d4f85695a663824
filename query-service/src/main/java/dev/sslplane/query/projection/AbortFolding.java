package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.event.OperationAbortRequestedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.query.readmodel.AbortDoc;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.NodeTlsDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.readmodel.OperationDoc.State;
import dev.sslplane.query.readmodel.RollbackRequiredDoc;
import java.util.Comparator;
import java.util.List;

/**
 * Folds abort and rollback: the aborted operation (ABORTING, then ABORTED with how it left the nodes), the instance
 * (the rollback it requires, or the state before the operation again) and the certificate history (which CA is in
 * use again). A rollback's own progress folds as any operation's. Pure, no I/O; the operation-level methods are
 * called only for events newer than the document, the instance-level ones only for events newer than the instance.
 */
final class AbortFolding {

    // ---- the operation ----

    static void requested(OperationAbortRequestedEvent e, EventEnvelope env, long seq, OperationDoc op) {
        if (op.kind == null) {
            op.kind = e.kind().name();
        }
        op.state = State.ABORTING.name();
        abortOf(op).requestedBy = env.actor();
        abortOf(op).requestedAt = e.requestedAt();
        OperationFolding.history(op, seq, env, "no further step starts once the one in progress is done");
    }

    static void aborted(OperationAbortedEvent e, EventEnvelope env, long seq, OperationDoc op) {
        if (op.kind == null) {
            op.kind = e.kind().name();
        }
        op.state = State.ABORTED.name();
        op.endedAt = e.abortedAt();
        op.awaitingClients = null;
        AbortDoc abort = abortOf(op);
        abort.abortedBy = env.actor();
        abort.abortedAt = e.abortedAt();
        abort.stateBefore = e.stateBefore();
        abort.rollbackRequired = e.rollbackRequired();
        abort.nodes = e.nodes().stream().map(NodeTlsDoc::of).toList();
        OperationFolding.history(op, seq, env, "was " + e.stateBefore() + (e.rollbackRequired()
                ? "; the nodes differ from before it: a rollback is required"
                : "; the nodes are as before it"));
    }

    /** The worker read the nodes back: they are what it saw, except the ones it could not read. */
    static void observed(NodeTlsStatesObservedEvent e, EventEnvelope env, long seq, OperationDoc op) {
        AbortDoc abort = abortOf(op);
        abort.nodes = e.nodes().stream().map(NodeTlsDoc::of).toList();
        abort.nodesObservedAt = e.observedAt();
        abort.unreadNodes = e.unreadNodes().isEmpty() ? null : new java.util.TreeMap<>(e.unreadNodes());
        OperationFolding.history(op, seq, env, "nodes read back: " + (e.nodes().size() - e.unreadNodes().size())
                + " observed" + (e.unreadNodes().isEmpty() ? "" : ", " + e.unreadNodes().size() + " unread")
                + (e.rollbackRequired() || !Boolean.TRUE.equals(abort.rollbackRequired) ? ""
                        : "; every node is as before it, no rollback is required"));
    }

    /** The aborted operation learns which rollback undoes it (the latest, when one was aborted and started again). */
    static void rollbackStarted(OperationRollingBackEvent e, EventEnvelope env, long seq, OperationDoc aborted) {
        abortOf(aborted).rollbackOperationId = e.operationId();
        OperationFolding.history(aborted, seq, env, "rollback " + e.operationId() + " started");
    }

    private static AbortDoc abortOf(OperationDoc op) {
        if (op.abort == null) {
            op.abort = new AbortDoc();
        }
        return op.abort;
    }

    // ---- the instance ----

    /**
     * After an abort: either the rollback it requires (of the operation a rollback rolled back, when the aborted one
     * is a rollback), or the state before the operation again, with the certificates the operation issued out of
     * use and those it retired in use again.
     */
    static void instanceAborted(OperationAbortedEvent e, EventEnvelope env, long seq, InstanceDoc inst,
                                OperationDoc op, ProjectionBatch batch) {
        boolean rollback = op.rollsBack != null;
        if (e.rollbackRequired()) {
            String operationId = rollback ? op.rollsBack.operationId() : e.operationId();
            String kind = rollback ? op.rollsBack.kind() : e.kind().name();
            inst.rollbackRequired = new RollbackRequiredDoc(operationId, kind, e.abortedAt(), env.actor(),
                    e.nodes().stream().map(NodeTlsDoc::of).toList(), e.sslStatus().name(), e.tlsMode().name(),
                    e.ca() == null ? null : e.ca().serial(), rollback ? e.operationId() : null);
            return;
        }
        inst.rollbackRequired = null;
        inst.sslStatus = e.sslStatus().name();
        inst.tlsMode = e.tlsMode().name();
        inst.currentCa = e.ca() == null ? null : InstanceFolding.summary(e.ca());
        inst.previousCa = null;
        inst.previousCaPem = null;
        if (rollback) {
            return; // its start already put the certificates back as they were before the operation it rolled back
        }
        String caSerial = e.ca() == null ? null : e.ca().serial();
        if (op.caSerial != null && !op.caSerial.equals(caSerial)) {
            CertificateFolding.retire(e.instanceId(), op.caSerial, e.operationId(), env, seq, batch);
        }
        CertificateFolding.reinstate(e.instanceId(), caSerial, env, seq, batch);
        for (InstanceDoc.NodeDoc node : inst.nodes) {
            if (node.certificate != null && e.operationId().equals(node.certificate.operationId())) {
                CertificateFolding.retire(e.instanceId(), node.certificate.serial(), e.operationId(), env, seq,
                        batch);
                node.certificate = null;
            }
        }
        // a disable forgot the nodes' certificates when it started: they are in use again
        batch.nodeCertificatesRetiredBy(e.instanceId(), e.operationId()).stream()
                .sorted(Comparator.comparingLong((CertificateDoc c) -> c.issuedSequence))
                .forEach(c -> {
                    InstanceDoc.NodeDoc node = inst.node(c.nodeName);
                    if (node != null && e.ca() != null && e.ca().serial().equals(c.issuerSerial)) {
                        CertificateFolding.reinstate(e.instanceId(), c.serial, env, seq, batch);
                        node.certificate = new InstanceDoc.NodeCertificate(c.serial, c.sha256Fingerprint,
                                c.notBefore, c.notAfter, c.keyAlgorithm, c.issuerSerial, c.issuedByOperation);
                    }
                });
    }

    /**
     * The read-back of the operation aborted last: the rollback it requires shows the nodes as they are, or, when
     * every node is as before the operation again, the instance has that state as after an abort that changed nothing.
     */
    static void instanceObserved(NodeTlsStatesObservedEvent e, EventEnvelope env, long seq, InstanceDoc inst,
                                 OperationDoc op, ProjectionBatch batch) {
        RollbackRequiredDoc required = inst.rollbackRequired;
        if (required == null || !(e.operationId().equals(required.operationId())
                || e.operationId().equals(required.rollbackOperationId()))) {
            return;
        }
        if (e.rollbackRequired()) {
            inst.rollbackRequired = required.withNodes(e.nodes().stream().map(NodeTlsDoc::of).toList());
            return;
        }
        String stateBefore = op.abort == null ? null : op.abort.stateBefore;
        instanceAborted(new OperationAbortedEvent(e.instanceId(), e.operationId(), OperationKind.valueOf(op.kind),
                stateBefore, e.observedAt(), e.nodes(), false, e.sslStatus(), e.tlsMode(), e.ca()), env, seq, inst, op,
                batch);
    }

    /**
     * A rollback puts the instance in the state before the aborted operation, as any operation's start puts it in
     * the state it brings: the CA in use again (or none), the aborted operation's CA out of use, and while it runs
     * the CA bundle of both when it undoes a rotation. The rollback stays required until it completes.
     */
    static void instanceRollingBack(OperationRollingBackEvent e, EventEnvelope env, long seq, InstanceDoc inst,
                                    ProjectionBatch batch) {
        RollbackRequiredDoc required = inst.rollbackRequired;
        List<Pass> plan = e.plan();
        String fallbackMode = plan.isEmpty() ? inst.tlsMode : plan.get(plan.size() - 1).mode().name();
        inst.sslStatus = required != null ? required.sslStatus() : e.ca() != null ? "ENABLED" : "DISABLED";
        inst.tlsMode = required != null ? required.tlsMode() : fallbackMode;
        inst.currentCa = e.ca() == null ? null : InstanceFolding.summary(e.ca());
        String caSerial = e.ca() == null ? null : e.ca().serial();
        CertificateFolding.reinstate(e.instanceId(), caSerial, env, seq, batch);
        if (e.previousCa() != null && !e.previousCa().serial().equals(caSerial)) {
            CertificateFolding.retire(e.instanceId(), e.previousCa().serial(), e.operationId(), env, seq, batch);
        }
        if (e.ca() == null) {
            // back to TLS disabled: the nodes' certificates are out of use, as when SSL is disabled
            inst.nodes.stream().filter(n -> n.certificate != null).forEach(n -> CertificateFolding.retire(
                    e.instanceId(), n.certificate.serial(), e.operationId(), env, seq, batch));
        }
        if (required != null) {
            inst.rollbackRequired = required.withRollback(e.operationId());
        }
    }

    /** A completed rollback leaves nothing to roll back. */
    static void rollbackCompleted(InstanceDoc inst) {
        inst.rollbackRequired = null;
    }

    private AbortFolding() {
    }
}
