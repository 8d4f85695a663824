package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.readmodel.OperationDoc.NodeState;
import dev.sslplane.query.readmodel.OperationDoc.State;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
                inst.registered = true;
                inst.engineVersion = e.engineVersion();
                inst.topology = e.topology().name();
                inst.collectionCount = e.collectionCount();
                inst.sslStatus = "DISABLED";
                replaceNodes(inst, e.nodes());
            }
        } else if (event instanceof OperationStartingEvent e) {
            applyOperationStart(e, env, seq, newForInstance, inst, batch);
        } else if (event instanceof NodeRestartStartedEvent e) {
            OperationDoc op = batch.operation(e.operationId(), e.instanceId());
            if (seq > op.lastSequence) {
                OperationDoc.NodeProgress node = op.node(e.nodeName());
                node.step(e.attempt()).startedAt = e.startedAt();
                node.state = NodeState.RESTARTING.name();
                op.lastSequence = seq;
                batch.touched(op);
            }
            refreshSummary(inst, op, newForInstance, batch);
        } else if (event instanceof NodeRestartedEvent e) {
            OperationDoc op = batch.operation(e.operationId(), e.instanceId());
            if (seq > op.lastSequence) {
                OperationDoc.NodeProgress node = op.node(e.nodeName());
                OperationDoc.Step step = openStep(node, op.attempt);
                step.restartedAt = e.restartedAt();
                step.unreachableMillis = e.unreachableMillis();
                // at the precision MongoDB stores, so the value does not depend on whether the start was
                // read back from the database (live, across batches) or is still in memory (same batch, rebuild)
                step.durationMillis = step.startedAt == null ? null
                        : Math.max(0, Duration.between(step.startedAt.truncatedTo(ChronoUnit.MILLIS),
                                e.restartedAt().truncatedTo(ChronoUnit.MILLIS)).toMillis());
                node.state = NodeState.RESTARTED.name();
                op.lastSequence = seq;
                batch.touched(op);
            }
            if (newForInstance) {
                InstanceDoc.NodeDoc node = inst.node(e.nodeName());
                if (node != null) {
                    node.lastRestartedAt = e.restartedAt();
                    node.lastUnreachableMillis = e.unreachableMillis();
                    node.lastRestartOperationId = e.operationId();
                }
            }
            refreshSummary(inst, op, newForInstance, batch);
        } else if (event instanceof RestartCompletedEvent e) {
            OperationDoc op = batch.operation(e.operationId(), e.instanceId());
            if (seq > op.lastSequence) {
                if (op.kind == null) {
                    op.kind = e.kind().name();
                }
                op.state = State.COMPLETED.name();
                op.endedAt = e.completedAt();
                op.totalMillis = e.totalMillis();
                op.failure = null;
                history(op, seq, env, null);
                batch.touched(op);
            }
            refreshSummary(inst, op, newForInstance, batch);
        } else if (event instanceof RestartFailedEvent e) {
            OperationDoc op = batch.operation(e.operationId(), e.instanceId());
            if (seq > op.lastSequence) {
                if (op.kind == null) {
                    op.kind = e.kind().name();
                }
                op.state = State.FAILED.name();
                op.failure = new OperationDoc.Failure(e.nodeName(), e.reason(), e.failedAt());
                OperationDoc.NodeProgress node = op.node(e.nodeName());
                if (!NodeState.RESTARTED.name().equals(node.state)) {
                    node.state = NodeState.FAILED.name();
                }
                history(op, seq, env, e.nodeName() + ": " + e.reason());
                batch.touched(op);
            }
            refreshSummary(inst, op, newForInstance, batch);
        }
    }

    private void applyOperationStart(OperationStartingEvent e, EventEnvelope env, long seq, boolean newForInstance,
                                     InstanceDoc inst, ProjectionBatch batch) {
        OperationDoc op = batch.operation(e.operationId(), e.instanceId());
        if (seq > op.lastSequence) {
            op.kind = e.kind().name();
            op.collectionCount = e.collectionCount();
            if (e.ca() != null) {
                op.caSerial = e.ca().serial();
            }
            mergeNodes(op, e.nodes());
            if (e instanceof RestartRetriedEvent retried) {
                op.state = State.RETRIED.name();
                op.attempt = retried.attempt();
                op.failure = null;
                for (OperationDoc.NodeProgress node : op.nodes) {
                    if (retried.completedNodes().contains(node.name)) {
                        node.state = NodeState.RESTARTED.name();
                    } else if (!NodeState.RESTARTED.name().equals(node.state)) {
                        node.state = NodeState.PENDING.name();
                    }
                }
            } else {
                op.state = State.RUNNING.name();
                op.attempt = 1;
                op.startedBy = env.actor();
                op.startedAt = env.occurredAt();
            }
            history(op, seq, env, null);
            batch.touched(op);
        }

        if (e instanceof SslEnabledEvent enabled) {
            issue(enabled.ca(), e.operationId(), env, seq, batch);
        } else if (e instanceof CertificateRotatedEvent rotated) {
            issue(rotated.ca(), e.operationId(), env, seq, batch);
            retire(e.instanceId(), rotated.previousSerial(), e.operationId(), env, seq, batch);
        } else if (e instanceof SslDisabledEvent disabled) {
            retire(e.instanceId(), disabled.previousSerial(), e.operationId(), env, seq, batch);
        }

        if (newForInstance) {
            if (e instanceof SslEnabledEvent enabled) {
                inst.sslStatus = "ENABLED";
                inst.currentCa = summary(enabled.ca());
            } else if (e instanceof CertificateRotatedEvent rotated) {
                inst.currentCa = summary(rotated.ca());
            } else if (e instanceof SslDisabledEvent) {
                inst.sslStatus = "DISABLED";
                inst.currentCa = null;
            }
            inst.collectionCount = e.collectionCount();
            replaceNodes(inst, e.nodes());
            inst.operation = null;
        }
        refreshSummary(inst, op, newForInstance, batch);
    }

    private void issue(CertificateInfo ca, String operationId, EventEnvelope env, long seq, ProjectionBatch batch) {
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

    private void retire(String instanceId, String serial, String operationId, EventEnvelope env, long seq,
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

    /** Copies the operation's progress onto the instance status when it is the instance's current operation. */
    private void refreshSummary(InstanceDoc inst, OperationDoc op, boolean newForInstance, ProjectionBatch batch) {
        if (!newForInstance) {
            return;
        }
        if (inst.operation == null || inst.operation.operationId().equals(op.operationId)) {
            inst.operation = new InstanceDoc.OperationSummary(op.operationId, op.kind, op.state, op.nodesDone(),
                    op.nodes.size(), op.startedAt, op.endedAt);
            batch.touched(inst);
        }
    }

    private static OperationDoc.Step openStep(OperationDoc.NodeProgress node, int attempt) {
        for (int i = node.steps.size() - 1; i >= 0; i--) {
            if (node.steps.get(i).restartedAt == null) {
                return node.steps.get(i);
            }
        }
        return node.step(attempt);
    }

    private static void history(OperationDoc op, long seq, EventEnvelope env, String detail) {
        op.history.add(new OperationDoc.HistoryEntry(seq, env.type(), op.state, op.attempt, env.occurredAt(),
                env.actor(), detail));
        op.lastSequence = seq;
    }

    private static void mergeNodes(OperationDoc op, List<NodeSpec> specs) {
        for (NodeSpec spec : specs) {
            OperationDoc.NodeProgress node = op.node(spec.name());
            node.host = spec.host();
            node.port = spec.port();
            node.role = spec.role().name();
        }
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
                node.lastRestartedAt = previous.lastRestartedAt;
                node.lastUnreachableMillis = previous.lastUnreachableMillis;
                node.lastRestartOperationId = previous.lastRestartOperationId;
            }
            nodes.add(node);
        }
        inst.nodes = nodes;
    }

    private static InstanceDoc.CaSummary summary(CertificateInfo ca) {
        return new InstanceDoc.CaSummary(ca.serial(), ca.sha256Fingerprint(), ca.subject(), ca.notBefore(),
                ca.notAfter(), ca.keyAlgorithm());
    }

    private static String operationIdOf(EventEnvelope env, SslEvent event) {
        return env.operationId() != null ? env.operationId() : event.operationId();
    }
}
