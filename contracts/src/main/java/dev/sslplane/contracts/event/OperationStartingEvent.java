package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.procedure.StepKey;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An event that starts or resumes an operation. It carries everything a restart worker needs, so the worker
 * keeps no other state about instances: the nodes, the engine, the CAs and the passes to run.
 */
public sealed interface OperationStartingEvent extends SslEvent
        permits SslEnabledEvent, CertificateRotatedEvent, SslDisabledEvent, TlsEnforcementChangedEvent,
                RestartRetriedEvent, RotationFinishingEvent,
                NodeCertificatesRenewingEvent, OperationRollingBackEvent {

    String operationId();

    OperationKind kind();

    /** The CA the nodes' certificates are issued by after the operation; {@code null} when it disables SSL. */
    CertificateInfo ca();

    /** The CA the nodes held before (rotation: the one being replaced; disable: the one retired), or {@code null}. */
    CertificateInfo previousCa();

    /** The instance's nodes as registered, with their registered roles; every member, even when some are not driven. */
    List<NodeSpec> nodes();

    /**
     * The names of the members whose steps the operation runs; {@code null} = every member (all kinds but a renewal
     * of node certificates, and every event recorded before operations could target members). The other members
     * are not restarted, but they stay members: health checks, roles and step-downs see all of {@link #nodes()}.
     */
    default List<String> targets() {
        return null;
    }

    /** The members whose steps the operation runs: {@link #nodes()}, or those of them named in {@link #targets()}. */
    default List<NodeSpec> steppedNodes() {
        List<String> targets = targets();
        return targets == null || targets.isEmpty() ? nodes()
                : nodes().stream().filter(node -> targets.contains(node.name())).toList();
    }

    /** Number of collections on the instance; restarts take longer above 10,000. */
    int collectionCount();

    /** {@code 3.4}, {@code 4.0} or {@code 4.2}; {@code null} in events recorded before engines mattered. */
    String engineVersion();

    /**
     * The node operator and its target, as registered; {@code null} in events recorded before instances named one
     * (the worker's default operator then drives the nodes).
     */
    default NodeOperatorTarget operator() {
        return null;
    }

    /**
     * How long the node certificates signed during the operation are valid, chosen when it started (the request's
     * or the deployment's default then); {@code null} for operations that issue none, and in events recorded before
     * operations chose it (the deployment's current default applies).
     */
    default Duration nodeCertificateValidity() {
        return null;
    }

    /** The passes of the operation; {@code null} in events recorded before passes existed (see {@link #plan()}). */
    List<Pass> passes();

    /** The pass after which the operation waits for a finish command, or {@code null} to run every pass. */
    default Integer holdAfterPass() {
        return null;
    }

    /** Node names restarted by an operation recorded before passes existed (always pass 1). */
    Set<String> completedNodes();

    /** Steps ({@link StepKey}) already done when a stopped operation resumes; empty when it starts. */
    default Set<String> completedSteps() {
        return Set.of();
    }

    /** The passes to run: {@link #passes()}, or the one-pass procedure of older events. */
    default List<Pass> plan() {
        List<Pass> passes = passes();
        return passes == null || passes.isEmpty() ? Procedures.legacy(kind()) : passes;
    }

    /** Every step already done, whether named as a step or, in older events, as a node of pass 1. */
    default Set<String> doneSteps() {
        var done = new LinkedHashSet<>(completedSteps());
        completedNodes().forEach(node -> done.add(StepKey.of(1, node)));
        return Set.copyOf(done);
    }
}
