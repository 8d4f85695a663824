package dev.sslplane.commandservice.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.sslplane.contracts.command.CompleteRestartCommand;
import dev.sslplane.contracts.command.DisableSslCommand;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.FailRestartCommand;
import dev.sslplane.contracts.command.RecordNodeRestartStartedCommand;
import dev.sslplane.contracts.command.RecordNodeRestartedCommand;
import dev.sslplane.contracts.command.RegisterInstanceCommand;
import dev.sslplane.contracts.command.RetryRestartCommand;
import dev.sslplane.contracts.command.RotateCertificateCommand;
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
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.Topology;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSL configuration of one MongoDB instance: whether SSL is on, its current CA, and the one rolling restart
 * that may be under way. Every product rule is enforced here.
 *
 * <p>Progress commands come from restart workers at least once and possibly late: a report that does not
 * advance the running operation is ignored (no event, no error), so folding reports is idempotent.
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
    private SslStatus sslStatus;
    private CertificateInfo currentCa;
    private RestartOperation operation;

    /** Axon rebuilds the aggregate from events through this constructor. */
    protected SslConfiguration() {
    }

    // Create-if-missing so a second registration reaches this handler and is refused with a clear code,
    // instead of surfacing as an event-store conflict.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterInstanceCommand command) {
        if (instanceId != null) {
            throw new DomainException(ErrorCode.INSTANCE_ALREADY_REGISTERED,
                    "instance " + command.instanceId() + " is already registered");
        }
        apply(new InstanceRegisteredEvent(command.instanceId(), command.engineVersion(), command.topology(),
                command.nodes(), command.collectionCount()));
    }

    @CommandHandler
    public void handle(EnableSslCommand command, EligibilityPolicy eligibility, CaProvisioner caProvisioner) {
        if (isRepeatOf(command.operationId())) {
            return;
        }
        requireEligibleAndIdle(eligibility);
        if (sslStatus == SslStatus.ENABLED) {
            throw new DomainException(ErrorCode.SSL_ALREADY_ENABLED, "SSL is already enabled for " + instanceId);
        }
        CertificateInfo ca = caProvisioner.provisionCa(instanceId, command.operationId());
        apply(new SslEnabledEvent(instanceId, command.operationId(), ca, nodes, collectionCount));
    }

    @CommandHandler
    public void handle(RotateCertificateCommand command, EligibilityPolicy eligibility, CaProvisioner caProvisioner) {
        if (isRepeatOf(command.operationId())) {
            return;
        }
        requireEligibleAndIdle(eligibility);
        requireEnabled("rotate the CA certificate");
        CertificateInfo ca = caProvisioner.provisionCa(instanceId, command.operationId());
        apply(new CertificateRotatedEvent(instanceId, command.operationId(), ca, currentCa.serial(), nodes,
                collectionCount));
    }

    @CommandHandler
    public void handle(DisableSslCommand command, EligibilityPolicy eligibility) {
        if (isRepeatOf(command.operationId())) {
            return;
        }
        requireEligibleAndIdle(eligibility);
        requireEnabled("disable SSL");
        apply(new SslDisabledEvent(instanceId, command.operationId(), currentCa.serial(), nodes, collectionCount));
    }

    @CommandHandler
    public void handle(RetryRestartCommand command) {
        if (operation == null || !operation.operationId.equals(command.operationId())) {
            throw new DomainException(ErrorCode.OPERATION_NOT_FOUND,
                    "operation " + command.operationId() + " is not the current operation of " + instanceId);
        }
        if (operation.state != RestartOperation.State.FAILED) {
            throw new DomainException(ErrorCode.OPERATION_NOT_RETRYABLE,
                    "operation " + command.operationId() + " has not failed; only a failed restart can be retried",
                    operation.progress(nodes.size()));
        }
        apply(new RestartRetriedEvent(instanceId, operation.operationId, operation.kind, operation.ca, nodes,
                collectionCount, operation.restartedNodes, operation.attempt + 1));
    }

    @CommandHandler
    public void handle(RecordNodeRestartStartedCommand command) {
        if (!reportAdvances(command.operationId(), command.nodeName(), "node started")
                || operation.startedNodes.contains(command.nodeName())
                || operation.restartedNodes.contains(command.nodeName())) {
            return;
        }
        apply(new NodeRestartStartedEvent(instanceId, command.operationId(), command.nodeName(), operation.attempt,
                command.startedAt()));
    }

    @CommandHandler
    public void handle(RecordNodeRestartedCommand command) {
        if (!reportAdvances(command.operationId(), command.nodeName(), "node restarted")
                || operation.restartedNodes.contains(command.nodeName())) {
            return;
        }
        apply(new NodeRestartedEvent(instanceId, command.operationId(), command.nodeName(),
                command.unreachableMillis(), command.restartedAt()));
    }

    @CommandHandler
    public void handle(CompleteRestartCommand command) {
        if (!reportAdvances(command.operationId(), null, "restart completed")) {
            return;
        }
        if (operation.restartedNodes.size() < nodes.size()) {
            log.warn("Ignoring completion of {} on {}: only {} of {} nodes reported restarted",
                    command.operationId(), instanceId, operation.restartedNodes.size(), nodes.size());
            return;
        }
        apply(new RestartCompletedEvent(instanceId, command.operationId(), operation.kind, command.totalMillis(),
                command.completedAt()));
    }

    @CommandHandler
    public void handle(FailRestartCommand command) {
        if (!reportAdvances(command.operationId(), command.nodeName(), "restart failed")) {
            return;
        }
        apply(new RestartFailedEvent(instanceId, command.operationId(), operation.kind, command.nodeName(),
                command.reason(), command.failedAt()));
    }

    @CommandHandler
    public dev.sslplane.contracts.messaging.SignedCertificate handle(
            SignNodeCertificateCommand command, NodeCertificateSigner signer) {
        if (operation == null || !operation.isRunning(command.operationId())) {
            throw new DomainException(ErrorCode.CSR_NO_RUNNING_OPERATION,
                    "operation " + command.operationId() + " is not running for " + instanceId);
        }
        if (operation.kind == dev.sslplane.contracts.model.OperationKind.DISABLE) {
            throw new DomainException(ErrorCode.CSR_NO_RUNNING_OPERATION,
                    "operation " + command.operationId() + " disables SSL; it issues no certificates");
        }
        NodeSpec node = nodes.stream().filter(n -> n.name().equals(command.nodeName())).findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.CSR_NODE_UNKNOWN,
                        "node " + command.nodeName() + " is not registered for " + instanceId));
        return signer.sign(instanceId, command.operationId(), node, command.csrPem());
    }

    // ---- rules --------------------------------------------------------------------------------------------

    /** A command carrying the running operation's own id is a redelivery of the command that started it. */
    private boolean isRepeatOf(String operationId) {
        return operation != null && operation.operationId.equals(operationId);
    }

    private void requireEligibleAndIdle(EligibilityPolicy eligibility) {
        Optional<String> reason = eligibility.ineligibility(topology, engineVersion);
        if (reason.isPresent()) {
            throw new DomainException(ErrorCode.INSTANCE_NOT_ELIGIBLE, reason.get());
        }
        if (operation != null) {
            String what = operation.state == RestartOperation.State.RUNNING
                    ? "a rolling restart is running" : "a failed rolling restart awaits retry";
            throw new DomainException(ErrorCode.OPERATION_IN_PROGRESS,
                    what + " for " + instanceId + " (" + operation.kind + " " + operation.operationId + ", "
                            + operation.restartedNodes.size() + "/" + nodes.size() + " nodes done)",
                    operation.progress(nodes.size()));
        }
    }

    private void requireEnabled(String action) {
        if (sslStatus != SslStatus.ENABLED) {
            throw new DomainException(ErrorCode.SSL_NOT_ENABLED,
                    "cannot " + action + ": SSL is not enabled for " + instanceId);
        }
    }

    private boolean reportAdvances(String operationId, String nodeName, String what) {
        if (operation == null || !operation.isRunning(operationId)) {
            log.info("Ignoring late or unknown report '{}' for operation {} on {}", what, operationId, instanceId);
            return false;
        }
        if (nodeName != null && nodes.stream().noneMatch(n -> n.name().equals(nodeName))) {
            log.warn("Ignoring report '{}' for unknown node {} on {}", what, nodeName, instanceId);
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
        sslStatus = SslStatus.DISABLED;
    }

    @EventSourcingHandler
    void on(SslEnabledEvent event) {
        sslStatus = SslStatus.ENABLED;
        currentCa = event.ca();
        startOperation(event);
    }

    @EventSourcingHandler
    void on(CertificateRotatedEvent event) {
        currentCa = event.ca();
        startOperation(event);
    }

    @EventSourcingHandler
    void on(SslDisabledEvent event) {
        sslStatus = SslStatus.DISABLED;
        currentCa = null;
        startOperation(event);
    }

    private void startOperation(OperationStartingEvent event) {
        operation = new RestartOperation(event.operationId(), event.kind(), event.ca());
    }

    @EventSourcingHandler
    void on(NodeRestartStartedEvent event) {
        operation.startedNodes.add(event.nodeName());
    }

    @EventSourcingHandler
    void on(NodeRestartedEvent event) {
        operation.startedNodes.add(event.nodeName());
        operation.restartedNodes.add(event.nodeName());
    }

    @EventSourcingHandler
    void on(RestartCompletedEvent event) {
        operation = null;
    }

    @EventSourcingHandler
    void on(RestartFailedEvent event) {
        operation.state = RestartOperation.State.FAILED;
        operation.failedNode = event.nodeName();
        operation.failureReason = event.reason();
    }

    @EventSourcingHandler
    void on(RestartRetriedEvent event) {
        operation.state = RestartOperation.State.RUNNING;
        operation.attempt = event.attempt();
        operation.failedNode = null;
        operation.failureReason = null;
        operation.startedNodes.retainAll(operation.restartedNodes);
    }
}
