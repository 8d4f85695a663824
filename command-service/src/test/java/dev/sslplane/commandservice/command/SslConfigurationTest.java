package dev.sslplane.commandservice.command;

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
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SslConfigurationTest {

    private static final String ID = "rs-1";
    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    private static final List<NodeSpec> NODES = List.of(
            new NodeSpec("n0", "10.0.0.1", 27017, NodeRole.PRIMARY, List.of()),
            new NodeSpec("n1", "10.0.0.2", 27017, NodeRole.SECONDARY, List.of()),
            new NodeSpec("n2", "10.0.0.3", 27017, NodeRole.SECONDARY, List.of()));

    private FixtureConfiguration<SslConfiguration> fixture;
    private final List<String> provisioned = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SslConfiguration.class);
        fixture.registerInjectableResource(new EligibilityPolicy(Set.of("3.4", "4.0", "4.2")));
        fixture.registerInjectableResource((NodeCertificateSigner) (instanceId, operationId, node, csr) ->
                new dev.sslplane.contracts.messaging.SignedCertificate("leaf:" + node.name(), "chain:" + operationId,
                        "01", T));
        fixture.registerInjectableResource((CaProvisioner) (instanceId, operationId) -> {
            provisioned.add(operationId);
            return ca(operationId);
        });
    }

    private static CertificateInfo ca(String operationId) {
        return new CertificateInfo("serial-" + operationId, "FP:" + operationId, "CN=ca " + operationId, T,
                T.plusSeconds(3600), "EC-P256", "-----BEGIN CERTIFICATE-----\n" + operationId + "\n");
    }

    private static InstanceRegisteredEvent registered() {
        return registered(Topology.REPLICA_SET, "4.2");
    }

    private static InstanceRegisteredEvent registered(Topology topology, String version) {
        return new InstanceRegisteredEvent(ID, version, topology, NODES, 42);
    }

    private static SslEnabledEvent enabled(String op) {
        return new SslEnabledEvent(ID, op, ca(op), NODES, 42);
    }

    private static RestartCompletedEvent completed(String op, OperationKind kind) {
        return new RestartCompletedEvent(ID, op, kind, 1000, T);
    }

    private static Object[] allNodesRestarted(String op) {
        return NODES.stream()
                .map(n -> new NodeRestartedEvent(ID, op, n.name(), 30_000, T))
                .toArray();
    }

    // ---- registration ----

    @Test
    void registersAnInstanceWithSslDisabled() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstanceCommand(ID, "4.2", Topology.REPLICA_SET, NODES, 42))
                .expectEvents(registered());
    }

    @Test
    void cannotRegisterTheSameInstanceTwice() {
        fixture.given(registered())
                .when(new RegisterInstanceCommand(ID, "4.2", Topology.REPLICA_SET, NODES, 42))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("instance rs-1 is already registered");
    }

    @Test
    void registersIneligibleInstancesSoTheConsoleCanSayWhy() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstanceCommand(ID, "3.6", Topology.SHARDED, NODES, 42))
                .expectEvents(registered(Topology.SHARDED, "3.6"));
    }

    // ---- enable ----

    @Test
    void enablingIssuesACaAndStartsARollingRestart() {
        fixture.given(registered())
                .when(new EnableSslCommand(ID, "op-1"))
                .expectEvents(enabled("op-1"));
    }

    @Test
    void cannotEnableSslTwice() {
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .andGiven(completed("op-1", OperationKind.ENABLE))
                .when(new EnableSslCommand(ID, "op-2"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.SSL_ALREADY_ENABLED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.6", "4.4", "5.0", "3.2", ""})
    void cannotEnableOnAnUnsupportedEngineVersion(String version) {
        fixture.given(registered(Topology.REPLICA_SET, version))
                .when(new EnableSslCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.INSTANCE_NOT_ELIGIBLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.4", "4.0", "4.2"})
    void canEnableOnEverySupportedEngineVersion(String version) {
        fixture.given(registered(Topology.REPLICA_SET, version))
                .when(new EnableSslCommand(ID, "op-1"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotEnableOnAShardedInstance() {
        fixture.given(registered(Topology.SHARDED, "4.2"))
                .when(new EnableSslCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.INSTANCE_NOT_ELIGIBLE))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("replica-set"));
    }

    @Test
    void cannotActOnAnUnregisteredInstance() {
        fixture.givenNoPriorActivity()
                .when(new EnableSslCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void aRedeliveredEnableOfTheRunningOperationChangesNothing() {
        fixture.given(registered(), enabled("op-1"))
                .when(new EnableSslCommand(ID, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        org.assertj.core.api.Assertions.assertThat(provisioned).isEmpty();
    }

    // ---- one operation at a time ----

    @Test
    void cannotStartAnotherOperationWhileARestartRuns() {
        fixture.given(registered(), enabled("op-1"), new NodeRestartedEvent(ID, "op-1", "n1", 30_000, T))
                .when(new RotateCertificateCommand(ID, "op-2"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("1/3 nodes done"));
    }

    @Test
    void cannotDisableWhileARestartRuns() {
        fixture.given(registered(), enabled("op-1"))
                .when(new DisableSslCommand(ID, "op-2"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
    }

    @Test
    void cannotStartAnotherOperationWhileAFailedRestartAwaitsRetry() {
        fixture.given(registered(), enabled("op-1"),
                        new RestartFailedEvent(ID, "op-1", OperationKind.ENABLE, "n1", "timeout", T))
                .when(new EnableSslCommand(ID, "op-2"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("awaits retry"));
    }

    @Test
    void refusalCarriesTheProgressSoFar() {
        fixture.given(registered(), enabled("op-1"), new NodeRestartedEvent(ID, "op-1", "n1", 30_000, T))
                .when(new EnableSslCommand(ID, "op-2"))
                .expectException(detailsContain(java.util.Map.of(
                        "operationId", "op-1", "kind", "ENABLE", "state", "RUNNING", "nodesDone", 1,
                        "nodesTotal", 3)));
    }

    // ---- rotate and disable ----

    @Test
    void rotatingIssuesANewCaAndNamesThePreviousOne() {
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .andGiven(completed("op-1", OperationKind.ENABLE))
                .when(new RotateCertificateCommand(ID, "op-2"))
                .expectEvents(new CertificateRotatedEvent(ID, "op-2", ca("op-2"), "serial-op-1", NODES, 42));
    }

    @Test
    void cannotRotateWhenSslIsDisabled() {
        fixture.given(registered())
                .when(new RotateCertificateCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.SSL_NOT_ENABLED));
    }

    @Test
    void disablingRetiresTheCurrentCa() {
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .andGiven(completed("op-1", OperationKind.ENABLE))
                .when(new DisableSslCommand(ID, "op-2"))
                .expectEvents(new SslDisabledEvent(ID, "op-2", "serial-op-1", NODES, 42));
    }

    @Test
    void cannotDisableWhenSslIsDisabled() {
        fixture.given(registered())
                .when(new DisableSslCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.SSL_NOT_ENABLED));
    }

    @Test
    void canEnableAgainAfterDisabling() {
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .andGiven(completed("op-1", OperationKind.ENABLE),
                        new SslDisabledEvent(ID, "op-2", "serial-op-1", NODES, 42))
                .andGiven(allNodesRestarted("op-2"))
                .andGiven(completed("op-2", OperationKind.DISABLE))
                .when(new EnableSslCommand(ID, "op-3"))
                .expectEvents(enabled("op-3"));
    }

    @Test
    void cannotRotateOrDisableAnIneligibleInstance() {
        fixture.given(registered(Topology.REPLICA_SET, "3.6"))
                .when(new DisableSslCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.INSTANCE_NOT_ELIGIBLE));
    }

    // ---- progress ----

    @Test
    void recordsNodeStartedAndRestarted() {
        fixture.given(registered(), enabled("op-1"))
                .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T))
                .expectEvents(new NodeRestartStartedEvent(ID, "op-1", "n1", 1, T));
        fixture.given(registered(), enabled("op-1"), new NodeRestartStartedEvent(ID, "op-1", "n1", 1, T))
                .when(new RecordNodeRestartedCommand(ID, "op-1", "n1", 31_000, T))
                .expectEvents(new NodeRestartedEvent(ID, "op-1", "n1", 31_000, T));
    }

    @Test
    void duplicateNodeReportsChangeNothing() {
        fixture.given(registered(), enabled("op-1"), new NodeRestartStartedEvent(ID, "op-1", "n1", 1, T))
                .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), enabled("op-1"), new NodeRestartedEvent(ID, "op-1", "n1", 31_000, T))
                .when(new RecordNodeRestartedCommand(ID, "op-1", "n1", 99, T.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), enabled("op-1"), new NodeRestartedEvent(ID, "op-1", "n1", 31_000, T))
                .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reportsForAnotherOperationChangeNothing() {
        fixture.given(registered(), enabled("op-1"))
                .when(new RecordNodeRestartedCommand(ID, "op-0", "n1", 31_000, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reportsAfterCompletionChangeNothing() {
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .andGiven(completed("op-1", OperationKind.ENABLE))
                .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .andGiven(completed("op-1", OperationKind.ENABLE))
                .when(new CompleteRestartCommand(ID, "op-1", 5, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reportsForUnknownNodesChangeNothing() {
        fixture.given(registered(), enabled("op-1"))
                .when(new RecordNodeRestartedCommand(ID, "op-1", "n9", 31_000, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void completesWhenEveryNodeRestarted() {
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .when(new CompleteRestartCommand(ID, "op-1", 95_000, T))
                .expectEvents(new RestartCompletedEvent(ID, "op-1", OperationKind.ENABLE, 95_000, T));
    }

    @Test
    void aPrematureCompletionChangesNothing() {
        fixture.given(registered(), enabled("op-1"), new NodeRestartedEvent(ID, "op-1", "n1", 1, T))
                .when(new CompleteRestartCommand(ID, "op-1", 95_000, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsAFailureWithNodeAndReason() {
        fixture.given(registered(), enabled("op-1"))
                .when(new FailRestartCommand(ID, "op-1", "n2", "health gate timed out", T))
                .expectEvents(new RestartFailedEvent(ID, "op-1", OperationKind.ENABLE, "n2",
                        "health gate timed out", T));
    }

    @Test
    void aDuplicateFailureChangesNothing() {
        fixture.given(registered(), enabled("op-1"),
                        new RestartFailedEvent(ID, "op-1", OperationKind.ENABLE, "n2", "timeout", T))
                .when(new FailRestartCommand(ID, "op-1", "n2", "timeout", T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- retry ----

    @Test
    void retryResumesAFailedOperationKeepingFinishedNodes() {
        fixture.given(registered(), enabled("op-1"), new NodeRestartedEvent(ID, "op-1", "n1", 30_000, T),
                        new NodeRestartStartedEvent(ID, "op-1", "n2", 1, T),
                        new RestartFailedEvent(ID, "op-1", OperationKind.ENABLE, "n2", "timeout", T))
                .when(new RetryRestartCommand(ID, "op-1"))
                .expectEvents(new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"), NODES, 42,
                        Set.of("n1"), 2));
    }

    @Test
    void afterARetryTheFailedNodeIsRecordedAgain() {
        fixture.given(registered(), enabled("op-1"), new NodeRestartStartedEvent(ID, "op-1", "n2", 1, T),
                        new RestartFailedEvent(ID, "op-1", OperationKind.ENABLE, "n2", "timeout", T),
                        new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"), NODES, 42, Set.of(), 2))
                .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n2", T))
                .expectEvents(new NodeRestartStartedEvent(ID, "op-1", "n2", 2, T));
    }

    @Test
    void cannotRetryARunningOperation() {
        fixture.given(registered(), enabled("op-1"))
                .when(new RetryRestartCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_NOT_RETRYABLE));
    }

    @Test
    void cannotRetryAnUnknownOperation() {
        fixture.given(registered(), enabled("op-1"),
                        new RestartFailedEvent(ID, "op-1", OperationKind.ENABLE, "n2", "timeout", T))
                .when(new RetryRestartCommand(ID, "op-7"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_NOT_FOUND));
    }

    @Test
    void cannotRetryACompletedOperation() {
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .andGiven(completed("op-1", OperationKind.ENABLE))
                .when(new RetryRestartCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_NOT_FOUND));
    }

    @Test
    void aFailedDisableCanBeRetriedWithoutACa() {
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .andGiven(completed("op-1", OperationKind.ENABLE),
                        new SslDisabledEvent(ID, "op-2", "serial-op-1", NODES, 42),
                        new RestartFailedEvent(ID, "op-2", OperationKind.DISABLE, "n0", "timeout", T))
                .when(new RetryRestartCommand(ID, "op-2"))
                .expectEvents(new RestartRetriedEvent(ID, "op-2", OperationKind.DISABLE, null, NODES, 42, Set.of(),
                        2));
    }

    // ---- node certificates ----

    @Test
    void signsANodeCsrWhileItsOperationRuns() {
        fixture.given(registered(), enabled("op-1"))
                .when(new SignNodeCertificateCommand(ID, "op-1", "n1", "csr"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new dev.sslplane.contracts.messaging.SignedCertificate(
                        "leaf:n1", "chain:op-1", "01", T));
    }

    @Test
    void refusesToSignWithoutARunningOperation() {
        fixture.given(registered())
                .when(new SignNodeCertificateCommand(ID, "op-1", "n1", "csr"))
                .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .andGiven(completed("op-1", OperationKind.ENABLE))
                .when(new SignNodeCertificateCommand(ID, "op-1", "n1", "csr"))
                .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
        fixture.given(registered(), enabled("op-1"),
                        new RestartFailedEvent(ID, "op-1", OperationKind.ENABLE, "n2", "timeout", T))
                .when(new SignNodeCertificateCommand(ID, "op-1", "n2", "csr"))
                .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
    }

    @Test
    void refusesToSignForAnotherOperationOrADisable() {
        fixture.given(registered(), enabled("op-1"))
                .when(new SignNodeCertificateCommand(ID, "op-0", "n1", "csr"))
                .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
        fixture.given(registered(), enabled("op-1"))
                .andGiven(allNodesRestarted("op-1"))
                .andGiven(completed("op-1", OperationKind.ENABLE),
                        new SslDisabledEvent(ID, "op-2", "serial-op-1", NODES, 42))
                .when(new SignNodeCertificateCommand(ID, "op-2", "n1", "csr"))
                .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
    }

    @Test
    void refusesToSignForANodeThatIsNotRegistered() {
        fixture.given(registered(), enabled("op-1"))
                .when(new SignNodeCertificateCommand(ID, "op-1", "intruder", "csr"))
                .expectException(codeIs(ErrorCode.CSR_NODE_UNKNOWN));
    }

    private static org.hamcrest.Matcher<DomainException> detailsContain(java.util.Map<String, Object> expected) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == ErrorCode.OPERATION_IN_PROGRESS
                        && e.details().entrySet().containsAll(expected.entrySet());
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("OPERATION_IN_PROGRESS with details containing " + expected);
            }
        };
    }

    private static org.hamcrest.Matcher<DomainException> codeIs(ErrorCode code) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == code;
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("DomainException with code " + code);
            }
        };
    }
}
