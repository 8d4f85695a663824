package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.CaExpiryStateReachedEvent;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.CollectionCountUpdatedEvent;
import dev.sslplane.contracts.event.EngineVersionUpdatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.MaintenanceWindowSetEvent;
import dev.sslplane.contracts.event.MemberAddedEvent;
import dev.sslplane.contracts.event.MemberRemovedEvent;
import dev.sslplane.contracts.event.MemberReplacedEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.event.OperationAbortRequestedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.RenewalPolicySetEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.RotationAwaitingClientsEvent;
import dev.sslplane.contracts.event.RotationFinishingEvent;
import dev.sslplane.contracts.event.ScheduledOperationCancelledEvent;
import dev.sslplane.contracts.event.ScheduledOperationDeferredEvent;
import dev.sslplane.contracts.event.ScheduledOperationRefusedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds events into read-model documents, in memory and without I/O. Every document carries the sequence of
 * the last event applied to it and ignores events at or below it, so applying an event twice, or re-applying a
 * batch that was half written before a crash, changes nothing. A sequence that jumps ahead on an instance is a
 * gap: it is recorded on the instance (stale) and the event is still applied.
 *
 * <p>{@link #apply} does what every event shares (sequence, gap, audit entry), then hands the event to the one
 * handler of its type, named after it in {@link #HANDLERS}.
 */
public class Projector {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);

    /** Applies one event of a known type; {@code E} is the event's record type. */
    @FunctionalInterface
    private interface Handler<E extends SslEvent> {
        void apply(E event, Applying applying);
    }

    /** The event being applied: its envelope, whether the instance has not seen it yet, and where it goes. */
    private record Applying(EventEnvelope env, long seq, boolean newForInstance, InstanceDoc inst,
                            ProjectionBatch batch) {
    }

    /** One handler per concrete event type (the event types are records of a sealed hierarchy). */
    private static final Map<Class<? extends SslEvent>, Handler<?>> HANDLERS = Map.ofEntries(
            on(InstanceRegisteredEvent.class, Projector::instanceRegistered),
            on(SslEnabledEvent.class, Projector::sslEnabled),
            on(CertificateRotatedEvent.class, Projector::certificateRotated),
            on(SslDisabledEvent.class, Projector::sslDisabled),
            on(TlsEnforcementChangedEvent.class, Projector::tlsEnforcementChanged),
            on(NodeCertificatesRenewingEvent.class, Projector::nodeCertificatesRenewing),
            on(RestartRetriedEvent.class, Projector::restartRetried),
            on(RotationFinishingEvent.class, Projector::rotationFinishing),
            on(NodeRestartStartedEvent.class, Projector::nodeRestartStarted),
            on(NodeRestartedEvent.class, Projector::nodeRestarted),
            on(RestartCompletedEvent.class, Projector::restartCompleted),
            on(RestartFailedEvent.class, Projector::restartFailed),
            on(RotationAwaitingClientsEvent.class, Projector::rotationAwaitingClients),
            on(NodeCertificateIssuedEvent.class, Projector::nodeCertificateIssued),
            // instance changes
            on(MemberAddedEvent.class, (e, a) -> instanceChanged(a,
                    inst -> InstanceFolding.membersChanged(e.nodes(), inst))),
            on(MemberRemovedEvent.class, (e, a) -> instanceChanged(a,
                    inst -> InstanceFolding.membersChanged(e.nodes(), inst))),
            on(MemberReplacedEvent.class, (e, a) -> instanceChanged(a,
                    inst -> InstanceFolding.membersChanged(e.nodes(), inst))),
            on(CollectionCountUpdatedEvent.class, (e, a) -> instanceChanged(a,
                    inst -> InstanceFolding.collectionCountUpdated(e, inst))),
            on(EngineVersionUpdatedEvent.class, (e, a) -> instanceChanged(a,
                    inst -> InstanceFolding.engineVersionUpdated(e, inst))),
            // maintenance windows and scheduled operations
            on(MaintenanceWindowSetEvent.class, Projector::maintenanceWindowSet),
            on(OperationScheduledEvent.class, Projector::operationScheduled),
            on(ScheduledOperationDeferredEvent.class, Projector::scheduledOperationDeferred),
            on(ScheduledOperationCancelledEvent.class, Projector::scheduledOperationCancelled),
            on(ScheduledOperationRefusedEvent.class, Projector::scheduledOperationRefused),
            // abort and rollback
            on(OperationAbortRequestedEvent.class, Projector::operationAbortRequested),
            on(OperationAbortedEvent.class, Projector::operationAborted),
            on(NodeTlsStatesObservedEvent.class, Projector::nodeStatesObserved),
            on(OperationRollingBackEvent.class, Projector::operationRollingBack),
            // automatic renewal
            on(RenewalPolicySetEvent.class, Projector::renewalPolicySet),
            // CA expiry warnings: an audit entry only (the status computes the CA's state from the clock itself)
            on(CaExpiryStateReachedEvent.class, (e, a) -> { }));

    public void apply(ProjectedEvent pe, ProjectionBatch batch) {
        EventEnvelope env = pe.envelope();
        long seq = env.sequence();
        InstanceDoc inst = batch.instance(env.instanceId());
        boolean newForInstance = seq > inst.lastSequence;
        if (!newForInstance) {
            batch.duplicates++;
        } else {
            if (seq > inst.lastSequence + 1) {
                var gap = new InstanceDoc.Gap(inst.lastSequence + 1, seq - 1);
                log.warn("Sequence gap on instance {}: events {}..{} never arrived; marking the status stale",
                        inst.instanceId, gap.from(), gap.to());
                inst.stale = true;
                inst.gaps.add(gap);
                batch.gaps.add(gap);
                batch.gapInstances.add(inst.instanceId);
            }
            inst.lastSequence = seq;
            inst.lastEventAt = env.occurredAt();
            batch.touched(inst);
        }
        if (!pe.known()) {
            if (newForInstance) {
                log.info("Skipping event {} of unknown type {} on instance {} (sequence {})",
                        env.eventId(), env.type(), env.instanceId(), seq);
                batch.unknownTypes++;
            }
            return;
        }
        if (newForInstance) {
            batch.projected++;
        }
        SslEvent event = pe.event();
        batch.audit(new AuditDoc(env.eventId(), env.instanceId(), seq, env.type(), env.actor(), env.occurredAt(),
                operationIdOf(env, event), AuditSummaries.of(event)));
        dispatch(event, new Applying(env, seq, newForInstance, inst, batch));
    }

    /** The event types {@link #apply} has a handler for. */
    static Set<Class<? extends SslEvent>> handledTypes() {
        return HANDLERS.keySet();
    }

    @SuppressWarnings("unchecked")
    private static <E extends SslEvent> void dispatch(E event, Applying applying) {
        var handler = (Handler<E>) HANDLERS.get(event.getClass());
        if (handler == null) {
            throw new IllegalStateException("no handler for event type " + event.getClass().getName());
        }
        handler.apply(event, applying);
    }

    /** A table entry: the handler of events of {@code type}. */
    private static <E extends SslEvent> Map.Entry<Class<E>, Handler<E>> on(Class<E> type, Handler<E> handler) {
        return Map.entry(type, handler);
    }

    // ---- registration ----

    private static void instanceRegistered(InstanceRegisteredEvent e, Applying a) {
        if (a.newForInstance()) {
            InstanceFolding.registered(e, a.inst());
        }
    }

    /** An instance change belongs to no operation: it folds into the status alone. */
    private static void instanceChanged(Applying a, Consumer<InstanceDoc> fold) {
        if (a.newForInstance()) {
            fold.accept(a.inst());
        }
    }

    // ---- events that start or resume an operation ----

    private static void sslEnabled(SslEnabledEvent e, Applying a) {
        startOperation(e, a, () -> CertificateFolding.issue(e.ca(), e.operationId(), a.env(), a.seq(), a.batch()));
    }

    private static void certificateRotated(CertificateRotatedEvent e, Applying a) {
        startOperation(e, a, () -> {
            CertificateFolding.issue(e.ca(), e.operationId(), a.env(), a.seq(), a.batch());
            retirePrevious(e, a);
        });
    }

    private static void sslDisabled(SslDisabledEvent e, Applying a) {
        startOperation(e, a, () -> {
            retirePrevious(e, a);
            if (a.newForInstance()) {
                // without SSL the nodes' certificates are out of use too (the instance then forgets them)
                a.inst().nodes.stream().filter(n -> n.certificate != null).forEach(n -> CertificateFolding.retire(
                        e.instanceId(), n.certificate.serial(), e.operationId(), a.env(), a.seq(), a.batch()));
            }
        });
    }

    private static void tlsEnforcementChanged(TlsEnforcementChangedEvent e, Applying a) {
        startOperation(e, a, () -> { });
    }

    /** The CA and the status stay; each node's new certificate retires its old one when it is issued. */
    private static void nodeCertificatesRenewing(NodeCertificatesRenewingEvent e, Applying a) {
        startOperation(e, a, () -> { });
    }

    private static void restartRetried(RestartRetriedEvent e, Applying a) {
        startOperation(e, a, () -> { });
    }

    private static void rotationFinishing(RotationFinishingEvent e, Applying a) {
        startOperation(e, a, () -> { });
    }

    /**
     * The rollback is an operation of its own; the aborted one learns its id, and the instance is put back in the
     * state before the aborted operation.
     */
    private static void operationRollingBack(OperationRollingBackEvent e, Applying a) {
        OperationDoc aborted = a.batch().operation(e.abortedOperationId(), e.instanceId());
        if (a.seq() > aborted.lastSequence) {
            AbortFolding.rollbackStarted(e, a.env(), a.seq(), aborted);
            a.batch().touched(aborted);
        }
        startOperation(e, a, () -> {
            if (a.newForInstance()) {
                AbortFolding.instanceRollingBack(e, a.env(), a.seq(), a.inst(), a.batch());
            }
        });
    }

    /** Starts (or resumes) the operation, folds the event's certificates, then the instance. */
    private static void startOperation(OperationStartingEvent e, Applying a, Runnable certificates) {
        OperationDoc op = a.batch().operation(e.operationId(), e.instanceId());
        if (a.seq() > op.lastSequence) {
            OperationFolding.start(e, a.env(), a.seq(), op);
            a.batch().touched(op);
        }
        certificates.run();
        if (a.newForInstance()) {
            InstanceFolding.operationStarting(e, a.inst());
        }
        refreshSummary(op, a);
    }

    private static void retirePrevious(OperationStartingEvent e, Applying a) {
        CertificateFolding.retire(e.instanceId(), OperationFolding.previousSerial(e), e.operationId(), a.env(),
                a.seq(), a.batch());
    }

    // ---- events of a running operation ----

    private static void nodeRestartStarted(NodeRestartStartedEvent e, Applying a) {
        refreshSummary(foldOperation(e, a, op -> OperationFolding.nodeStarted(e, a.seq(), op)), a);
    }

    private static void nodeRestarted(NodeRestartedEvent e, Applying a) {
        OperationDoc op = foldOperation(e, a, o -> OperationFolding.nodeRestarted(e, a.seq(), o));
        if (a.newForInstance()) {
            InstanceFolding.nodeRestarted(e, a.inst(),
                    serial -> a.batch().existingCertificate(e.instanceId(), serial));
        }
        refreshSummary(op, a);
    }

    private static void restartCompleted(RestartCompletedEvent e, Applying a) {
        OperationDoc op = foldOperation(e, a, o -> OperationFolding.completed(e, a.env(), a.seq(), o));
        if (a.newForInstance() && e.kind() == OperationKind.ROLLBACK) {
            AbortFolding.rollbackCompleted(a.inst());
        }
        refreshSummary(op, a);
    }

    private static void restartFailed(RestartFailedEvent e, Applying a) {
        refreshSummary(foldOperation(e, a, op -> OperationFolding.failed(e, a.env(), a.seq(), op)), a);
    }

    private static void rotationAwaitingClients(RotationAwaitingClientsEvent e, Applying a) {
        refreshSummary(foldOperation(e, a, op -> OperationFolding.awaitingClients(e, a.env(), a.seq(), op)), a);
    }

    // ---- node certificates ----

    private static void nodeCertificateIssued(NodeCertificateIssuedEvent e, Applying a) {
        CertificateFolding.issueNode(e, a.env(), a.seq(), a.batch());
        if (a.newForInstance()) {
            InstanceDoc.NodeCertificate replaced = InstanceFolding.nodeCertificateIssued(e, a.inst());
            if (replaced != null && !replaced.serial().equals(e.certificate().serial())) {
                CertificateFolding.retire(e.instanceId(), replaced.serial(), e.operationId(), a.env(), a.seq(),
                        a.batch());
            }
        }
    }

    // ---- maintenance window and scheduled operations ----

    private static void maintenanceWindowSet(MaintenanceWindowSetEvent e, Applying a) {
        if (a.newForInstance()) {
            ScheduleFolding.windowSet(e, a.inst());
        }
    }

    private static void renewalPolicySet(RenewalPolicySetEvent e, Applying a) {
        if (a.newForInstance()) {
            a.inst().renewalPolicy = e.policy().name();
        }
    }

    /** A scheduled operation is the instance's operation from now on, as a started one is. */
    private static void operationScheduled(OperationScheduledEvent e, Applying a) {
        OperationDoc op = foldOperation(e, a, o -> ScheduleFolding.scheduled(e, a.env(), a.seq(), o));
        if (a.newForInstance()) {
            a.inst().operation = null;
        }
        refreshSummary(op, a);
    }

    private static void scheduledOperationDeferred(ScheduledOperationDeferredEvent e, Applying a) {
        refreshSummary(foldOperation(e, a, op -> ScheduleFolding.deferred(e, a.env(), a.seq(), op)), a);
    }

    private static void scheduledOperationCancelled(ScheduledOperationCancelledEvent e, Applying a) {
        refreshSummary(foldOperation(e, a, op -> ScheduleFolding.cancelled(e, a.env(), a.seq(), op)), a);
    }

    private static void scheduledOperationRefused(ScheduledOperationRefusedEvent e, Applying a) {
        refreshSummary(foldOperation(e, a, op -> ScheduleFolding.refused(e, a.env(), a.seq(), op)), a);
    }

    // ---- abort ----

    private static void operationAbortRequested(OperationAbortRequestedEvent e, Applying a) {
        refreshSummary(foldOperation(e, a, op -> AbortFolding.requested(e, a.env(), a.seq(), op)), a);
    }

    /** The operation is over; the instance either requires its rollback or has the state before it again. */
    private static void operationAborted(OperationAbortedEvent e, Applying a) {
        OperationDoc op = foldOperation(e, a, o -> AbortFolding.aborted(e, a.env(), a.seq(), o));
        if (a.newForInstance()) {
            AbortFolding.instanceAborted(e, a.env(), a.seq(), a.inst(), op, a.batch());
        }
        refreshSummary(op, a);
    }

    /** The aborted operation's nodes as read back; the instance's rollback requirement follows them. */
    private static void nodeStatesObserved(NodeTlsStatesObservedEvent e, Applying a) {
        OperationDoc op = foldOperation(e, a, o -> AbortFolding.observed(e, a.env(), a.seq(), o));
        if (a.newForInstance()) {
            AbortFolding.instanceObserved(e, a.env(), a.seq(), a.inst(), op, a.batch());
        }
        refreshSummary(op, a);
    }

    /** Folds the event into its operation unless the operation has already seen it; returns the operation. */
    private static OperationDoc foldOperation(SslEvent e, Applying a, Consumer<OperationDoc> fold) {
        OperationDoc op = a.batch().operation(e.operationId(), e.instanceId());
        if (a.seq() > op.lastSequence) {
            fold.accept(op);
            a.batch().touched(op);
        }
        return op;
    }

    private static void refreshSummary(OperationDoc op, Applying a) {
        if (a.newForInstance() && InstanceFolding.refreshSummary(a.inst(), op)) {
            a.batch().touched(a.inst());
        }
    }

    private static String operationIdOf(EventEnvelope env, SslEvent event) {
        return env.operationId() != null ? env.operationId() : event.operationId();
    }
}
