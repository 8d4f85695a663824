package dev.sslplane.commandservice.command;

import static dev.sslplane.commandservice.command.AggregateEvents.ID;
import static dev.sslplane.commandservice.command.AggregateEvents.NODES;
import static dev.sslplane.commandservice.command.AggregateEvents.NODE_VALIDITY;
import static dev.sslplane.commandservice.command.AggregateEvents.OBSERVED;
import static dev.sslplane.commandservice.command.AggregateEvents.SYSTEMD;
import static dev.sslplane.commandservice.command.AggregateEvents.T;
import static dev.sslplane.commandservice.command.AggregateEvents.ca;
import static dev.sslplane.commandservice.command.AggregateEvents.codeIs;
import static dev.sslplane.commandservice.command.AggregateEvents.completed;
import static dev.sslplane.commandservice.command.AggregateEvents.detailsContain;
import static dev.sslplane.commandservice.command.AggregateEvents.disabled;
import static dev.sslplane.commandservice.command.AggregateEvents.enabled;
import static dev.sslplane.commandservice.command.AggregateEvents.enabledAndIdle;
import static dev.sslplane.commandservice.command.AggregateEvents.enforcement;
import static dev.sslplane.commandservice.command.AggregateEvents.failed;
import static dev.sslplane.commandservice.command.AggregateEvents.finished;
import static dev.sslplane.commandservice.command.AggregateEvents.history;
import static dev.sslplane.commandservice.command.AggregateEvents.leaf;
import static dev.sslplane.commandservice.command.AggregateEvents.messageContains;
import static dev.sslplane.commandservice.command.AggregateEvents.passesDone;
import static dev.sslplane.commandservice.command.AggregateEvents.registered;
import static dev.sslplane.commandservice.command.AggregateEvents.renewing;
import static dev.sslplane.commandservice.command.AggregateEvents.rotated;
import static dev.sslplane.commandservice.command.AggregateEvents.rotationAwaitingClients;
import static dev.sslplane.commandservice.command.AggregateEvents.stepDone;
import static dev.sslplane.commandservice.command.AggregateEvents.stepStarted;
import static dev.sslplane.commandservice.command.AggregateEvents.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import dev.sslplane.commandservice.pki.PkiProperties;
import dev.sslplane.contracts.command.CompleteRestartCommand;
import dev.sslplane.contracts.command.DisableSslCommand;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.FailRestartCommand;
import dev.sslplane.contracts.command.FinishRotationCommand;
import dev.sslplane.contracts.command.HoldOperationCommand;
import dev.sslplane.contracts.command.RecordNodeRestartStartedCommand;
import dev.sslplane.contracts.command.RecordNodeRestartedCommand;
import dev.sslplane.contracts.command.RegisterInstanceCommand;
import dev.sslplane.contracts.command.RenewNodeCertificatesCommand;
import dev.sslplane.contracts.command.RetryRestartCommand;
import dev.sslplane.contracts.command.RotateCertificateCommand;
import dev.sslplane.contracts.command.SetTlsEnforcementCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.RotationAwaitingClientsEvent;
import dev.sslplane.contracts.event.RotationFinishingEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.messaging.SignedCertificate;
import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.samples.SampleMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule and refusal of {@link SslConfiguration}, as given events → command → expected events or code. */
class SslConfigurationTest {

    private FixtureConfiguration<SslConfiguration> fixture;
    private final List<String> provisioned = new ArrayList<>();
    /** {@code <algorithm> <validity>} of each CA provisioned. */
    private final List<String> provisionedWith = new ArrayList<>();
    /** The validity each node certificate was signed with ({@code null}: the deployment's). */
    private final List<Duration> signedWith = new ArrayList<>();
    /** The operation id each node certificate was signed under (the vault loads the CA key by it). */
    private final List<String> signedUnder = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SslConfiguration.class);
        fixture.registerInjectableResource(new EligibilityPolicy(Set.of("3.4", "4.0", "4.2")));
        // operations asked for now never read it; SslConfigurationSchedulingTest covers the maintenance window
        fixture.registerInjectableResource(new OperationClock(java.time.Clock.fixed(T, java.time.ZoneOffset.UTC)));
        fixture.registerInjectableResource(PkiProperties.defaults().certificatePolicy());
        // the stub signer answers with the validity it was asked for, so a test sees which one the aggregate chose
        fixture.registerInjectableResource((NodeCertificateSigner) (instanceId, operationId, node, csr, validity) -> {
            signedWith.add(validity);
            signedUnder.add(operationId);
            return new IssuedNodeCertificate(new SignedCertificate("leaf:" + node.name(), "chain:" + operationId,
                    "01", T), leaf(node.name()), "serial-" + operationId);
        });
        fixture.registerInjectableResource((CaProvisioner) (instanceId, operationId, keyAlgorithm, validity) -> {
            provisioned.add(operationId);
            provisionedWith.add(keyAlgorithm + " " + validity);
            return ca(operationId);
        });
    }

    // ---- the position of a write (read-your-writes) -------------------------------------------------------

    @Test
    void registrationAnswersThePositionOfItsEventTheFirst() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstanceCommand(ID, "4.2", Topology.REPLICA_SET, NODES, 42))
                .expectResultMessagePayload(0L);
    }

    @Test
    void startingAnOperationAnswersTheSequenceOfTheEventThatStartedIt() {
        fixture.given(registered())
                .when(new EnableSslCommand(ID, "op-1", false))
                .expectEvents(enabled("op-1"))
                .expectResultMessagePayload(1L);
        fixture.given(enabledAndIdle(false))
                .when(new DisableSslCommand(ID, "op-9"))
                .expectResultMessagePayload((long) enabledAndIdle(false).length);
    }

    @Test
    void resumingAnOperationAnswersTheSequenceOfTheEventThatResumedIt() {
        Object[] failedEnable = history(registered(), enabled("op-1"), failed("op-1", OperationKind.ENABLE, 1, "n1"));
        fixture.given(failedEnable)
                .when(new RetryRestartCommand(ID, "op-1"))
                .expectResultMessagePayload((long) failedEnable.length);
        fixture.given(rotationAwaitingClients())
                .when(new FinishRotationCommand(ID, "op-2"))
                .expectResultMessagePayload((long) rotationAwaitingClients().length);
    }

    @Test
    void aRepeatedStartAnswersThePositionSoFarWhichIsPastTheOperationsOwnEvent() {
        fixture.given(registered(), enabled("op-1"), stepStarted("op-1", 1, "n1", 1))
                .when(new EnableSslCommand(ID, "op-1", false))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    // ---- registration ----------------------------------------------------------------------------------------

    @Nested
    class Registration {

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
    }

    // ---- node operator ---------------------------------------------------------------------------------------

    /** The operator named at registration reaches the worker in every event that starts or resumes an operation. */
    @Nested
    class NodeOperator {

        private final Object[] enabledAndIdle = history(registered(SYSTEMD), finished(enabled("op-1", false, SYSTEMD)));

        @Test
        void registrationRecordsTheOperator() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterInstanceCommand(ID, "4.2", Topology.REPLICA_SET, NODES, 42, SYSTEMD))
                    .expectEvents(registered(SYSTEMD));
        }

        @Test
        void aSecondRegistrationIsRefusedWhicheverOperatorItNames() {
            fixture.given(registered(SYSTEMD))
                    .when(new RegisterInstanceCommand(ID, "4.2", Topology.REPLICA_SET, NODES, 42,
                            NodeOperatorTarget.localFleet()))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.INSTANCE_ALREADY_REGISTERED));
        }

        @Test
        void anInstanceRegisteredWithoutOneLeavesItToTheWorker() {
            fixture.given(registered())
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectEvents(enabled("op-1", false, null));
        }

        @Test
        void enablingCarriesIt() {
            fixture.given(registered(SYSTEMD))
                    .when(new EnableSslCommand(ID, "op-1", true))
                    .expectEvents(enabled("op-1", true, SYSTEMD));
        }

        @Test
        void rotatingCarriesIt() {
            fixture.given(enabledAndIdle)
                    .when(new RotateCertificateCommand(ID, "op-2", true))
                    .expectEvents(rotated("op-2", "op-1", TlsMode.PREFER, true, SYSTEMD));
        }

        @Test
        void disablingCarriesIt() {
            fixture.given(enabledAndIdle)
                    .when(new DisableSslCommand(ID, "op-2"))
                    .expectEvents(disabled("op-2", "op-1", TlsMode.PREFER, SYSTEMD));
        }

        @Test
        void changingTlsEnforcementCarriesIt() {
            fixture.given(enabledAndIdle)
                    .when(new SetTlsEnforcementCommand(ID, "op-2", true))
                    .expectEvents(enforcement("op-2", "op-1", true, SYSTEMD));
        }

        @Test
        void aRetryCarriesIt() {
            fixture.given(registered(SYSTEMD), enabled("op-1", false, SYSTEMD),
                            failed("op-1", OperationKind.ENABLE, 1, "n2"))
                    .when(new RetryRestartCommand(ID, "op-1"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"), NODES, 42,
                            Set.of(), 2, "4.2", null, Procedures.enable(false), Set.of(), null, SYSTEMD,
                            NODE_VALIDITY));
        }

        @Test
        void finishingAHeldRotationCarriesIt() {
            fixture.given(history(enabledAndIdle, rotated("op-2", "op-1", TlsMode.PREFER, true, SYSTEMD),
                            passesDone("op-2", 1, 2), new RotationAwaitingClientsEvent(ID, "op-2", 2, T)))
                    .when(new FinishRotationCommand(ID, "op-2"))
                    .expectEvents(new RotationFinishingEvent(ID, "op-2", ca("op-2"), ca("op-1"), NODES, 42, "4.2",
                            Procedures.rotate(TlsMode.PREFER), steps(1, 2), 1, SYSTEMD, NODE_VALIDITY));
        }
    }

    // ---- enable ----------------------------------------------------------------------------------------------

    @Nested
    class Enable {

        @Test
        void enablingIssuesACaAndPlansAllowTlsThenPreferTls() {
            fixture.given(registered())
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectEvents(enabled("op-1"));
            assertThat(Procedures.enable(false)).extracting(Pass::name).containsExactly("ALLOW_TLS", "PREFER_TLS");
        }

        @Test
        void enablingWithRequireTlsAddsARequireTlsPass() {
            fixture.given(registered())
                    .when(new EnableSslCommand(ID, "op-1", true))
                    .expectEvents(enabled("op-1", true));
            assertThat(Procedures.enable(true)).extracting(Pass::name)
                    .containsExactly("ALLOW_TLS", "PREFER_TLS", "REQUIRE_TLS");
        }

        @ParameterizedTest
        @ValueSource(strings = {"3.4", "4.0", "4.2"})
        void theStartingEventCarriesTheRegisteredEngineVersion(String version) {
            fixture.given(registered(Topology.REPLICA_SET, version))
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectEvents(new SslEnabledEvent(ID, "op-1", ca("op-1"), NODES, 42, version, false,
                            Procedures.enable(false), null, NODE_VALIDITY));
        }

        @Test
        void cannotEnableSslTwice() {
            fixture.given(enabledAndIdle(false))
                    .when(new EnableSslCommand(ID, "op-2", false))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.SSL_ALREADY_ENABLED));
        }

        @ParameterizedTest
        @ValueSource(strings = {"3.6", "4.4", "5.0", "3.2", ""})
        void cannotEnableOnAnUnsupportedEngineVersion(String version) {
            fixture.given(registered(Topology.REPLICA_SET, version))
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.INSTANCE_NOT_ELIGIBLE));
        }

        @Test
        void cannotEnableOnAShardedInstance() {
            fixture.given(registered(Topology.SHARDED, "4.2"))
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.INSTANCE_NOT_ELIGIBLE))
                    .expectExceptionMessage(containsString("replica-set"));
        }

        @Test
        void cannotActOnAnUnregisteredInstance() {
            fixture.givenNoPriorActivity()
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void aRedeliveredEnableOfTheRunningOperationChangesNothing() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            assertThat(provisioned).isEmpty();
        }

        @Test
        void canEnableAgainAfterDisabling() {
            fixture.given(history(enabledAndIdle(false), finished(disabled("op-2", "op-1", TlsMode.PREFER))))
                    .when(new EnableSslCommand(ID, "op-3", true))
                    .expectEvents(enabled("op-3", true));
        }
    }

    // ---- one operation at a time -----------------------------------------------------------------------------

    @Nested
    class OneOperationAtATime {

        @Test
        void cannotStartAnotherOperationWhileOneRunsAndIsToldWhichPass() {
            fixture.given(history(registered(), enabled("op-1"), passesDone("op-1", 1, 1), stepDone("op-1", 2, "n1")))
                    .when(new RotateCertificateCommand(ID, "op-2", false))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS))
                    .expectExceptionMessage(containsString("pass 2/2 PREFER_TLS, 1/3 nodes done"));
        }

        @Test
        void cannotDisableWhileAnOperationRuns() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new DisableSslCommand(ID, "op-2"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
        }

        @Test
        void cannotStartAnotherOperationWhileAFailedOneAwaitsRetry() {
            fixture.given(registered(), enabled("op-1"), failed("op-1", OperationKind.ENABLE, 1, "n1"))
                    .when(new EnableSslCommand(ID, "op-2", false))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS))
                    .expectExceptionMessage(containsString("awaits retry"));
        }

        @Test
        void refusalCarriesTheProgressSoFar() {
            fixture.given(history(registered(), enabled("op-1", true), passesDone("op-1", 1, 1),
                            stepDone("op-1", 2, "n1")))
                    .when(new EnableSslCommand(ID, "op-2", false))
                    .expectException(detailsContain(ErrorCode.OPERATION_IN_PROGRESS, Map.of(
                            "operationId", "op-1", "kind", "ENABLE", "state", "RUNNING", "pass", 2, "passes", 3,
                            "passName", "PREFER_TLS", "passLabel", "pass 2/3 PREFER_TLS", "nodesDone", 1,
                            "nodesTotal", 3, "stepsDone", 4)));
        }

        @Test
        void aFailureRefusalNamesTheFailedPassNodeAndCode() {
            fixture.given(history(registered(), enabled("op-1"), passesDone("op-1", 1, 1),
                            failed("op-1", OperationKind.ENABLE, 2, "n2")))
                    .when(new DisableSslCommand(ID, "op-2"))
                    .expectException(detailsContain(ErrorCode.OPERATION_IN_PROGRESS, Map.of(
                            "state", "FAILED", "pass", 2, "failedNode", "n2", "failureCode", "UNHEALTHY",
                            "failureReason", "health gate timed out")));
        }
    }

    // ---- rotate and disable ----------------------------------------------------------------------------------

    @Nested
    class RotateAndDisable {

        @Test
        void rotatingPlansThreePassesInTheCurrentModeAndCarriesThePreviousCa() {
            fixture.given(enabledAndIdle(false))
                    .when(new RotateCertificateCommand(ID, "op-2", false))
                    .expectEvents(rotated("op-2", "op-1", TlsMode.PREFER, false));
            assertThat(Procedures.rotate(TlsMode.PREFER)).extracting(Pass::name)
                    .containsExactly("CA_BUNDLE", "NEW_CERTIFICATES", "NEW_CA_ONLY");
        }

        @Test
        void rotatingKeepsRequireTls() {
            fixture.given(enabledAndIdle(true))
                    .when(new RotateCertificateCommand(ID, "op-2", true))
                    .expectEvents(rotated("op-2", "op-1", TlsMode.REQUIRE, true));
        }

        @Test
        void aSecondRotationReplacesTheFirstRotationsCa() {
            fixture.given(history(enabledAndIdle(false), finished(rotated("op-2", "op-1", TlsMode.PREFER, false))))
                    .when(new RotateCertificateCommand(ID, "op-3", false))
                    .expectEvents(rotated("op-3", "op-2", TlsMode.PREFER, false));
        }

        @Test
        void cannotRotateWhenSslIsDisabled() {
            fixture.given(registered())
                    .when(new RotateCertificateCommand(ID, "op-1", false))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.SSL_NOT_ENABLED));
        }

        @Test
        void disablingFromPreferTlsTakesTwoRestartPassesAndRetiresTheCa() {
            fixture.given(enabledAndIdle(false))
                    .when(new DisableSslCommand(ID, "op-2"))
                    .expectEvents(disabled("op-2", "op-1", TlsMode.PREFER));
            assertThat(Procedures.disable(TlsMode.PREFER)).extracting(Pass::name)
                    .containsExactly("DOWN_TO_ALLOW_TLS", "TLS_DISABLED");
        }

        @Test
        void disablingFromRequireTlsTakesThreePasses() {
            fixture.given(enabledAndIdle(true))
                    .when(new DisableSslCommand(ID, "op-2"))
                    .expectEvents(disabled("op-2", "op-1", TlsMode.REQUIRE));
            assertThat(Procedures.disable(TlsMode.REQUIRE)).hasSize(3);
        }

        @Test
        void cannotDisableWhenSslIsDisabled() {
            fixture.given(registered())
                    .when(new DisableSslCommand(ID, "op-1"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.SSL_NOT_ENABLED));
        }

        @Test
        void cannotRotateOrDisableAnIneligibleInstance() {
            fixture.given(registered(Topology.REPLICA_SET, "3.6"))
                    .when(new DisableSslCommand(ID, "op-1"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.INSTANCE_NOT_ELIGIBLE));
        }
    }

    // ---- TLS enforcement -------------------------------------------------------------------------------------

    @Nested
    class TlsEnforcement {

        @Test
        void enforcingTlsFromPreferTlsIsOneRuntimePassWithTheCurrentCa() {
            fixture.given(enabledAndIdle(false))
                    .when(new SetTlsEnforcementCommand(ID, "op-2", true))
                    .expectEvents(enforcement("op-2", "op-1", true));
            assertThat(enforcement("op-2", "op-1", true).kind()).isEqualTo(OperationKind.ENFORCE_TLS);
        }

        @Test
        void relaxingFromRequireTlsIsOneRestartPassBackToPreferTls() {
            fixture.given(enabledAndIdle(true))
                    .when(new SetTlsEnforcementCommand(ID, "op-2", false))
                    .expectEvents(enforcement("op-2", "op-1", false));
            assertThat(enforcement("op-2", "op-1", false).kind()).isEqualTo(OperationKind.RELAX_TLS);
        }

        @Test
        void askingForTheModeTheInstanceHasIsRefused() {
            fixture.given(enabledAndIdle(true))
                    .when(new SetTlsEnforcementCommand(ID, "op-2", true))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.TLS_ENFORCEMENT_UNCHANGED));
            fixture.given(enabledAndIdle(false))
                    .when(new SetTlsEnforcementCommand(ID, "op-2", false))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.TLS_ENFORCEMENT_UNCHANGED));
        }

        @Test
        void enforcingThenRelaxingFollowsTheMode() {
            Object[] enforced = history(enabledAndIdle(false), finished(enforcement("op-2", "op-1", true)));
            fixture.given(enforced)
                    .when(new SetTlsEnforcementCommand(ID, "op-3", false))
                    .expectEvents(enforcement("op-3", "op-1", false));
            fixture.given(enforced)
                    .when(new SetTlsEnforcementCommand(ID, "op-3", true))
                    .expectException(codeIs(ErrorCode.TLS_ENFORCEMENT_UNCHANGED));
            fixture.given(history(enforced, finished(enforcement("op-3", "op-1", false))))
                    .when(new SetTlsEnforcementCommand(ID, "op-4", false))
                    .expectException(codeIs(ErrorCode.TLS_ENFORCEMENT_UNCHANGED));
        }

        @Test
        void afterEnforcingRotationAndDisableStartFromRequireTls() {
            Object[] enforced = history(enabledAndIdle(false), finished(enforcement("op-2", "op-1", true)));
            fixture.given(enforced)
                    .when(new RotateCertificateCommand(ID, "op-3", false))
                    .expectEvents(rotated("op-3", "op-1", TlsMode.REQUIRE, false));
            fixture.given(enforced)
                    .when(new DisableSslCommand(ID, "op-3"))
                    .expectEvents(disabled("op-3", "op-1", TlsMode.REQUIRE));
        }

        @Test
        void cannotChangeEnforcementWhenSslIsDisabledOrWhileAnOperationRuns() {
            fixture.given(registered())
                    .when(new SetTlsEnforcementCommand(ID, "op-1", true))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.SSL_NOT_ENABLED));
            fixture.given(registered(), enabled("op-1"))
                    .when(new SetTlsEnforcementCommand(ID, "op-2", true))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
        }

        @Test
        void aRedeliveredEnforcementOfTheRunningOperationChangesNothing() {
            fixture.given(history(enabledAndIdle(false), enforcement("op-2", "op-1", true)))
                    .when(new SetTlsEnforcementCommand(ID, "op-2", true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void enforcementIssuesNoCertificates() {
            fixture.given(history(enabledAndIdle(false), enforcement("op-2", "op-1", true)))
                    .when(new SignNodeCertificateCommand(ID, "op-2", "n1", "csr"))
                    .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
        }
    }

    // ---- steps and completion --------------------------------------------------------------------------------

    @Nested
    class Steps {

        @Test
        void recordsAStepStartedWithItsPassAndRoleAndDoneWithTheObservation() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T, 1, NodeRole.SECONDARY))
                    .expectEvents(stepStarted("op-1", 1, "n1", 1));
            fixture.given(registered(), enabled("op-1"), stepStarted("op-1", 1, "n1", 1))
                    .when(new RecordNodeRestartedCommand(ID, "op-1", "n1", 30_000, T, 1, OBSERVED))
                    .expectEvents(stepDone("op-1", 1, "n1"));
        }

        @Test
        void theSameNodeIsRecordedOncePerPass() {
            fixture.given(history(registered(), enabled("op-1"), passesDone("op-1", 1, 1)))
                    .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T, 2, NodeRole.SECONDARY))
                    .expectEvents(stepStarted("op-1", 2, "n1", 1));
        }

        @Test
        void duplicateStepReportsChangeNothing() {
            fixture.given(registered(), enabled("op-1"), stepStarted("op-1", 1, "n1", 1))
                    .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T.plusSeconds(5), 1, NodeRole.PRIMARY))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(registered(), enabled("op-1"), stepDone("op-1", 1, "n1"))
                    .when(new RecordNodeRestartedCommand(ID, "op-1", "n1", 99, T.plusSeconds(5), 1, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(registered(), enabled("op-1"), stepDone("op-1", 1, "n1"))
                    .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T.plusSeconds(5), 1, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void reportsForAnotherOperationChangeNothing() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new RecordNodeRestartedCommand(ID, "op-0", "n1", 31_000, T, 1, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void reportsAfterCompletionChangeNothing() {
            fixture.given(enabledAndIdle(false))
                    .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T, 1, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(enabledAndIdle(false))
                    .when(new CompleteRestartCommand(ID, "op-1", 5, T))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void reportsForUnknownNodesOrPassesChangeNothing() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new RecordNodeRestartedCommand(ID, "op-1", "n9", 31_000, T, 1, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(registered(), enabled("op-1"))
                    .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T, 3, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(registered(), enabled("op-1"))
                    .when(new FailRestartCommand(ID, "op-1", "n1", "x", T, 7, "ERROR"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void completesWhenEveryStepOfEveryPassIsDone() {
            fixture.given(history(registered(), enabled("op-1", true), passesDone("op-1", 1, 3)))
                    .when(new CompleteRestartCommand(ID, "op-1", 95_000, T))
                    .expectEvents(new RestartCompletedEvent(ID, "op-1", OperationKind.ENABLE, 95_000, T));
        }

        @Test
        void aCompletionBeforeEveryStepIsDoneChangesNothing() {
            fixture.given(history(registered(), enabled("op-1", true), passesDone("op-1", 1, 2)))
                    .when(new CompleteRestartCommand(ID, "op-1", 95_000, T))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(history(registered(), enabled("op-1"), passesDone("op-1", 1, 1), stepDone("op-1", 2, "n0"),
                            stepDone("op-1", 2, "n1")))
                    .when(new CompleteRestartCommand(ID, "op-1", 95_000, T))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void recordsAFailureWithPassNodeReasonAndCode() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new FailRestartCommand(ID, "op-1", "n2", "health gate timed out", T, 1, "UNHEALTHY"))
                    .expectEvents(failed("op-1", OperationKind.ENABLE, 1, "n2"));
        }

        @Test
        void aDuplicateFailureChangesNothing() {
            fixture.given(registered(), enabled("op-1"), failed("op-1", OperationKind.ENABLE, 1, "n2"))
                    .when(new FailRestartCommand(ID, "op-1", "n2", "health gate timed out", T, 1, "UNHEALTHY"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    // ---- rotation that waits for clients ---------------------------------------------------------------------

    @Nested
    class RotationHold {

        private final Object[] heldRotationAfterTwoPasses = history(enabledAndIdle(false),
                rotated("op-2", "op-1", TlsMode.PREFER, true), passesDone("op-2", 1, 2));

        @Test
        void aHeldRotationWaitsForClientsOnceItsSecondPassIsDone() {
            fixture.given(heldRotationAfterTwoPasses)
                    .when(new HoldOperationCommand(ID, "op-2", 2, T))
                    .expectEvents(new RotationAwaitingClientsEvent(ID, "op-2", 2, T));
        }

        @Test
        void aHoldBeforeTheSecondPassIsDoneChangesNothing() {
            fixture.given(history(enabledAndIdle(false), rotated("op-2", "op-1", TlsMode.PREFER, true),
                            passesDone("op-2", 1, 1), stepDone("op-2", 2, "n1")))
                    .when(new HoldOperationCommand(ID, "op-2", 2, T))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aHoldForAnotherPassOrARotationWithoutHoldChangesNothing() {
            fixture.given(history(enabledAndIdle(false), rotated("op-2", "op-1", TlsMode.PREFER, true),
                            passesDone("op-2", 1, 2)))
                    .when(new HoldOperationCommand(ID, "op-2", 1, T))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(history(enabledAndIdle(false), rotated("op-2", "op-1", TlsMode.PREFER, false),
                            passesDone("op-2", 1, 2)))
                    .when(new HoldOperationCommand(ID, "op-2", 2, T))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aDuplicateHoldChangesNothing() {
            fixture.given(rotationAwaitingClients())
                    .when(new HoldOperationCommand(ID, "op-2", 2, T.plusSeconds(9)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest
        @MethodSource("dev.sslplane.commandservice.command.SslConfigurationTest#operationsRefusedWhileWaiting")
        void whileItWaitsEveryOtherOperationIsRefusedWithTheProgress(Object command) {
            fixture.given(rotationAwaitingClients())
                    .when(command)
                    .expectNoEvents()
                    .expectException(detailsContain(ErrorCode.ROTATION_AWAITING_CLIENTS, Map.of(
                            "operationId", "op-2", "kind", "ROTATE", "state", "WAITING_FOR_CLIENTS", "pass", 2,
                            "passName", "NEW_CERTIFICATES", "awaitingClientsSince", T.toString())))
                    .expectExceptionMessage(containsString("waiting for clients after pass 2/3 NEW_CERTIFICATES"));
        }

        @Test
        void whileItWaitsStepReportsAndSigningAreNotAccepted() {
            fixture.given(rotationAwaitingClients())
                    .when(new RecordNodeRestartStartedCommand(ID, "op-2", "n0", T, 3, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(rotationAwaitingClients())
                    .when(new SignNodeCertificateCommand(ID, "op-2", "n0", "csr"))
                    .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
        }

        @Test
        void finishingRunsTheLastPassWithEverythingTheWorkerNeeds() {
            fixture.given(rotationAwaitingClients())
                    .when(new FinishRotationCommand(ID, "op-2"))
                    .expectEvents(new RotationFinishingEvent(ID, "op-2", ca("op-2"), ca("op-1"), NODES, 42, "4.2",
                            Procedures.rotate(TlsMode.PREFER), steps(1, 2), 1, null, NODE_VALIDITY));
        }

        @Test
        void afterFinishingTheLastPassIsRecordedAndTheRotationCompletes() {
            Object[] finishing = history(rotationAwaitingClients(), new RotationFinishingEvent(ID, "op-2", ca("op-2"),
                    ca("op-1"), NODES, 42, "4.2", Procedures.rotate(TlsMode.PREFER), steps(1, 2), 1));
            fixture.given(finishing)
                    .when(new RecordNodeRestartedCommand(ID, "op-2", "n1", 30_000, T, 3, OBSERVED))
                    .expectEvents(stepDone("op-2", 3, "n1"));
            fixture.given(history(finishing, passesDone("op-2", 3, 3)))
                    .when(new CompleteRestartCommand(ID, "op-2", 1, T))
                    .expectEvents(new RestartCompletedEvent(ID, "op-2", OperationKind.ROTATE, 1, T));
            fixture.given(finishing)
                    .when(new FinishRotationCommand(ID, "op-2"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.ROTATION_NOT_AWAITING_CLIENTS));
        }

        @Test
        void finishingIsRefusedWhenTheRotationDoesNotWait() {
            fixture.given(heldRotationAfterTwoPasses)
                    .when(new FinishRotationCommand(ID, "op-2"))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.ROTATION_NOT_AWAITING_CLIENTS),
                            detailsContain(ErrorCode.ROTATION_NOT_AWAITING_CLIENTS, Map.of("state", "RUNNING"))));
            fixture.given(registered(), enabled("op-1"))
                    .when(new FinishRotationCommand(ID, "op-1"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.ROTATION_NOT_AWAITING_CLIENTS));
        }

        @Test
        void finishingAnotherOrNoOperationIsNotFound() {
            fixture.given(rotationAwaitingClients())
                    .when(new FinishRotationCommand(ID, "op-7"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_NOT_FOUND));
            fixture.given(enabledAndIdle(false))
                    .when(new FinishRotationCommand(ID, "op-1"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_NOT_FOUND));
        }
    }

    // ---- retry -----------------------------------------------------------------------------------------------

    @Nested
    class Retry {

        @Test
        void retryResumesAtTheFailedStepCarryingTheDoneStepsAndThePlan() {
            fixture.given(history(registered(), enabled("op-1", true), passesDone("op-1", 1, 1),
                            stepDone("op-1", 2, "n1"), stepStarted("op-1", 2, "n2", 1),
                            failed("op-1", OperationKind.ENABLE, 2, "n2")))
                    .when(new RetryRestartCommand(ID, "op-1"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"), NODES, 42,
                            Set.of(), 2, "4.2", null, Procedures.enable(true),
                            union(steps(1, 1), Set.of("2/n1")), null, null, NODE_VALIDITY));
        }

        @Test
        void aRetriedHeldRotationStillHoldsAfterItsSecondPass() {
            fixture.given(history(enabledAndIdle(false), rotated("op-2", "op-1", TlsMode.PREFER, true),
                            passesDone("op-2", 1, 1), failed("op-2", OperationKind.ROTATE, 2, "n0")))
                    .when(new RetryRestartCommand(ID, "op-2"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-2", OperationKind.ROTATE, ca("op-2"), NODES, 42,
                            Set.of(), 2, "4.2", ca("op-1"), Procedures.rotate(TlsMode.PREFER), steps(1, 1), 2,
                            null, NODE_VALIDITY));
        }

        @Test
        void aRotationFailedAfterFinishingNoLongerHolds() {
            fixture.given(history(rotationAwaitingClients(), new RotationFinishingEvent(ID, "op-2", ca("op-2"),
                            ca("op-1"), NODES, 42, "4.2", Procedures.rotate(TlsMode.PREFER), steps(1, 2), 1),
                            failed("op-2", OperationKind.ROTATE, 3, "n1")))
                    .when(new RetryRestartCommand(ID, "op-2"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-2", OperationKind.ROTATE, ca("op-2"), NODES, 42,
                            Set.of(), 2, "4.2", ca("op-1"), Procedures.rotate(TlsMode.PREFER), steps(1, 2), null,
                            null, NODE_VALIDITY));
        }

        @Test
        void afterARetryTheFailedStepIsRecordedAgainWithTheNewAttempt() {
            fixture.given(registered(), enabled("op-1"), stepStarted("op-1", 1, "n2", 1),
                            failed("op-1", OperationKind.ENABLE, 1, "n2"),
                            new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"), NODES, 42, Set.of(),
                                    2, "4.2", null, Procedures.enable(false), Set.of(), null))
                    .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n2", T, 1, NodeRole.SECONDARY))
                    .expectEvents(stepStarted("op-1", 1, "n2", 2));
        }

        @Test
        void cannotRetryARunningOperation() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new RetryRestartCommand(ID, "op-1"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_NOT_RETRYABLE));
        }

        @Test
        void cannotRetryAnUnknownOrCompletedOperation() {
            fixture.given(registered(), enabled("op-1"), failed("op-1", OperationKind.ENABLE, 1, "n2"))
                    .when(new RetryRestartCommand(ID, "op-7"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_NOT_FOUND));
            fixture.given(enabledAndIdle(false))
                    .when(new RetryRestartCommand(ID, "op-1"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_NOT_FOUND));
        }

        @Test
        void aFailedDisableIsRetriedWithoutACaButWithTheRetiredOne() {
            fixture.given(history(enabledAndIdle(false), disabled("op-2", "op-1", TlsMode.PREFER),
                            failed("op-2", OperationKind.DISABLE, 1, "n0")))
                    .when(new RetryRestartCommand(ID, "op-2"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-2", OperationKind.DISABLE, null, NODES, 42,
                            Set.of(), 2, "4.2", ca("op-1"), Procedures.disable(TlsMode.PREFER), Set.of(), null));
        }
    }

    // ---- renewing the node certificates under the same CA ----------------------------------------------------

    @Nested
    class RenewNodeCertificates {

        @Test
        void renewingPlansOneRestartAtTheCurrentModeUnderTheCurrentCa() {
            fixture.given(enabledAndIdle(false))
                    .when(new RenewNodeCertificatesCommand(ID, "op-2"))
                    .expectEvents(renewing("op-2", "op-1", TlsMode.PREFER))
                    .expectResultMessagePayload((long) enabledAndIdle(false).length);
            fixture.given(enabledAndIdle(true))
                    .when(new RenewNodeCertificatesCommand(ID, "op-2"))
                    .expectEvents(renewing("op-2", "op-1", TlsMode.REQUIRE));
            assertThat(provisioned).as("a renewal makes no CA").isEmpty();
        }

        @Test
        void theEventCarriesWhatTheWorkerNeeds() {
            NodeCertificatesRenewingEvent event = renewing("op-2", "op-1", TlsMode.PREFER);
            assertThat(event.kind()).isEqualTo(OperationKind.RENEW_NODE_CERTIFICATES);
            assertThat(event.ca()).isEqualTo(ca("op-1"));
            assertThat(event.previousCa()).isNull();
            assertThat(event.plan()).extracting(Pass::name).containsExactly("NEW_CERTIFICATES");
            assertThat(event.nodeCertificateValidity())
                    .isEqualTo(PkiProperties.defaults().certificatePolicy().defaults().nodeCertificateValidity());
        }

        @Test
        void cannotRenewWhenSslIsDisabled() {
            fixture.given(registered())
                    .when(new RenewNodeCertificatesCommand(ID, "op-1"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.SSL_NOT_ENABLED));
            fixture.given(history(enabledAndIdle(false), finished(disabled("op-2", "op-1", TlsMode.PREFER))))
                    .when(new RenewNodeCertificatesCommand(ID, "op-3"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.SSL_NOT_ENABLED));
        }

        @Test
        void cannotRenewWhileAnOperationRuns() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new RenewNodeCertificatesCommand(ID, "op-2"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
            fixture.given(history(enabledAndIdle(false), renewing("op-2", "op-1", TlsMode.PREFER)))
                    .when(new RenewNodeCertificatesCommand(ID, "op-3"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
            fixture.given(history(enabledAndIdle(false), renewing("op-2", "op-1", TlsMode.PREFER),
                            failed("op-2", OperationKind.RENEW_NODE_CERTIFICATES, 1, "n1")))
                    .when(new RotateCertificateCommand(ID, "op-3", false))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
            fixture.given(rotationAwaitingClients())
                    .when(new RenewNodeCertificatesCommand(ID, "op-3"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.ROTATION_AWAITING_CLIENTS));
        }

        @Test
        void cannotRenewOnAnIneligibleInstance() {
            fixture.given(registered(Topology.REPLICA_SET, "3.6"))
                    .when(new RenewNodeCertificatesCommand(ID, "op-1"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.INSTANCE_NOT_ELIGIBLE));
        }

        @Test
        void aRepeatWithTheSameOperationIdChangesNothing() {
            Object[] renewalUnderWay = history(enabledAndIdle(false), renewing("op-2", "op-1", TlsMode.PREFER),
                    stepDone("op-2", 1, "n1"));
            fixture.given(renewalUnderWay)
                    .when(new RenewNodeCertificatesCommand(ID, "op-2"))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload((long) renewalUnderWay.length - 1);
        }

        @Test
        void signingDuringARenewalUsesTheCaOfTheOperationThatCreatedItAndRecordsTheRenewal() {
            fixture.given(history(enabledAndIdle(false), renewing("op-2", "op-1", TlsMode.PREFER)))
                    .when(new SignNodeCertificateCommand(ID, "op-2", "n1", "csr"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new NodeCertificateIssuedEvent(ID, "op-2", "n1", "serial-op-1", leaf("n1")))
                    .expectResultMessagePayload(new SignedCertificate("leaf:n1", "chain:op-1", "01", T));
            assertThat(signedUnder).containsExactly("op-1");
            assertThat(signedWith).containsExactly(NODE_VALIDITY);
        }

        @Test
        void afterARotationTheRenewalSignsWithTheRotationsCa() {
            fixture.given(history(enabledAndIdle(false), finished(rotated("op-2", "op-1", TlsMode.PREFER, false))))
                    .when(new RenewNodeCertificatesCommand(ID, "op-3"))
                    .expectEvents(renewing("op-3", "op-2", TlsMode.PREFER));
            fixture.given(history(enabledAndIdle(false), finished(rotated("op-2", "op-1", TlsMode.PREFER, false)),
                            renewing("op-3", "op-2", TlsMode.PREFER)))
                    .when(new SignNodeCertificateCommand(ID, "op-3", "n0", "csr"))
                    .expectEvents(new NodeCertificateIssuedEvent(ID, "op-3", "n0", "serial-op-2", leaf("n0")));
            assertThat(signedUnder).containsExactly("op-2");
        }

        @Test
        void afterDisablingAndEnablingAgainTheRenewalSignsWithTheNewEnablesCa() {
            fixture.given(history(enabledAndIdle(false), finished(disabled("op-2", "op-1", TlsMode.PREFER)),
                            finished(enabled("op-3")), renewing("op-4", "op-3", TlsMode.PREFER)))
                    .when(new SignNodeCertificateCommand(ID, "op-4", "n2", "csr"))
                    .expectEvents(new NodeCertificateIssuedEvent(ID, "op-4", "n2", "serial-op-3", leaf("n2")));
            assertThat(signedUnder).containsExactly("op-3");
        }

        @Test
        void aRenewalCompletesAndLeavesSslEnabledWithTheSameCa() {
            fixture.given(history(enabledAndIdle(false), renewing("op-2", "op-1", TlsMode.PREFER),
                            passesDone("op-2", 1, 1)))
                    .when(new CompleteRestartCommand(ID, "op-2", 1000, T))
                    .expectEvents(completed("op-2", OperationKind.RENEW_NODE_CERTIFICATES));
            // still Enabled, same CA, idle: a rotation replaces op-1's CA
            fixture.given(history(enabledAndIdle(false), finished(renewing("op-2", "op-1", TlsMode.PREFER))))
                    .when(new RotateCertificateCommand(ID, "op-3", false))
                    .expectEvents(rotated("op-3", "op-1", TlsMode.PREFER, false));
        }

        @Test
        void aFailedRenewalIsRetriedWithItsKindAndCaAndStillSignsWithTheCurrentCa() {
            Object[] failedRenewal = history(enabledAndIdle(false), renewing("op-2", "op-1", TlsMode.PREFER),
                    stepDone("op-2", 1, "n1"), failed("op-2", OperationKind.RENEW_NODE_CERTIFICATES, 1, "n2"));
            RestartRetriedEvent retried = new RestartRetriedEvent(ID, "op-2", OperationKind.RENEW_NODE_CERTIFICATES,
                    ca("op-1"), NODES, 42, Set.of(), 2, "4.2", null, Procedures.renewNodeCertificates(TlsMode.PREFER),
                    Set.of("1/n1"), null, null, NODE_VALIDITY);
            fixture.given(failedRenewal)
                    .when(new RetryRestartCommand(ID, "op-2"))
                    .expectEvents(retried);
            fixture.given(history(failedRenewal, retried))
                    .when(new SignNodeCertificateCommand(ID, "op-2", "n2", "csr"))
                    .expectEvents(new NodeCertificateIssuedEvent(ID, "op-2", "n2", "serial-op-1", leaf("n2")));
            assertThat(signedUnder).containsExactly("op-1");
        }

        @Test
        void aFailedRenewalRefusesToSignUntilRetried() {
            fixture.given(history(enabledAndIdle(false), renewing("op-2", "op-1", TlsMode.PREFER),
                            failed("op-2", OperationKind.RENEW_NODE_CERTIFICATES, 1, "n2")))
                    .when(new SignNodeCertificateCommand(ID, "op-2", "n2", "csr"))
                    .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
            assertThat(signedUnder).isEmpty();
        }
    }

    // ---- node certificates -----------------------------------------------------------------------------------

    /** The CA key algorithm and lifetimes an operation chooses, and that its node certificates keep. */
    @Nested
    class KeysAndLifetimes {

        private final CertificateOptions asked = new CertificateOptions("EC-P384", Duration.ofDays(400),
                Duration.ofDays(30));

        @Test
        void anEnableIssuesItsCaAsAskedAndRecordsItsNodeValidity() {
            fixture.given(registered())
                    .when(new EnableSslCommand(ID, "op-1", false, asked))
                    .expectEvents(new SslEnabledEvent(ID, "op-1", ca("op-1"), NODES, 42, "4.2", false,
                            Procedures.enable(false), null, Duration.ofDays(30)));
            assertThat(provisionedWith).containsExactly("EC-P384 PT9600H");
        }

        @Test
        void aRotationIssuesItsCaAsAskedAndRecordsItsNodeValidity() {
            fixture.given(enabledAndIdle(false))
                    .when(new RotateCertificateCommand(ID, "op-2", true, asked))
                    .expectEvents(new CertificateRotatedEvent(ID, "op-2", ca("op-2"), "serial-op-1", NODES, 42,
                            "4.2", ca("op-1"), true, Procedures.rotate(TlsMode.PREFER), null, Duration.ofDays(30)));
            assertThat(provisionedWith).containsExactly("EC-P384 PT9600H");
        }

        @Test
        void anOperationAskingForNothingGetsTheDeploymentsSettings() {
            fixture.given(registered())
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectEvents(enabled("op-1"));
            assertThat(provisionedWith).containsExactly("RSA-2048 PT87600H");
            assertThat(enabled("op-1").nodeCertificateValidity()).isEqualTo(Duration.ofDays(397));
        }

        @Test
        void nodeCertificatesAreSignedWithTheOperationsValidityAlsoAfterARetryAndARestart() {
            // the fixture rebuilds the aggregate from these events, as a restarted service does
            SslEnabledEvent thirtyDays = new SslEnabledEvent(ID, "op-1", ca("op-1"), NODES, 42, "4.2", false,
                    Procedures.enable(false), null, Duration.ofDays(30));
            fixture.given(registered(), thirtyDays)
                    .when(new SignNodeCertificateCommand(ID, "op-1", "n1", "csr"))
                    .expectSuccessfulHandlerExecution();
            fixture.given(registered(), thirtyDays, failed("op-1", OperationKind.ENABLE, 1, "n1"),
                            new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"), NODES, 42, Set.of(),
                                    2, "4.2", null, Procedures.enable(false), Set.of(), null, null,
                                    Duration.ofDays(30)))
                    .when(new SignNodeCertificateCommand(ID, "op-1", "n1", "csr"))
                    .expectSuccessfulHandlerExecution();
            fixture.given(history(enabledAndIdle(false), new CertificateRotatedEvent(ID, "op-2", ca("op-2"),
                            "serial-op-1", NODES, 42, "4.2", ca("op-1"), false, Procedures.rotate(TlsMode.PREFER),
                            null, Duration.ofHours(36))))
                    .when(new SignNodeCertificateCommand(ID, "op-2", "n2", "csr"))
                    .expectSuccessfulHandlerExecution();

            assertThat(signedWith).containsExactly(Duration.ofDays(30), Duration.ofDays(30), Duration.ofHours(36));
        }

        @Test
        void anOperationRecordedBeforeOperationsChoseLeavesTheValidityToTheSigner() {
            fixture.given(registered(), new SslEnabledEvent(ID, "op-1", ca("op-1"), NODES, 42, "4.2", false,
                            Procedures.enable(false)))
                    .when(new SignNodeCertificateCommand(ID, "op-1", "n1", "csr"))
                    .expectSuccessfulHandlerExecution();

            assertThat(signedWith).as("null: the deployment's setting").containsExactly((Duration) null);
        }

        @Test
        void aRetryAndAFinishRestateTheOperationsNodeValidity() {
            fixture.given(history(enabledAndIdle(false), new CertificateRotatedEvent(ID, "op-2", ca("op-2"),
                            "serial-op-1", NODES, 42, "4.2", ca("op-1"), true, Procedures.rotate(TlsMode.PREFER),
                            null, Duration.ofHours(36)), passesDone("op-2", 1, 2),
                            new RotationAwaitingClientsEvent(ID, "op-2", 2, T)))
                    .when(new FinishRotationCommand(ID, "op-2"))
                    .expectEvents(new RotationFinishingEvent(ID, "op-2", ca("op-2"), ca("op-1"), NODES, 42, "4.2",
                            Procedures.rotate(TlsMode.PREFER), steps(1, 2), 1, null, Duration.ofHours(36)));
        }

        @Test
        void aNodeCertificateThatWouldOutliveItsCaIsRefused() {
            fixture.given(registered())
                    .when(new EnableSslCommand(ID, "op-1", false, new CertificateOptions(null, Duration.ofDays(60),
                            Duration.ofDays(90))))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.VALIDATION_FAILED), messageContains(
                            "nodeCertificateValidity (P90D) must not exceed caValidity (P60D)")));
            fixture.given(enabledAndIdle(false))
                    .when(new RotateCertificateCommand(ID, "op-2", false, new CertificateOptions(null,
                            Duration.ofDays(200), null)))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.VALIDATION_FAILED), messageContains(
                            "nodeCertificateValidity (P397D) must not exceed caValidity (P200D)")));
            assertThat(provisioned).as("no CA issued for a refused operation").isEmpty();
        }

        @Test
        void optionsOutsideTheBoundsAreRefusedBeforeAnyCaIsIssued() {
            fixture.given(registered())
                    .when(new EnableSslCommand(ID, "op-1", false, new CertificateOptions("DSA-1024",
                            Duration.ofDays(7301), Duration.ZERO)))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.VALIDATION_FAILED),
                            messageContains("caKeyAlgorithm must be one of"),
                            messageContains("caValidity must be within P30D .. P7300D"),
                            messageContains("nodeCertificateValidity must be positive")));
            assertThat(provisioned).isEmpty();
        }
    }

    @Nested
    class NodeCertificates {

        @Test
        void signsANodeCsrWhileAnOperationThatIssuesCertificatesRuns() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new SignNodeCertificateCommand(ID, "op-1", "n1", "csr"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new NodeCertificateIssuedEvent(ID, "op-1", "n1", "serial-op-1", leaf("n1")))
                    .expectResultMessagePayload(new SignedCertificate("leaf:n1", "chain:op-1", "01", T));
            fixture.given(history(enabledAndIdle(false), rotated("op-2", "op-1", TlsMode.PREFER, false)))
                    .when(new SignNodeCertificateCommand(ID, "op-2", "n1", "csr"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new NodeCertificateIssuedEvent(ID, "op-2", "n1", "serial-op-2", leaf("n1")))
                    .expectResultMessagePayload(new SignedCertificate("leaf:n1", "chain:op-2", "01", T));
        }

        @Test
        void aNodeSignedAgainGetsANewCertificateRecorded() {
            // a worker that crashed after signing asks again on resume: the node installs the second one
            fixture.given(registered(), enabled("op-1"),
                            new NodeCertificateIssuedEvent(ID, "op-1", "n1", "serial-op-1", leaf("n1")))
                    .when(new SignNodeCertificateCommand(ID, "op-1", "n1", "csr"))
                    .expectEvents(new NodeCertificateIssuedEvent(ID, "op-1", "n1", "serial-op-1", leaf("n1")));
        }

        @Test
        void refusesToSignWithoutARunningOperation() {
            fixture.given(registered())
                    .when(new SignNodeCertificateCommand(ID, "op-1", "n1", "csr"))
                    .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
            fixture.given(enabledAndIdle(false))
                    .when(new SignNodeCertificateCommand(ID, "op-1", "n1", "csr"))
                    .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
            fixture.given(registered(), enabled("op-1"), failed("op-1", OperationKind.ENABLE, 1, "n2"))
                    .when(new SignNodeCertificateCommand(ID, "op-1", "n2", "csr"))
                    .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
        }

        @Test
        void refusesToSignForAnotherOperationOrADisable() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new SignNodeCertificateCommand(ID, "op-0", "n1", "csr"))
                    .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION));
            fixture.given(history(enabledAndIdle(false), disabled("op-2", "op-1", TlsMode.PREFER)))
                    .when(new SignNodeCertificateCommand(ID, "op-2", "n1", "csr"))
                    .expectException(codeIs(ErrorCode.CSR_NO_RUNNING_OPERATION))
                    .expectExceptionMessage(containsString("issues no certificates"));
        }

        @Test
        void refusesToSignForANodeThatIsNotRegistered() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new SignNodeCertificateCommand(ID, "op-1", "intruder", "csr"))
                    .expectException(codeIs(ErrorCode.CSR_NODE_UNKNOWN));
        }
    }

    // ---- streams recorded before passes existed (schema v1) --------------------------------------------------

    @Nested
    class VersionOneStreams {

        private SslEnabledEvent v1Enabled(String op) {
            return new SslEnabledEvent(ID, op, ca(op), NODES, 42, null, null, null);
        }

        private NodeRestartedEvent v1Restarted(String op, String node) {
            return new NodeRestartedEvent(ID, op, node, 30_000, T, null, null);
        }

        private Object[] v1EnabledAndRestarted(String op) {
            return history(registered(), v1Enabled(op),
                    NODES.stream().map(n -> v1Restarted(op, n.name())).toArray());
        }

        @Test
        void aVersionOneEnableCompletesWithItsOnePass() {
            fixture.given(v1EnabledAndRestarted("op-1"))
                    .when(new CompleteRestartCommand(ID, "op-1", 9, T))
                    .expectEvents(new RestartCompletedEvent(ID, "op-1", OperationKind.ENABLE, 9, T));
            fixture.given(registered(), v1Enabled("op-1"), v1Restarted("op-1", "n0"))
                    .when(new CompleteRestartCommand(ID, "op-1", 9, T))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void afterAVersionOneEnableTheInstanceIsAtPreferTls() {
            Object[] v1Done = history(v1EnabledAndRestarted("op-1"), completed("op-1", OperationKind.ENABLE));
            fixture.given(v1Done)
                    .when(new RotateCertificateCommand(ID, "op-2", false))
                    .expectEvents(rotated("op-2", "op-1", TlsMode.PREFER, false));
            fixture.given(v1Done)
                    .when(new SetTlsEnforcementCommand(ID, "op-2", false))
                    .expectException(codeIs(ErrorCode.TLS_ENFORCEMENT_UNCHANGED));
        }

        @Test
        void aVersionOneRetryKeepsItsCompletedNodesAsPassOneSteps() {
            fixture.given(registered(), v1Enabled("op-1"), v1Restarted("op-1", "n1"),
                            new RestartFailedEvent(ID, "op-1", OperationKind.ENABLE, "n2", "timeout", T, null, null),
                            new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"), NODES, 42,
                                    Set.of("n1"), 2, null, null, null, null, null),
                            new RestartFailedEvent(ID, "op-1", OperationKind.ENABLE, "n2", "timeout", T, null, null))
                    .when(new RetryRestartCommand(ID, "op-1"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"), NODES, 42,
                            Set.of(), 3, "4.2", null, Procedures.legacy(OperationKind.ENABLE), Set.of("1/n1"), null));
        }

        @Test
        void aVersionOneRotationNamesTheCaItReplacedAndADisableRetiresIt() {
            Object[] v1Rotating = history(v1EnabledAndRestarted("op-1"), completed("op-1", OperationKind.ENABLE),
                    new CertificateRotatedEvent(ID, "op-2", ca("op-2"), "serial-op-1", NODES, 42, null, null, null,
                            null),
                    new RestartFailedEvent(ID, "op-2", OperationKind.ROTATE, "n0", "timeout", T, null, null));
            fixture.given(v1Rotating)
                    .when(new RetryRestartCommand(ID, "op-2"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-2", OperationKind.ROTATE, ca("op-2"), NODES, 42,
                            Set.of(), 2, "4.2", ca("op-1"), Procedures.legacy(OperationKind.ROTATE), Set.of(), null));
        }

        @Test
        void theStoredVersionOneSamplesRebuildAnAggregateThatCompletes() {
            Map<String, Object> v1 = SampleMessages.decodedFromVersion(1);
            var enabled = (SslEnabledEvent) v1.get("SslEnabled");
            var restarted = (NodeRestartedEvent) v1.get("NodeRestarted");
            String instance = SampleMessages.INSTANCE;
            fixture.given(v1.get("InstanceRegistered"), enabled,
                            new NodeRestartedEvent(instance, enabled.operationId(), "rs0-0", 1, T, null, null),
                            restarted,
                            new NodeRestartedEvent(instance, enabled.operationId(), "rs0-2", 1, T, null, null))
                    .when(new CompleteRestartCommand(instance, enabled.operationId(), 5, T))
                    .expectEvents(new RestartCompletedEvent(instance, enabled.operationId(), OperationKind.ENABLE,
                            5, T));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static Stream<Object> operationsRefusedWhileWaiting() {
        return Stream.of(new EnableSslCommand(ID, "op-9", false), new RotateCertificateCommand(ID, "op-9", false),
                new DisableSslCommand(ID, "op-9"), new SetTlsEnforcementCommand(ID, "op-9", true),
                new RetryRestartCommand(ID, "op-2"), new RetryRestartCommand(ID, "op-9"));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
