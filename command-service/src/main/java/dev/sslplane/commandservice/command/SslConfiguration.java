package dev.sslplane.commandservice.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.sslplane.contracts.command.AbortOperationCommand;
import dev.sslplane.contracts.command.AddMemberCommand;
import dev.sslplane.contracts.command.CancelScheduledOperationCommand;
import dev.sslplane.contracts.command.CompleteRestartCommand;
import dev.sslplane.contracts.command.DisableSslCommand;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.FailRestartCommand;
import dev.sslplane.contracts.command.FinishRotationCommand;
import dev.sslplane.contracts.command.HoldOperationCommand;
import dev.sslplane.contracts.command.RecordCaExpiryStateCommand;
import dev.sslplane.contracts.command.RecordNodeRestartStartedCommand;
import dev.sslplane.contracts.command.RecordNodeRestartedCommand;
import dev.sslplane.contracts.command.RecordNodeStatesObservedCommand;
import dev.sslplane.contracts.command.RecordOperationStoppedCommand;
import dev.sslplane.contracts.command.RegisterInstanceCommand;
import dev.sslplane.contracts.command.RemoveMemberCommand;
import dev.sslplane.contracts.command.RenewNodeCertificatesCommand;
import dev.sslplane.contracts.command.ReplaceMemberCommand;
import dev.sslplane.contracts.command.RetryRestartCommand;
import dev.sslplane.contracts.command.RollBackOperationCommand;
import dev.sslplane.contracts.command.RotateCertificateCommand;
import dev.sslplane.contracts.command.SetMaintenanceWindowCommand;
import dev.sslplane.contracts.command.SetRenewalPolicyCommand;
import dev.sslplane.contracts.command.SetTlsEnforcementCommand;
import dev.sslplane.contracts.command.StartScheduledOperationCommand;
import dev.sslplane.contracts.command.UpdateCollectionCountCommand;
import dev.sslplane.contracts.command.UpdateEngineVersionCommand;
import dev.sslplane.contracts.error.ErrorCode;
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
import dev.sslplane.contracts.event.OperationAbortRequestedEvent;
import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
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
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.messaging.SignedCertificate;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.contracts.model.ExpiryState;
import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.RenewalPolicy;
import dev.sslplane.contracts.model.Schedule;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.procedure.StepKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSL configuration of one MongoDB instance: whether SSL is on, the nodes' TLS mode, its current CA, and the
 * one operation (passes × nodes, see {@link OperationProgress}) that may be under way. Every product rule is
 * enforced here.
 *
 * <p>Progress commands come from restart workers at least once and possibly late: a report that does not
 * advance the running operation (a step already recorded, another operation, an unknown step) is ignored (no
 * event, no error), so folding reports is idempotent.
 *
 * <p>The handlers of commands that a caller follows up with a read (registration, and each command that starts or
 * resumes an operation) answer the position of their write ({@link #position()}).
 *
 * <p>Longer than most classes on purpose: it is the aggregate, and each command handler sits next to the
 * {@code @EventSourcingHandler} that applies its event, which is the only place state changes. What does not need
 * the aggregate's state lives elsewhere: refusals ({@link Refusals}), eligibility ({@link EligibilityPolicy}), the
 * running operation ({@link RestartOperation}, {@link OperationProgress}) and the passes ({@code Procedures}).
 */
@Aggregate
public class SslConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SslConfiguration.class);

    @AggregateIdentifier
    private String instanceId;
    private String engineVersion;
    private Topology topology;
    private List<NodeSpec> nodes;
    private int collectionCount;
    /** Named at registration; every operation carries it so the worker drives the nodes with it. */
    private NodeOperatorTarget operator;
    private SslStatus sslStatus;
    private TlsMode tlsMode;
    private CertificateInfo currentCa;
    /**
     * The operation that created {@link #currentCa}: the vault keeps a CA's key under it, so a renewal, which signs
     * with the current CA, loads the key by this id. {@code null} while SSL is disabled.
     */
    private String caOperationId;
    private RestartOperation operation;
    /** Instance changes recorded so far, by change id: a repeated change command records nothing. */
    private final Set<String> appliedChanges = new java.util.HashSet<>();
    // maintenance window and scheduled operations
    private MaintenanceWindow maintenanceWindow;
    /** The operation waiting for its window; it holds the instance like {@link #operation} does. */
    private ScheduledOperation scheduled;
    /** Operations that started: cancelling one is refused, not answered "unknown". */
    private final Set<String> startedOperations = new HashSet<>();
    /** Cancelled operations: a repeated cancel, or a redelivered command that scheduled one, changes nothing. */
    private final Set<String> cancelledOperations = new HashSet<>();
    // abort and rollback
    /** Aborted operations: aborting one again changes nothing. */
    private final Set<String> abortedOperations = new HashSet<>();
    /** An aborted operation left the nodes unlike each other: only its rollback may run until one completes. */
    private PendingRollback pendingRollback;
    /** The operation aborted last, until another starts: its nodes' read-back replaces their computed states. */
    private LastAbort lastAbort;
    // automatic renewal
    /** Whether due node certificates are renewed without a command; instances start (and old ones stay) OFF. */
    private RenewalPolicy renewalPolicy = RenewalPolicy.OFF;

    /** Axon rebuilds the aggregate from events through this constructor. */
    protected SslConfiguration() {
    }

    // Create-if-missing so a second registration reaches this handler and is refused with a clear code,
    // instead of surfacing as an event-store conflict.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RegisterInstanceCommand command) {
        if (instanceId != null) {
            throw new DomainException(ErrorCode.INSTANCE_ALREADY_REGISTERED,
                    "instance " + command.instanceId() + " is already registered");
        }
        apply(new InstanceRegisteredEvent(command.instanceId(), command.engineVersion(), command.topology(),
                command.nodes(), command.collectionCount(), command.operator(), command.maintenanceWindow()));
        return position();
    }

    @CommandHandler
    public long handle(EnableSslCommand command, EligibilityPolicy eligibility, CertificatePolicy certificates,
                       CaProvisioner caProvisioner, OperationClock clock) {
        if (isRepeatOf(command.operationId())) {
            return position();
        }
        requireEligibleAndIdle(eligibility);
        if (sslStatus == SslStatus.ENABLED) {
            throw new DomainException(ErrorCode.SSL_ALREADY_ENABLED, "SSL is already enabled for " + instanceId);
        }
        if (command.schedule() == Schedule.MAINTENANCE_WINDOW) {
            certificates.choose(command.certificates()); // refused now if out of bounds, not when the window opens
            return schedule(command.operationId(), OperationKind.ENABLE, command.requireTls(), null,
                    command.certificates(), clock);
        }
        enable(command.operationId(), command.requireTls(), command.certificates(), certificates, caProvisioner);
        return position();
    }

    private void enable(String operationId, boolean requireTls, CertificateOptions options,
                        CertificatePolicy certificates, CaProvisioner caProvisioner) {
        CertificateChoices choices = certificates.choose(options);
        CertificateInfo ca = provisionCa(caProvisioner, operationId, choices);
        // the event records the node validity chosen now, so a later change of the deployment's default does not
        // change the certificates of an operation already under way
        apply(new SslEnabledEvent(instanceId, operationId, ca, nodes, collectionCount, engineVersion,
                requireTls, Procedures.enable(requireTls), operator, choices.nodeCertificateValidity()));
    }

    @CommandHandler
    public long handle(RotateCertificateCommand command, EligibilityPolicy eligibility,
                       CertificatePolicy certificates, CaProvisioner caProvisioner, OperationClock clock) {
        if (isRepeatOf(command.operationId())) {
            return position();
        }
        requireEligibleEnabledAndIdle(eligibility, "rotate the CA certificate");
        if (command.schedule() == Schedule.MAINTENANCE_WINDOW) {
            certificates.choose(command.certificates()); // refused now if out of bounds, not when the window opens
            return schedule(command.operationId(), OperationKind.ROTATE, null, command.holdOldCa(),
                    command.certificates(), clock);
        }
        rotate(command.operationId(), command.holdOldCa(), command.certificates(), certificates, caProvisioner);
        return position();
    }

    private void rotate(String operationId, boolean holdOldCa, CertificateOptions options,
                        CertificatePolicy certificates, CaProvisioner caProvisioner) {
        CertificateChoices choices = certificates.choose(options);
        CertificateInfo ca = provisionCa(caProvisioner, operationId, choices);
        apply(new CertificateRotatedEvent(instanceId, operationId, ca, currentCa.serial(), nodes,
                collectionCount, engineVersion, currentCa, holdOldCa, Procedures.rotate(tlsMode), operator,
                choices.nodeCertificateValidity()));
    }

    @CommandHandler
    public long handle(RenewNodeCertificatesCommand command, EligibilityPolicy eligibility,
                       CertificatePolicy certificates, OperationClock clock) {
        if (isRepeatOf(command.operationId())) {
            return position();
        }
        requireEligibleEnabledAndIdle(eligibility, "renew the node certificates");
        List<String> targets = RenewalTargets.of(instanceId, nodes, command.members());
        if (command.schedule() == Schedule.MAINTENANCE_WINDOW) {
            return schedule(command.operationId(), OperationKind.RENEW_NODE_CERTIFICATES, null, null, null, clock,
                    targets);
        }
        renewNodeCertificates(command.operationId(), certificates, targets);
        return position();
    }

    /** @param targets the members to renew, {@code null} = every member (the event always lists all of them) */
    private void renewNodeCertificates(String operationId, CertificatePolicy certificates, List<String> targets) {
        // no new CA: the current one signs, so clients keep trusting what they trust; the node validity is the
        // deployment's now, recorded so a later change of the default does not touch an operation under way
        apply(new NodeCertificatesRenewingEvent(instanceId, operationId, currentCa, nodes, collectionCount,
                engineVersion, Procedures.renewNodeCertificates(tlsMode), operator,
                certificates.defaults().nodeCertificateValidity(), targets));
    }

    private CertificateInfo provisionCa(CaProvisioner caProvisioner, String operationId, CertificateChoices choices) {
        return caProvisioner.provisionCa(instanceId, operationId, choices.caKeyAlgorithm(), choices.caValidity());
    }

    @CommandHandler
    public long handle(DisableSslCommand command, EligibilityPolicy eligibility, OperationClock clock) {
        if (isRepeatOf(command.operationId())) {
            return position();
        }
        requireEligibleEnabledAndIdle(eligibility, "disable SSL");
        if (command.schedule() == Schedule.MAINTENANCE_WINDOW) {
            return schedule(command.operationId(), OperationKind.DISABLE, null, null, null, clock);
        }
        disable(command.operationId());
        return position();
    }

    private void disable(String operationId) {
        apply(new SslDisabledEvent(instanceId, operationId, currentCa.serial(), nodes, collectionCount,
                engineVersion, currentCa, Procedures.disable(tlsMode), operator));
    }

    @CommandHandler
    public long handle(SetTlsEnforcementCommand command, EligibilityPolicy eligibility, OperationClock clock) {
        if (isRepeatOf(command.operationId())) {
            return position();
        }
        requireEligibleEnabledAndIdle(eligibility, "change TLS enforcement");
        if (tlsMode == (command.requireTls() ? TlsMode.REQUIRE : TlsMode.PREFER)) {
            throw new DomainException(ErrorCode.TLS_ENFORCEMENT_UNCHANGED, "TLS is already "
                    + (command.requireTls() ? "required (requireTLS)" : "offered but not required (preferTLS)")
                    + " for " + instanceId);
        }
        if (command.schedule() == Schedule.MAINTENANCE_WINDOW) {
            return schedule(command.operationId(),
                    command.requireTls() ? OperationKind.ENFORCE_TLS : OperationKind.RELAX_TLS,
                    command.requireTls(), null, null, clock);
        }
        setTlsEnforcement(command.operationId(), command.requireTls());
        return position();
    }

    private void setTlsEnforcement(String operationId, boolean requireTls) {
        apply(new TlsEnforcementChangedEvent(instanceId, operationId, requireTls, currentCa,
                nodes, collectionCount, engineVersion, requireTls ? Procedures.enforce() : Procedures.relax(),
                operator));
    }

    @CommandHandler
    public long handle(RetryRestartCommand command) {
        if (operation != null && operation.state == RestartOperation.State.WAITING_FOR_CLIENTS) {
            throw Refusals.busy(instanceId, operation);
        }
        if (abortedOperations.contains(command.operationId())) {
            throw new DomainException(ErrorCode.OPERATION_NOT_RETRYABLE, "operation " + command.operationId()
                    + " of " + instanceId + " was aborted; an aborted operation is not resumed");
        }
        if (operation == null || !operation.operationId.equals(command.operationId())) {
            throw Refusals.notCurrent(instanceId, command.operationId());
        }
        if (operation.state != RestartOperation.State.FAILED) {
            throw Refusals.notRetryable(operation);
        }
        if (operation.plan.nodeCount() == 0) {
            throw new DomainException(ErrorCode.OPERATION_NOT_RETRYABLE, "operation " + operation.operationId
                    + " of " + instanceId + " has no member left to renew: every member it named left; abort it");
        }
        apply(new RestartRetriedEvent(instanceId, operation.operationId, operation.kind, operation.ca, nodes,
                collectionCount, Set.of(), operation.attempt + 1, engineVersion, operation.previousCa,
                operation.plan.passes(), Set.copyOf(operation.doneSteps), operation.holdAfterPass, operator,
                operation.nodeCertificateValidity, operation.targets));
        return position();
    }

    @CommandHandler
    public long handle(FinishRotationCommand command) {
        if (operation == null || !operation.operationId.equals(command.operationId())) {
            throw Refusals.notCurrent(instanceId, command.operationId());
        }
        if (operation.state != RestartOperation.State.WAITING_FOR_CLIENTS) {
            throw Refusals.notAwaitingClients(operation);
        }
        apply(new RotationFinishingEvent(instanceId, operation.operationId, operation.ca, operation.previousCa,
                nodes, collectionCount, engineVersion, operation.plan.passes(), Set.copyOf(operation.doneSteps),
                operation.attempt, operator, operation.nodeCertificateValidity));
        return position();
    }

    @CommandHandler
    public void handle(RecordNodeRestartStartedCommand command) {
        if (!stepReportAdvances(command.operationId(), command.pass(), command.nodeName(), "step started")
                || operation.startedSteps.contains(StepKey.of(command.pass(), command.nodeName()))) {
            return;
        }
        apply(new NodeRestartStartedEvent(instanceId, command.operationId(), command.nodeName(), operation.attempt,
                command.startedAt(), command.pass(), command.role(), command.stepTimeout()));
    }

    @CommandHandler
    public void handle(RecordNodeRestartedCommand command) {
        if (!stepReportAdvances(command.operationId(), command.pass(), command.nodeName(), "step done")
                || operation.doneSteps.contains(StepKey.of(command.pass(), command.nodeName()))) {
            return;
        }
        apply(new NodeRestartedEvent(instanceId, command.operationId(), command.nodeName(),
                command.unreachableMillis(), command.restartedAt(), command.pass(), command.observed()));
    }

    @CommandHandler
    public void handle(HoldOperationCommand command) {
        if (!reportAdvances(command.operationId(), "operation held")) {
            return;
        }
        if (operation.state == RestartOperation.State.ABORTING) {
            // it stopped where it would have waited: that is where the abort ends it
            abort("RUNNING", command.heldAt());
            return;
        }
        if (!Objects.equals(operation.holdAfterPass, command.pass())
                || !operation.plan.doneThrough(command.pass(), operation.doneSteps)) {
            log.warn("Ignoring hold of {} on {} after pass {}: it holds after {} and has {} of its steps done",
                    command.operationId(), instanceId, command.pass(), operation.holdAfterPass,
                    operation.doneSteps.size());
            return;
        }
        apply(new RotationAwaitingClientsEvent(instanceId, command.operationId(), command.pass(), command.heldAt()));
    }

    @CommandHandler
    public void handle(CompleteRestartCommand command) {
        if (!reportAdvances(command.operationId(), "operation completed")) {
            return;
        }
        if (!operation.plan.complete(operation.doneSteps)) {
            log.warn("Ignoring completion of {} on {}: only {} of {} steps reported done", command.operationId(),
                    instanceId, operation.doneSteps.size(), operation.plan.stepCount());
            return;
        }
        apply(new RestartCompletedEvent(instanceId, command.operationId(), operation.kind, command.totalMillis(),
                command.completedAt()));
    }

    @CommandHandler
    public void handle(FailRestartCommand command) {
        if (!stepReportAdvances(command.operationId(), command.pass(), command.nodeName(), "operation failed")) {
            return;
        }
        boolean aborting = operation.state == RestartOperation.State.ABORTING;
        apply(new RestartFailedEvent(instanceId, command.operationId(), operation.kind, command.nodeName(),
                command.reason(), command.failedAt(), command.pass(), command.code()));
        if (aborting) {
            // the step in progress failed after the abort was asked for: nothing more runs, the abort ends it
            abort("RUNNING", command.failedAt());
        }
    }

    @CommandHandler
    public SignedCertificate handle(SignNodeCertificateCommand command, NodeCertificateSigner signer) {
        if (operation == null || !operation.isRunning(command.operationId())) {
            throw new DomainException(ErrorCode.CSR_NO_RUNNING_OPERATION,
                    "operation " + command.operationId() + " is not running for " + instanceId);
        }
        if (!operation.plan.issuesCertificates()) {
            throw new DomainException(ErrorCode.CSR_NO_RUNNING_OPERATION, "operation " + command.operationId()
                    + " (" + operation.kind + ") issues no certificates");
        }
        NodeSpec node = nodes.stream().filter(n -> n.name().equals(command.nodeName())).findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.CSR_NODE_UNKNOWN,
                        "node " + command.nodeName() + " is not registered for " + instanceId));
        if (!operation.plan.nodeNames().contains(node.name())) {
            throw new DomainException(ErrorCode.CSR_NODE_UNKNOWN, "operation " + command.operationId()
                    + " does not renew the certificate of " + node.name() + " (it renews " + operation.targets + ")");
        }
        // a renewal (and a rollback) signs with the current CA (the restored one), whose key the vault holds under
        // the operation that created it; the certificate issued still belongs to (and is recorded under) this one
        String caOperation = operation.kind == OperationKind.RENEW_NODE_CERTIFICATES
                || operation.kind == OperationKind.ROLLBACK ? caOperationId : command.operationId();
        IssuedNodeCertificate issued = signer.sign(instanceId, caOperation, node, command.csrPem(),
                operation.nodeCertificateValidity);
        apply(new NodeCertificateIssuedEvent(instanceId, command.operationId(), node.name(), issued.caSerial(),
                issued.certificate()));
        return issued.answer();
    }

    // ---- abort and rollback (issue 19 section 4) ------------------------------------------------------------------

    /**
     * A running operation is asked to stop after the step in progress (the worker says when it has:
     * {@link RecordOperationStoppedCommand}); a failed one, or a rotation waiting for its clients, ends at once.
     */
    @CommandHandler
    public long handle(AbortOperationCommand command, OperationClock clock) {
        String operationId = command.operationId();
        if (abortedOperations.contains(operationId)) {
            return position();
        }
        if (scheduled != null && scheduled.operationId.equals(operationId)) {
            throw new DomainException(ErrorCode.OPERATION_NOT_ABORTABLE, "operation " + operationId + " of "
                    + instanceId + " waits for its maintenance window and has not started: cancel it instead");
        }
        if (operation == null || !operation.operationId.equals(operationId)) {
            if (startedOperations.contains(operationId)) {
                throw new DomainException(ErrorCode.OPERATION_NOT_ABORTABLE, "operation " + operationId + " of "
                        + instanceId + " has finished; only an operation under way can be aborted");
            }
            throw Refusals.notCurrent(instanceId, operationId);
        }
        switch (operation.state) {
            case RUNNING -> apply(new OperationAbortRequestedEvent(instanceId, operationId, operation.kind,
                    clock.now()));
            case FAILED, WAITING_FOR_CLIENTS -> abort(operation.state.name(), clock.now());
            case ABORTING -> log.info("Abort of {} on {} already asked for", operationId, instanceId);
        }
        return position();
    }

    @CommandHandler
    public void handle(RecordOperationStoppedCommand command) {
        if (operation == null || !operation.operationId.equals(command.operationId())
                || operation.state != RestartOperation.State.ABORTING) {
            log.info("Ignoring stop of {} on {}: no abort of it is under way", command.operationId(), instanceId);
            return;
        }
        abort("RUNNING", command.stoppedAt());
    }

    /** Ends the operation where it is: the instance gets its state back, or needs the rollback when nodes changed. */
    private void abort(String stateBefore, Instant at) {
        boolean rollbackRequired = operation.changedNodes();
        InstanceTls target = operation.before;
        apply(new OperationAbortedEvent(instanceId, operation.operationId, operation.kind, stateBefore, at,
                NodeStates.after(operation), rollbackRequired, target.sslStatus(), target.tlsMode(), target.ca()));
    }

    /**
     * The worker read the nodes of the aborted operation back: what they are replaces what the abort computed, so the
     * status and a later rollback start from it. Only for the operation aborted last and before another starts; a
     * read-back that says nothing new records nothing (redelivery, a second worker, a restart).
     */
    @CommandHandler
    public void handle(RecordNodeStatesObservedCommand command) {
        if (lastAbort == null || !lastAbort.operationId.equals(command.operationId())) {
            log.info("Ignoring read-back of {} on {}: not the operation aborted last, or another started since",
                    command.operationId(), instanceId);
            return;
        }
        List<NodeTlsState> states = lastAbort.merge(command.nodes());
        Map<String, String> unread = lastAbort.unread(command.unreadNodes(), command.nodes());
        if (lastAbort.unchangedBy(command.nodes(), states, unread)) {
            return;
        }
        InstanceTls target = pendingRollback != null ? pendingRollback.target : null;
        // an observation only lifts the need for a rollback: every node read, each with the state before again
        boolean required = target != null && !(unread.isEmpty()
                && states.stream().allMatch(state -> NodeStates.same(state, NodeStates.uniform(state.node(), target))));
        apply(new NodeTlsStatesObservedEvent(instanceId, command.operationId(), command.observedAt(), states, unread,
                required, target == null ? null : target.sslStatus(), target == null ? null : target.tlsMode(),
                target == null ? null : target.ca()));
    }

    @CommandHandler
    public long handle(RollBackOperationCommand command, CertificatePolicy certificates) {
        if (startedOperations.contains(command.operationId())) {
            return position();
        }
        if (operation != null) {
            throw Refusals.busy(instanceId, operation);
        }
        if (pendingRollback == null || !pendingRollback.abortedOperationId.equals(command.abortedOperationId())) {
            throw new DomainException(ErrorCode.ROLLBACK_NOT_POSSIBLE, "operation " + command.abortedOperationId()
                    + " of " + instanceId + " has nothing to roll back: only the aborted operation that left the "
                    + "nodes in different TLS states can be rolled back"
                    + (pendingRollback == null ? "" : " (that is " + pendingRollback.abortedOperationId + ")"));
        }
        PendingRollback pending = pendingRollback;
        InstanceTls target = pending.target;
        List<Pass> plan = pending.plan();
        boolean issues = plan.stream().anyMatch(Pass::issuesCertificates);
        apply(new OperationRollingBackEvent(instanceId, command.operationId(), pending.abortedOperationId,
                pending.abortedKind, target.ca(), pending.abortedCa, target.caOperationId(), nodes, collectionCount,
                engineVersion, plan, operator, issues ? certificates.defaults().nodeCertificateValidity() : null));
        return position();
    }

    @EventSourcingHandler
    void on(OperationAbortRequestedEvent event) {
        operation.state = RestartOperation.State.ABORTING;
    }

    @EventSourcingHandler
    void on(OperationAbortedEvent event) {
        abortedOperations.add(event.operationId());
        lastAbort = new LastAbort(event);
        if (event.rollbackRequired()) {
            if (operation.kind != OperationKind.ROLLBACK) {
                pendingRollback = new PendingRollback(operation);
            }
            pendingRollback.nodesLeftAs(event.nodes());
        } else {
            sslStatus = event.sslStatus();
            tlsMode = event.tlsMode();
            currentCa = event.ca();
            caOperationId = operation.before.caOperationId();
        }
        operation = null;
    }

    @EventSourcingHandler
    void on(NodeTlsStatesObservedEvent event) {
        lastAbort.recorded(event);
        if (pendingRollback == null) {
            return;
        }
        if (event.rollbackRequired()) {
            var read = new HashSet<String>();
            event.nodes().stream().map(NodeTlsState::node).filter(node -> !event.unreadNodes().containsKey(node))
                    .forEach(read::add);
            pendingRollback.observed(event.operationId(), event.nodes(), read);
        } else {
            // every node has the state before the aborted operation again: as after an abort that changed nothing
            sslStatus = pendingRollback.target.sslStatus();
            tlsMode = pendingRollback.target.tlsMode();
            currentCa = pendingRollback.target.ca();
            caOperationId = pendingRollback.target.caOperationId();
            pendingRollback = null;
        }
    }

    @EventSourcingHandler
    void on(OperationRollingBackEvent event) {
        startOperation(event, event.previousCa());
        sslStatus = event.ca() == null ? SslStatus.DISABLED : SslStatus.ENABLED;
        tlsMode = modeAfter(event);
        currentCa = event.ca();
        caOperationId = event.caKeyOperationId();
    }

    // ---- instance changes (issue 19 section 5): members, collection count, engine version ----------------------

    @CommandHandler
    public long handle(AddMemberCommand command) {
        if (appliedChanges.contains(command.changeId())) {
            return position();
        }
        requireNoOperationUnderWay("add a member");
        List<NodeSpec> after = MemberChanges.add(nodes, command.member());
        MemberChanges.requireValid(instanceId, after, operator, departedNames(), List.of());
        apply(new MemberAddedEvent(instanceId, command.changeId(), command.member(), after));
        return position();
    }

    @CommandHandler
    public long handle(RemoveMemberCommand command) {
        if (appliedChanges.contains(command.changeId())) {
            return position();
        }
        requireNoOperationUnderWay("remove a member");
        NodeSpec leaving = MemberChanges.existing(instanceId, nodes, command.memberName());
        List<String> found = new java.util.ArrayList<>();
        if (nodes.size() == 1) {
            found.add("cannot remove " + leaving.name() + ", the last member");
        } else if (leaving.role() == NodeRole.PRIMARY) {
            found.add("cannot remove " + leaving.name() + ", the member registered as PRIMARY; replace it instead");
        }
        List<NodeSpec> after = MemberChanges.remove(nodes, leaving.name());
        MemberChanges.requireValid(instanceId, after, operator, departedNames(), found);
        apply(new MemberRemovedEvent(instanceId, command.changeId(), leaving.name(), after));
        return position();
    }

    @CommandHandler
    public long handle(ReplaceMemberCommand command) {
        if (appliedChanges.contains(command.changeId())) {
            return position();
        }
        requireNoOperationUnderWay("replace a member");
        NodeSpec leaving = MemberChanges.existing(instanceId, nodes, command.memberName());
        List<String> found = new java.util.ArrayList<>();
        if (command.replacement().name().equals(leaving.name())) {
            found.add("the replacement needs a name of its own: " + leaving.name() + " stays the dead node's name");
        }
        List<NodeSpec> after = MemberChanges.replace(nodes, leaving.name(), command.replacement());
        MemberChanges.requireValid(instanceId, after, operator, departedNames(), found);
        apply(new MemberReplacedEvent(instanceId, command.changeId(), leaving.name(), command.replacement(), after));
        return position();
    }

    @CommandHandler
    public long handle(UpdateCollectionCountCommand command) {
        if (appliedChanges.contains(command.changeId()) || command.collectionCount() == collectionCount) {
            return position();
        }
        requireNoOperationUnderWay("update the collection count");
        apply(new CollectionCountUpdatedEvent(instanceId, command.changeId(), collectionCount,
                command.collectionCount()));
        return position();
    }

    @CommandHandler
    public long handle(UpdateEngineVersionCommand command) {
        if (appliedChanges.contains(command.changeId()) || command.engineVersion().equals(engineVersion)) {
            return position();
        }
        requireNoOperationUnderWay("update the engine version");
        apply(new EngineVersionUpdatedEvent(instanceId, command.changeId(), engineVersion, command.engineVersion()));
        return position();
    }

    // ---- maintenance window and scheduled operations ------------------------------------------------------

    @CommandHandler
    public long handle(SetMaintenanceWindowCommand command) {
        if (!Objects.equals(maintenanceWindow, command.window())) {
            apply(new MaintenanceWindowSetEvent(instanceId, command.window()));
        }
        return position();
    }

    // ---- automatic renewal ---------------------------------------------------------------------------------------

    /**
     * Renewing in the maintenance window needs one: refused now rather than every time a renewal falls due. The
     * policy in force again records nothing.
     */
    @CommandHandler
    public long handle(SetRenewalPolicyCommand command) {
        if (command.policy() == renewalPolicy) {
            return position();
        }
        if (command.policy() == RenewalPolicy.IN_MAINTENANCE_WINDOW && maintenanceWindow == null) {
            throw new DomainException(ErrorCode.MAINTENANCE_WINDOW_NOT_SET, "cannot renew node certificates in the "
                    + "maintenance window automatically: " + instanceId + " has none; set one first");
        }
        apply(new RenewalPolicySetEvent(instanceId, command.policy()));
        return position();
    }

    @EventSourcingHandler
    void on(RenewalPolicySetEvent event) {
        renewalPolicy = event.policy();
    }

    // ---- CA expiry warnings (issue 19 section 2) -------------------------------------------------------------------
    // (kept together, field included, so this block reads on its own)

    /** Per CA serial, the furthest expiry state recorded for it: each is recorded once, and never a step back. */
    private final Map<String, ExpiryState> caExpiryReached = new java.util.HashMap<>();

    /**
     * Records that the current CA is due (or past due), once per serial and state. The sender is the service's own
     * expiry watch on every replica: a repeat, a state already passed, a CA no longer current (a rotation raced the
     * watch) or SSL disabled record nothing, and nothing here starts an operation: the CA is rotated by hand.
     */
    @CommandHandler
    public void handle(RecordCaExpiryStateCommand command, OperationClock clock) {
        if (command.state() == null || command.state() == ExpiryState.OK) {
            throw new IllegalArgumentException("only RENEW_SOON or EXPIRED are recorded, not " + command.state());
        }
        if (sslStatus != SslStatus.ENABLED || currentCa == null || !currentCa.serial().equals(command.caSerial())) {
            log.info("Not recording CA {} {} on {}: it is not the current CA", command.caSerial(), command.state(),
                    instanceId);
            return;
        }
        ExpiryState reached = caExpiryReached.get(command.caSerial());
        if (reached != null && reached.compareTo(command.state()) >= 0) {
            return;
        }
        apply(new CaExpiryStateReachedEvent(instanceId, currentCa.serial(), currentCa.notAfter(), command.state(),
                clock.now()));
    }

    @EventSourcingHandler
    void on(CaExpiryStateReachedEvent event) {
        caExpiryReached.put(event.caSerial(), event.state());
    }

    /**
     * Instance changes wait while an operation runs, a rotation waits for clients or an operation waits for the
     * maintenance window (it starts on the instance it was accepted for); a FAILED operation does not hold them
     * (replacing its dead node is how it gets unstuck), and its retry carries what changed.
     */
    private void requireNoOperationUnderWay(String action) {
        DomainException busy = operation != null && operation.state != RestartOperation.State.FAILED
                ? Refusals.busy(instanceId, operation)
                : scheduled != null ? Refusals.scheduled(instanceId, scheduled) : null;
        if (busy != null) {
            throw new DomainException(busy.code(), "cannot " + action + ": " + busy.getMessage(), busy.details());
        }
        if (pendingRollback != null) {
            throw rollbackRequired(action);
        }
    }

    private Set<String> departedNames() {
        return operation == null ? Set.of() : Set.copyOf(operation.departed);
    }

    /**
     * Accepts an operation for the maintenance window, after the caller checked every rule its command has now: the
     * instance is held from here on, but nothing is provisioned until it starts.
     */
    private long schedule(String operationId, OperationKind kind, Boolean requireTls, Boolean holdOldCa,
                          CertificateOptions options, OperationClock clock) {
        return schedule(operationId, kind, requireTls, holdOldCa, options, clock, null);
    }

    /** @param members a renewal's members to renew, {@code null} = every member */
    private long schedule(String operationId, OperationKind kind, Boolean requireTls, Boolean holdOldCa,
                          CertificateOptions options, OperationClock clock, List<String> members) {
        if (maintenanceWindow == null) {
            throw new DomainException(ErrorCode.MAINTENANCE_WINDOW_NOT_SET, "cannot schedule " + kind + " in the "
                    + "maintenance window: " + instanceId + " has none; set one first");
        }
        MaintenanceWindow.Occurrence window = maintenanceWindow.current(clock.now());
        CertificateOptions asked = options == null ? CertificateOptions.DEFAULTS : options;
        apply(new OperationScheduledEvent(instanceId, operationId, kind, requireTls, holdOldCa,
                asked.caKeyAlgorithm(), asked.caValidity(), asked.nodeCertificateValidity(), window.opens(),
                window.closes(), members));
        return position();
    }

    /**
     * Starts a due scheduled operation with the same id and the same events its command would have had now; a window
     * that closed before the start defers it to the next opening (never started late, overrunning the window).
     * Any replica's scheduler may send this any number of times: an operation no longer scheduled is left alone.
     */
    @CommandHandler
    public long handle(StartScheduledOperationCommand command, CertificatePolicy certificates,
                       CaProvisioner caProvisioner, OperationClock clock) {
        if (scheduled == null || !scheduled.operationId.equals(command.operationId())) {
            log.info("Not starting {} on {}: it is not scheduled (started, cancelled or unknown)",
                    command.operationId(), instanceId);
            return position();
        }
        Instant now = clock.now();
        switch (scheduled.dueAt(now)) {
            case NOT_YET -> log.info("Not starting {} on {} yet: its window opens at {}", scheduled.operationId,
                    instanceId, scheduled.startsAt);
            case DEFER -> {
                MaintenanceWindow.Occurrence next = maintenanceWindow.current(now);
                apply(new ScheduledOperationDeferredEvent(instanceId, scheduled.operationId, scheduled.kind,
                        scheduled.windowEnds, next.opens(), next.closes()));
            }
            case START -> {
                try {
                    startScheduled(scheduled, certificates, caProvisioner);
                } catch (DomainException refused) {
                    // asking again at the next poll would be refused again: end it, with the refusal's words
                    apply(new ScheduledOperationRefusedEvent(instanceId, scheduled.operationId, scheduled.kind,
                            refused.code().name(), refused.getMessage()));
                }
            }
        }
        return position();
    }

    private void startScheduled(ScheduledOperation due, CertificatePolicy certificates, CaProvisioner caProvisioner) {
        switch (due.kind) {
            case ENABLE -> enable(due.operationId, due.requireTls, due.certificates, certificates, caProvisioner);
            case ROTATE -> rotate(due.operationId, due.holdOldCa, due.certificates, certificates, caProvisioner);
            case DISABLE -> disable(due.operationId);
            case RENEW_NODE_CERTIFICATES -> renewNodeCertificates(due.operationId, certificates, due.members);
            case ENFORCE_TLS, RELAX_TLS -> setTlsEnforcement(due.operationId, due.requireTls);
        }
    }

    @CommandHandler
    public long handle(CancelScheduledOperationCommand command) {
        String operationId = command.operationId();
        if (scheduled != null && scheduled.operationId.equals(operationId)) {
            apply(new ScheduledOperationCancelledEvent(instanceId, operationId, scheduled.kind));
        } else if (!cancelledOperations.contains(operationId)) {
            if (startedOperations.contains(operationId)) {
                throw new DomainException(ErrorCode.OPERATION_NOT_SCHEDULED, "operation " + operationId + " of "
                        + instanceId + " has started; only an operation that waits for its window can be cancelled");
            }
            throw Refusals.notCurrent(instanceId, operationId);
        }
        return position();
    }

    /**
     * The position of this command's write, answered to the caller (read-your-writes, {@code ReadPosition}): the
     * sequence of the aggregate's last event — the one just applied, or for a repeat the newest so far, which a
     * read model reaches only after the operation's own event.
     */
    private static long position() {
        return getVersion();
    }

    // ---- rules --------------------------------------------------------------------------------------------

    /** A command carrying the current operation's own id is a redelivery of the command that started it. */
    private boolean isRepeatOf(String operationId) {
        return operation != null && operation.operationId.equals(operationId)
                || scheduled != null && scheduled.operationId.equals(operationId)
                || cancelledOperations.contains(operationId) || abortedOperations.contains(operationId);
    }

    private void requireEligibleAndIdle(EligibilityPolicy eligibility) {
        Optional<String> reason = eligibility.ineligibility(topology, engineVersion);
        if (reason.isPresent()) {
            throw new DomainException(ErrorCode.INSTANCE_NOT_ELIGIBLE, reason.get());
        }
        if (operation != null) {
            throw Refusals.busy(instanceId, operation);
        }
        if (scheduled != null) {
            throw Refusals.scheduled(instanceId, scheduled);
        }
        if (pendingRollback != null) {
            throw rollbackRequired("start an operation");
        }
    }

    private DomainException rollbackRequired(String action) {
        return new DomainException(ErrorCode.ROLLBACK_REQUIRED, "cannot " + action + " on " + instanceId + ": "
                + pendingRollback.describe() + "; roll it back first (operations/" + pendingRollback.abortedOperationId
                + ":rollback)");
    }

    private void requireEligibleEnabledAndIdle(EligibilityPolicy eligibility, String action) {
        requireEligibleAndIdle(eligibility);
        if (sslStatus != SslStatus.ENABLED) {
            throw Refusals.notEnabled(instanceId, action);
        }
    }

    /** Whether a report is about the running operation (late reports and other operations' are ignored). */
    private boolean reportAdvances(String operationId, String what) {
        if (operation == null || !operation.isRunning(operationId)) {
            log.info("Ignoring late or unknown report '{}' for operation {} on {}", what, operationId, instanceId);
            return false;
        }
        return true;
    }

    /** Whether a report is about a step of the running operation's plan. */
    private boolean stepReportAdvances(String operationId, int pass, String nodeName, String what) {
        if (!reportAdvances(operationId, what)) {
            return false;
        }
        if (!operation.plan.hasStep(pass, nodeName)) {
            log.warn("Ignoring report '{}' for unknown step {} of {} on {}", what, StepKey.of(pass, nodeName),
                    operationId, instanceId);
            return false;
        }
        return true;
    }

    // ---- state --------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(InstanceRegisteredEvent event) {
        instanceId = event.instanceId();
        engineVersion = event.engineVersion();
        topology = event.topology();
        nodes = event.nodes();
        collectionCount = event.collectionCount();
        operator = event.operator();
        maintenanceWindow = event.maintenanceWindow();
        sslStatus = SslStatus.DISABLED;
        tlsMode = TlsMode.DISABLED;
    }

    @EventSourcingHandler
    void on(SslEnabledEvent event) {
        startOperation(event, null);
        sslStatus = SslStatus.ENABLED;
        tlsMode = modeAfter(event);
        currentCa = event.ca();
        caOperationId = event.operationId();
    }

    @EventSourcingHandler
    void on(CertificateRotatedEvent event) {
        // events recorded before previousCa was carried: the CA replaced is the one this aggregate had
        startOperation(event, event.previousCa() != null ? event.previousCa() : currentCa);
        currentCa = event.ca();
        caOperationId = event.operationId();
    }

    @EventSourcingHandler
    void on(SslDisabledEvent event) {
        startOperation(event, event.previousCa() != null ? event.previousCa() : currentCa);
        sslStatus = SslStatus.DISABLED;
        tlsMode = TlsMode.DISABLED;
        currentCa = null;
        caOperationId = null;
    }

    @EventSourcingHandler
    void on(NodeCertificatesRenewingEvent event) {
        // the CA, the mode and the status stay: only the nodes' certificates change
        startOperation(event, null);
    }

    @EventSourcingHandler
    void on(TlsEnforcementChangedEvent event) {
        startOperation(event, null);
        tlsMode = modeAfter(event);
    }

    private void startOperation(OperationStartingEvent event, CertificateInfo previousCa) {
        boolean rollback = event.kind() == OperationKind.ROLLBACK;
        InstanceTls before = rollback ? pendingRollback.target
                : new InstanceTls(sslStatus, tlsMode, currentCa, caOperationId);
        operation = new RestartOperation(event, nodes, previousCa, before,
                rollback ? pendingRollback.nodes : Map.of());
        startedOperations.add(event.operationId());
        // the nodes change again: a read-back of an earlier abort is stale from here on
        lastAbort = null;
        // a scheduled operation that starts (same id) no longer waits
        scheduled = null;
    }

    @EventSourcingHandler
    void on(MaintenanceWindowSetEvent event) {
        maintenanceWindow = event.window();
    }

    @EventSourcingHandler
    void on(OperationScheduledEvent event) {
        scheduled = new ScheduledOperation(event);
    }

    @EventSourcingHandler
    void on(ScheduledOperationDeferredEvent event) {
        scheduled.startsAt = event.startsAt();
        scheduled.windowEnds = event.windowEnds();
    }

    @EventSourcingHandler
    void on(ScheduledOperationCancelledEvent event) {
        scheduled = null;
        cancelledOperations.add(event.operationId());
    }

    @EventSourcingHandler
    void on(ScheduledOperationRefusedEvent event) {
        scheduled = null;
        cancelledOperations.add(event.operationId());
    }

    /** The mode every node has after the last pass (legacy one-pass events: preferTLS, or disabled). */
    private static TlsMode modeAfter(OperationStartingEvent event) {
        return event.plan().get(event.plan().size() - 1).mode();
    }

    @EventSourcingHandler
    void on(NodeRestartStartedEvent event) {
        operation.startedSteps.add(StepKey.of(event.pass(), event.nodeName()));
    }

    @EventSourcingHandler
    void on(NodeRestartedEvent event) {
        String step = StepKey.of(event.pass(), event.nodeName());
        operation.startedSteps.add(step);
        operation.doneSteps.add(step);
    }

    @EventSourcingHandler
    void on(RotationAwaitingClientsEvent event) {
        operation.state = RestartOperation.State.WAITING_FOR_CLIENTS;
        operation.waitingSince = event.since();
    }

    @EventSourcingHandler
    void on(RotationFinishingEvent event) {
        operation.state = RestartOperation.State.RUNNING;
        operation.holdAfterPass = null;
        operation.waitingSince = null;
    }

    // ---- instance changes --------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(MemberAddedEvent event) {
        membersChanged(event.changeId(), event.nodes());
    }

    @EventSourcingHandler
    void on(MemberRemovedEvent event) {
        membersChanged(event.changeId(), event.nodes());
    }

    @EventSourcingHandler
    void on(MemberReplacedEvent event) {
        membersChanged(event.changeId(), event.nodes());
    }

    private void membersChanged(String changeId, List<NodeSpec> after) {
        appliedChanges.add(changeId);
        nodes = after;
        if (operation != null) {
            operation.membersChanged(after);
        }
    }

    @EventSourcingHandler
    void on(CollectionCountUpdatedEvent event) {
        appliedChanges.add(event.changeId());
        collectionCount = event.collectionCount();
    }

    @EventSourcingHandler
    void on(EngineVersionUpdatedEvent event) {
        appliedChanges.add(event.changeId());
        engineVersion = event.engineVersion();
    }

    @EventSourcingHandler
    void on(RestartCompletedEvent event) {
        if (operation.kind == OperationKind.ROLLBACK) {
            pendingRollback = null;
        }
        operation = null;
    }

    @EventSourcingHandler
    void on(RestartFailedEvent event) {
        operation.state = RestartOperation.State.FAILED;
        operation.failedNode = event.nodeName();
        operation.failedPass = event.pass();
        operation.failureReason = event.reason();
        operation.failureCode = event.code();
    }

    @EventSourcingHandler
    void on(RestartRetriedEvent event) {
        operation.state = RestartOperation.State.RUNNING;
        operation.attempt = event.attempt();
        operation.holdAfterPass = event.holdAfterPass();
        operation.failedNode = null;
        operation.failedPass = null;
        operation.failureReason = null;
        operation.failureCode = null;
        operation.startedSteps.retainAll(operation.doneSteps);
    }
}
