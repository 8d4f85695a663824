package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RotationAwaitingClientsEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds events into read-model documents, in memory and without I/O. Every document carries the sequence of
 * the last event applied to it and ignores events at or below it, so applying an event twice, or re-applying a
 * batch that was half written before a crash, changes nothing. A sequence that jumps ahead on an instance is a
 * gap: it is recorded on the instance (stale) and the event is still applied.
 */
public class Projector {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);

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

        if (event instanceof InstanceRegisteredEvent e) {
            if (newForInstance) {
                InstanceFolding.registered(e, inst);
            }
            return;
        }
        if (event instanceof OperationStartingEvent e) {
            applyOperationStart(e, env, seq, newForInstance, inst, batch);
            return;
        }
        OperationDoc op = batch.operation(event.operationId(), event.instanceId());
        if (seq > op.lastSequence) {
            if (event instanceof NodeRestartStartedEvent e) {
                OperationFolding.nodeStarted(e, seq, op);
            } else if (event instanceof NodeRestartedEvent e) {
                OperationFolding.nodeRestarted(e, seq, op);
            } else if (event instanceof RestartCompletedEvent e) {
                OperationFolding.completed(e, env, seq, op);
            } else if (event instanceof RestartFailedEvent e) {
                OperationFolding.failed(e, env, seq, op);
            } else if (event instanceof RotationAwaitingClientsEvent e) {
                OperationFolding.awaitingClients(e, env, seq, op);
            }
            batch.touched(op);
        }
        if (newForInstance && event instanceof NodeRestartedEvent e) {
            InstanceFolding.nodeRestarted(e, inst,
                    serial -> batch.existingCertificate(e.instanceId(), serial));
        }
        refreshSummary(inst, op, newForInstance, batch);
    }

    private void applyOperationStart(OperationStartingEvent e, EventEnvelope env, long seq, boolean newForInstance,
                                     InstanceDoc inst, ProjectionBatch batch) {
        OperationDoc op = batch.operation(e.operationId(), e.instanceId());
        if (seq > op.lastSequence) {
            OperationFolding.start(e, env, seq, op);
            batch.touched(op);
        }

        if (e instanceof SslEnabledEvent enabled) {
            CertificateFolding.issue(enabled.ca(), e.operationId(), env, seq, batch);
        } else if (e instanceof CertificateRotatedEvent rotated) {
            CertificateFolding.issue(rotated.ca(), e.operationId(), env, seq, batch);
            CertificateFolding.retire(e.instanceId(), OperationFolding.previousSerial(e), e.operationId(), env, seq,
                    batch);
        } else if (e instanceof SslDisabledEvent) {
            CertificateFolding.retire(e.instanceId(), OperationFolding.previousSerial(e), e.operationId(), env, seq,
                    batch);
        }

        if (newForInstance) {
            InstanceFolding.operationStarting(e, inst);
        }
        refreshSummary(inst, op, newForInstance, batch);
    }

    private static void refreshSummary(InstanceDoc inst, OperationDoc op, boolean newForInstance,
                                       ProjectionBatch batch) {
        if (newForInstance && InstanceFolding.refreshSummary(inst, op)) {
            batch.touched(inst);
        }
    }

    private static String operationIdOf(EventEnvelope env, SslEvent event) {
        return env.operationId() != null ? env.operationId() : event.operationId();
    }
}
