package dev.sslplane.commandservice.command;

import static dev.sslplane.commandservice.command.AggregateEvents.ID;
import static dev.sslplane.commandservice.command.AggregateEvents.NODES;
import static dev.sslplane.commandservice.command.AggregateEvents.T;
import static dev.sslplane.commandservice.command.AggregateEvents.ca;
import static dev.sslplane.commandservice.command.AggregateEvents.codeIs;
import static dev.sslplane.commandservice.command.AggregateEvents.completed;
import static dev.sslplane.commandservice.command.AggregateEvents.enabled;
import static dev.sslplane.commandservice.command.AggregateEvents.enabledAndIdle;
import static dev.sslplane.commandservice.command.AggregateEvents.failed;
import static dev.sslplane.commandservice.command.AggregateEvents.history;
import static dev.sslplane.commandservice.command.AggregateEvents.leaf;
import static dev.sslplane.commandservice.command.AggregateEvents.passesDone;
import static dev.sslplane.commandservice.command.AggregateEvents.registered;
import static dev.sslplane.commandservice.command.AggregateEvents.renewing;
import static dev.sslplane.commandservice.command.AggregateEvents.rotated;
import static dev.sslplane.commandservice.command.AggregateEvents.rotationAwaitingClients;
import static dev.sslplane.commandservice.command.AggregateEvents.stepDone;
import static dev.sslplane.commandservice.command.AggregateEvents.stepStarted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.commandservice.pki.PkiProperties;
import dev.sslplane.contracts.command.AbortOperationCommand;
import dev.sslplane.contracts.command.AddMemberCommand;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.RecordOperationStoppedCommand;
import dev.sslplane.contracts.command.RetryRestartCommand;
import dev.sslplane.contracts.command.RollBackOperationCommand;
import dev.sslplane.contracts.command.RotateCertificateCommand;
import dev.sslplane.contracts.event.OperationAbortRequestedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.SignedCertificate;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.Procedures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Abort and rollback in {@link SslConfiguration}: where an abort ends an operation, the node states it records, what
 * may run afterwards, and the rollback's plan, CA and key.
 */
class SslConfigurationAbortTest {

    private static final List<String> OLD_ONLY = List.of("serial-op-1");
    private static final List<String> BOTH = List.of("serial-op-1", "serial-op-2");

    private FixtureConfiguration<SslConfiguration> fixture;
    /** The operation id each node certificate was signed under (the vault loads the CA key by it). */
    private final List<String> signedUnder = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SslConfiguration.class);
        fixture.registerInjectableResource(new EligibilityPolicy(Set.of("3.4", "4.0", "4.2")));
        fixture.registerInjectableResource(new OperationClock(java.time.Clock.fixed(T, java.time.ZoneOffset.UTC)));
        fixture.registerInjectableResource(PkiProperties.defaults().certificatePolicy());
        fixture.registerInjectableResource((NodeCertificateSigner) (instanceId, operationId, node, csr, validity) -> {
            signedUnder.add(operationId);
            return new IssuedNodeCertificate(new SignedCertificate("leaf:" + node.name(), "chain:" + operationId,
                    "01", T), leaf(node.name()), "serial-" + operationId);
        });
        fixture.registerInjectableResource((CaProvisioner) (instanceId, operationId, keyAlgorithm, validity) ->
                ca(operationId));
    }

    /** Rotation op-2 (op-1's CA → op-2's) ran its first pass and the second on n0 and n1; n2's step runs. */
    private static Object[] rotationInSecondPass() {
        return history(enabledAndIdle(false), rotated("op-2", "op-1", TlsMode.PREFER, false),
                passesDone("op-2", 1, 1), stepDone("op-2", 2, "n0"), stepDone("op-2", 2, "n1"),
                stepStarted("op-2", 2, "n2", 1));
    }

    private static Object[] rotationAborted() {
        return history(rotationInSecondPass(), new OperationAbortRequestedEvent(ID, "op-2", OperationKind.ROTATE, T),
                stepDone("op-2", 2, "n2"), aborted("op-2", OperationKind.ROTATE, "RUNNING", true,
                        List.of(node("n0", BOTH, "serial-op-2"), node("n1", BOTH, "serial-op-2"),
                                node("n2", BOTH, "serial-op-2"))));
    }

    private static NodeTlsState node(String name, List<String> trusted, String issuer) {
        return new NodeTlsState(name, TlsMode.PREFER, trusted, issuer, true);
    }

    private static OperationAbortedEvent aborted(String op, OperationKind kind, String stateBefore,
                                                 boolean rollbackRequired, List<NodeTlsState> nodes) {
        return new OperationAbortedEvent(ID, op, kind, stateBefore, T, nodes, rollbackRequired, SslStatus.ENABLED,
                TlsMode.PREFER, ca("op-1"));
    }

    private static OperationRollingBackEvent rollingBack(String op) {
        return new OperationRollingBackEvent(ID, op, "op-2", OperationKind.ROTATE, ca("op-1"), ca("op-2"), "op-1",
                NODES, 42, "4.2", Procedures.rollback(OperationKind.ROTATE, Procedures.rotate(TlsMode.PREFER), 2,
                        TlsMode.PREFER), null, Duration.ofDays(397));
    }

    // ---- abort ---------------------------------------------------------------------------------------------------

    @Test
    void abortingARunningOperationAsksTheWorkerToStopAndARepeatChangesNothing() {
        fixture.given(rotationInSecondPass())
                .when(new AbortOperationCommand(ID, "op-2"))
                .expectEvents(new OperationAbortRequestedEvent(ID, "op-2", OperationKind.ROTATE, T));
        fixture.given(history(rotationInSecondPass(),
                        new OperationAbortRequestedEvent(ID, "op-2", OperationKind.ROTATE, T)))
                .when(new AbortOperationCommand(ID, "op-2"))
                .expectNoEvents();
    }

    @Test
    void theStepInProgressStillCountsAndTheWorkersStopEndsTheOperationWithEachNodesState() {
        fixture.given(history(rotationInSecondPass(),
                        new OperationAbortRequestedEvent(ID, "op-2", OperationKind.ROTATE, T),
                        stepDone("op-2", 2, "n2")))
                .when(new RecordOperationStoppedCommand(ID, "op-2", T))
                .expectEvents(aborted("op-2", OperationKind.ROTATE, "RUNNING", true,
                        List.of(node("n0", BOTH, "serial-op-2"), node("n1", BOTH, "serial-op-2"),
                                node("n2", BOTH, "serial-op-2"))));
    }

    @Test
    void aStopWithoutAnAbortIsIgnored() {
        fixture.given(rotationInSecondPass())
                .when(new RecordOperationStoppedCommand(ID, "op-2", T))
                .expectNoEvents();
    }

    @Test
    void aFailedOperationEndsAtOnceAndItsFailedNodeIsNotSettled() {
        fixture.given(history(enabledAndIdle(false), rotated("op-2", "op-1", TlsMode.PREFER, false),
                        stepDone("op-2", 1, "n0"), stepStarted("op-2", 1, "n1", 1),
                        failed("op-2", OperationKind.ROTATE, 1, "n1")))
                .when(new AbortOperationCommand(ID, "op-2"))
                .expectEvents(aborted("op-2", OperationKind.ROTATE, "FAILED", true, List.of(
                        node("n0", BOTH, "serial-op-1"),
                        new NodeTlsState("n1", TlsMode.PREFER, OLD_ONLY, "serial-op-1", false),
                        node("n2", OLD_ONLY, "serial-op-1"))));
    }

    @Test
    void aRotationWaitingForClientsEndsAtOnce() {
        fixture.given(rotationAwaitingClients())
                .when(new AbortOperationCommand(ID, "op-2"))
                .expectEvents(aborted("op-2", OperationKind.ROTATE, "WAITING_FOR_CLIENTS", true, List.of(
                        node("n0", BOTH, "serial-op-2"), node("n1", BOTH, "serial-op-2"),
                        node("n2", BOTH, "serial-op-2"))));
    }

    @Test
    void anOperationThatFailedBeforeAnyStepLeavesTheInstanceAsItWasAndFree() {
        Object[] failedBeforeAnyStep = history(registered(), enabled("op-1"),
                failed("op-1", OperationKind.ENABLE, 1, "n0"));
        List<NodeTlsState> untouched = NODES.stream()
                .map(n -> new NodeTlsState(n.name(), TlsMode.DISABLED, List.of(), null, true)).toList();
        OperationAbortedEvent restored = new OperationAbortedEvent(ID, "op-1", OperationKind.ENABLE, "FAILED", T,
                untouched, false, SslStatus.DISABLED, TlsMode.DISABLED, null);
        fixture.given(failedBeforeAnyStep)
                .when(new AbortOperationCommand(ID, "op-1"))
                .expectEvents(restored);
        fixture.given(history(failedBeforeAnyStep, restored))
                .when(new EnableSslCommand(ID, "op-3", false))
                .expectSuccessfulHandlerExecution();
        // a redelivery of the command that started the aborted operation does not start it again
        fixture.given(history(failedBeforeAnyStep, restored))
                .when(new EnableSslCommand(ID, "op-1", false))
                .expectNoEvents();
        fixture.given(history(failedBeforeAnyStep, restored))
                .when(new RollBackOperationCommand(ID, "op-1", "op-3"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.ROLLBACK_NOT_POSSIBLE));
    }

    @Test
    void anAbortedRenewalNeedsNoRollback() {
        Object[] renewal = history(enabledAndIdle(false), renewing("op-2", "op-1", TlsMode.PREFER),
                stepDone("op-2", 1, "n0"), failed("op-2", OperationKind.RENEW_NODE_CERTIFICATES, 1, "n1"));
        fixture.given(renewal)
                .when(new AbortOperationCommand(ID, "op-2"))
                .expectEvents(new OperationAbortedEvent(ID, "op-2", OperationKind.RENEW_NODE_CERTIFICATES, "FAILED",
                        T, List.of(node("n0", OLD_ONLY, "serial-op-1"),
                                new NodeTlsState("n1", TlsMode.PREFER, OLD_ONLY, "serial-op-1", true),
                                node("n2", OLD_ONLY, "serial-op-1")),
                        false, SslStatus.ENABLED, TlsMode.PREFER, ca("op-1")));
    }

    @Test
    void scheduledFinishedAndUnknownOperationsAreNotAborted() {
        fixture.given(enabledAndIdle(false))
                .when(new AbortOperationCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_NOT_ABORTABLE));
        fixture.given(enabledAndIdle(false))
                .when(new AbortOperationCommand(ID, "op-9"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_NOT_FOUND));
    }

    // ---- after an abort that changed nodes --------------------------------------------------------------------

    @Test
    void onlyTheRollbackMayFollowAnAbortThatLeftNodesUnlikeEachOther() {
        fixture.given(rotationAborted())
                .when(new RotateCertificateCommand(ID, "op-3", false))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.ROLLBACK_REQUIRED));
        fixture.given(rotationAborted())
                .when(new AddMemberCommand(ID, "op-3",
                        new NodeSpec("n3", "10.0.0.4", 27017, NodeRole.SECONDARY, List.of())))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.ROLLBACK_REQUIRED));
        fixture.given(rotationAborted())
                .when(new RetryRestartCommand(ID, "op-2"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_NOT_RETRYABLE));
        fixture.given(rotationAborted())
                .when(new AbortOperationCommand(ID, "op-2"))
                .expectNoEvents();
    }

    @Test
    void theRollbackOfARotationRestoresThePreviousCaSignedUnderItsOwnKey() {
        fixture.given(rotationAborted())
                .when(new RollBackOperationCommand(ID, "op-2", "op-3"))
                .expectEvents(rollingBack("op-3"));
        assertThat(rollingBack("op-3").plan()).extracting(p -> p.name())
                .containsExactly("PREVIOUS_CA_CERTIFICATES", "PREVIOUS_CA_ONLY");
        fixture.given(history(rotationAborted(), rollingBack("op-3")))
                .when(new SignNodeCertificateCommand(ID, "op-3", "n0", "csr"))
                .expectSuccessfulHandlerExecution();
        assertThat(signedUnder).containsExactly("op-1");
    }

    @Test
    void aRepeatedRollbackChangesNothingAndAnotherOperationCannotBeRolledBack() {
        fixture.given(history(rotationAborted(), rollingBack("op-3")))
                .when(new RollBackOperationCommand(ID, "op-2", "op-3"))
                .expectNoEvents();
        fixture.given(rotationAborted())
                .when(new RollBackOperationCommand(ID, "op-1", "op-3"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.ROLLBACK_NOT_POSSIBLE));
    }

    @Test
    void aCompletedRollbackFreesTheInstanceWithThePreviousCa() {
        Object[] rolledBack = history(rotationAborted(), rollingBack("op-3"), passesDone("op-3", 1, 2),
                completed("op-3", OperationKind.ROLLBACK));
        fixture.given(rolledBack)
                .when(new RotateCertificateCommand(ID, "op-4", false))
                .expectEvents(rotated("op-4", "op-1", TlsMode.PREFER, false));
    }

    @Test
    void anAbortedRollbackStillRequiresARollbackOfTheOriginalOperation() {
        Object[] rollbackAborted = history(rotationAborted(), rollingBack("op-3"), stepDone("op-3", 1, "n0"),
                failed("op-3", OperationKind.ROLLBACK, 1, "n1"));
        fixture.given(rollbackAborted)
                .when(new AbortOperationCommand(ID, "op-3"))
                .expectEvents(new OperationAbortedEvent(ID, "op-3", OperationKind.ROLLBACK, "FAILED", T, List.of(
                                node("n0", BOTH, "serial-op-1"),
                                new NodeTlsState("n1", TlsMode.PREFER, BOTH, "serial-op-2", true),
                                node("n2", BOTH, "serial-op-2")),
                        true, SslStatus.ENABLED, TlsMode.PREFER, ca("op-1")));
    }
}
