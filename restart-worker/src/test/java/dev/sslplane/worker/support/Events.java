package dev.sslplane.worker.support;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.OperationAbortRequestedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.RotationFinishingEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.procedure.StepKey;
import dev.sslplane.testsupport.TestCa;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Operation events for tests, as the command service emits them (schema v2: passes, engine, CAs). */
public final class Events {

    public static final String ENGINE = "4.0";

    private Events() {
    }

    /** Three nodes: {@code p} primary, {@code s} secondary, {@code h} hidden, registered in that order. */
    public static List<NodeSpec> threeNodes(int basePort) {
        return List.of(
                new NodeSpec("p", "127.0.0.1", basePort, NodeRole.PRIMARY, List.of("localhost")),
                new NodeSpec("s", "127.0.0.1", basePort + 1, NodeRole.SECONDARY, List.of("localhost")),
                new NodeSpec("h", "127.0.0.1", basePort + 2, NodeRole.HIDDEN, List.of()));
    }

    public static CertificateInfo caInfo(TestCa ca) {
        return ca.info();
    }

    public static SslEnabledEvent enabled(String instanceId, String operationId, TestCa ca, List<NodeSpec> nodes) {
        return enabled(instanceId, operationId, ca, nodes, false);
    }

    public static SslEnabledEvent enabled(String instanceId, String operationId, TestCa ca, List<NodeSpec> nodes,
                                          boolean requireTls) {
        return new SslEnabledEvent(instanceId, operationId, caInfo(ca), nodes, 100, ENGINE, requireTls,
                Procedures.enable(requireTls));
    }

    public static CertificateRotatedEvent rotated(String instanceId, String operationId, TestCa ca, TestCa previous,
                                                  List<NodeSpec> nodes, TlsMode mode, boolean holdOldCa) {
        return new CertificateRotatedEvent(instanceId, operationId, caInfo(ca), caInfo(previous).serial(), nodes, 100,
                ENGINE, caInfo(previous), holdOldCa, Procedures.rotate(mode));
    }

    public static SslDisabledEvent disabled(String instanceId, String operationId, TestCa previous,
                                            List<NodeSpec> nodes, TlsMode mode) {
        return new SslDisabledEvent(instanceId, operationId, caInfo(previous).serial(), nodes, 100, ENGINE,
                caInfo(previous), Procedures.disable(mode));
    }

    public static TlsEnforcementChangedEvent enforced(String instanceId, String operationId, TestCa ca,
                                                      List<NodeSpec> nodes, boolean requireTls) {
        return new TlsEnforcementChangedEvent(instanceId, operationId, requireTls, caInfo(ca), nodes, 100, ENGINE,
                requireTls ? Procedures.enforce() : Procedures.relax());
    }

    /** The retry the command service emits after a failure: the steps it saw done, the same passes and hold. */
    public static RestartRetriedEvent retried(OperationStartingEvent event, Set<String> completedSteps, int attempt) {
        return new RestartRetriedEvent(event.instanceId(), event.operationId(), event.kind(), event.ca(),
                event.nodes(), event.collectionCount(), Set.of(), attempt, event.engineVersion(), event.previousCa(),
                event.plan(), completedSteps, event.holdAfterPass());
    }

    /** Finishing a held rotation: every step of the passes up to the hold is done. */
    public static RotationFinishingEvent finishing(CertificateRotatedEvent rotation, int attempt) {
        var done = new HashSet<String>();
        for (int pass = 1; pass <= rotation.holdAfterPass(); pass++) {
            for (NodeSpec node : rotation.nodes()) {
                done.add(StepKey.of(pass, node.name()));
            }
        }
        return new RotationFinishingEvent(rotation.instanceId(), rotation.operationId(), rotation.ca(),
                rotation.previousCa(), rotation.nodes(), rotation.collectionCount(), rotation.engineVersion(),
                rotation.plan(), done, attempt);
    }

    /**
     * The rollback the command service starts for an aborted operation that reached {@code reachedPass}: its passes
     * from {@code Procedures.rollback}, {@code ca} the CA before the aborted operation ({@code null} when the
     * rollback leaves TLS disabled), {@code previousCa} the aborted operation's CA.
     */
    public static OperationRollingBackEvent rollingBack(OperationStartingEvent aborted, String operationId,
                                                        int reachedPass, TlsMode modeBefore, TestCa ca,
                                                        TestCa previousCa) {
        List<Pass> passes = Procedures.rollback(aborted.kind(), aborted.plan(), reachedPass, modeBefore);
        return new OperationRollingBackEvent(aborted.instanceId(), operationId, aborted.operationId(), aborted.kind(),
                ca == null ? null : caInfo(ca), previousCa == null ? null : caInfo(previousCa),
                ca == null ? null : "op-ca-of-" + aborted.instanceId(), aborted.nodes(), aborted.collectionCount(),
                aborted.engineVersion(), passes, aborted.operator(),
                passes.stream().anyMatch(Pass::issuesCertificates) ? Duration.ofDays(397) : null);
    }

    public static OperationAbortRequestedEvent abortRequested(OperationStartingEvent operation) {
        return new OperationAbortRequestedEvent(operation.instanceId(), operation.operationId(), operation.kind(),
                Instant.now());
    }

    /** Every step of an operation: for asserting a complete checkpoint. */
    public static Set<String> allSteps(OperationStartingEvent event) {
        var steps = new HashSet<String>();
        event.plan().forEach(pass -> event.nodes().forEach(n -> steps.add(StepKey.of(pass.number(), n.name()))));
        return steps;
    }

    public static Instant now() {
        return Instant.now();
    }
}
