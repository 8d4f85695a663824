package dev.sslplane.commandservice.command;

import static dev.sslplane.commandservice.command.AggregateEvents.codeIs;
import static dev.sslplane.commandservice.command.AggregateEvents.messageContains;
import static org.hamcrest.Matchers.allOf;

import dev.sslplane.commandservice.pki.PkiProperties;
import dev.sslplane.contracts.command.AddMemberCommand;
import dev.sslplane.contracts.command.CompleteRestartCommand;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.RecordNodeRestartStartedCommand;
import dev.sslplane.contracts.command.RecordNodeRestartedCommand;
import dev.sslplane.contracts.command.RemoveMemberCommand;
import dev.sslplane.contracts.command.ReplaceMemberCommand;
import dev.sslplane.contracts.command.RetryRestartCommand;
import dev.sslplane.contracts.command.UpdateCollectionCountCommand;
import dev.sslplane.contracts.command.UpdateEngineVersionCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.CollectionCountUpdatedEvent;
import dev.sslplane.contracts.event.EngineVersionUpdatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.MaintenanceWindowSetEvent;
import dev.sslplane.contracts.event.MemberAddedEvent;
import dev.sslplane.contracts.event.MemberRemovedEvent;
import dev.sslplane.contracts.event.MemberReplacedEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.RotationAwaitingClientsEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.messaging.SignedCertificate;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SystemdTarget.SystemdHost;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.procedure.Procedures;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Instance changes on {@link SslConfiguration} (issue 19 section 5): add, remove and replace a member, update the
 * collection count and the engine version; given events -> command -> expected events or code.
 */
class InstanceChangesTest {

    private static final String ID = "rs-1";
    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    private static final NodeSpec N0 = new NodeSpec("n0", "10.0.0.1", 27017, NodeRole.PRIMARY, List.of());
    private static final NodeSpec N1 = new NodeSpec("n1", "10.0.0.2", 27017, NodeRole.SECONDARY, List.of());
    private static final NodeSpec N2 = new NodeSpec("n2", "10.0.0.3", 27017, NodeRole.SECONDARY, List.of());
    private static final List<NodeSpec> NODES = List.of(N0, N1, N2);
    private static final NodeSpec N3 = new NodeSpec("n3", "10.0.0.4", 27017, NodeRole.SECONDARY, List.of());
    private static final Duration NODE_VALIDITY = Duration.ofDays(397);
    private static final NodeObservation OBSERVED = new NodeObservation(TlsMode.ALLOW, List.of("serial-op-1"),
            NodeRole.SECONDARY);

    private FixtureConfiguration<SslConfiguration> fixture;
    private final List<String> signed = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SslConfiguration.class);
        fixture.registerInjectableResource(new EligibilityPolicy(Set.of("3.4", "4.0", "4.2")));
        fixture.registerInjectableResource(PkiProperties.defaults().certificatePolicy());
        fixture.registerInjectableResource(new OperationClock(java.time.Clock.fixed(T, java.time.ZoneOffset.UTC)));
        fixture.registerInjectableResource((NodeCertificateSigner) (instanceId, operationId, node, csr, validity) -> {
            signed.add(node.name());
            return new IssuedNodeCertificate(new SignedCertificate("leaf:" + node.name(), "chain", "01", T),
                    leaf(node.name()), "serial-" + operationId);
        });
        fixture.registerInjectableResource((CaProvisioner) (instanceId, operationId, keyAlgorithm, validity) ->
                ca(operationId));
    }

    // ---- events as the aggregate records them ----------------------------------------------------------------

    private static CertificateInfo ca(String op) {
        return new CertificateInfo("serial-" + op, "FP:" + op, "CN=ca " + op, T, T.plusSeconds(3600), "EC-P256",
                "-----BEGIN CERTIFICATE-----\n" + op + "\n");
    }

    private static CertificateInfo leaf(String node) {
        return new CertificateInfo("01", "FP:" + node, "CN=" + node, T, T.plusSeconds(3600), "EC-P256",
                "leaf:" + node);
    }

    private static InstanceRegisteredEvent registered() {
        return new InstanceRegisteredEvent(ID, "4.2", Topology.REPLICA_SET, NODES, 42);
    }

    private static SslEnabledEvent enabled(String op) {
        return new SslEnabledEvent(ID, op, ca(op), NODES, 42, "4.2", false, Procedures.enable(false), null,
                NODE_VALIDITY);
    }

    private static NodeRestartedEvent stepDone(String op, int pass, String node) {
        return new NodeRestartedEvent(ID, op, node, 30_000, T, pass, OBSERVED);
    }

    private static RestartFailedEvent failed(String op, int pass, String node) {
        return new RestartFailedEvent(ID, op, OperationKind.ENABLE, node, "node did not answer", T, pass,
                "UNREACHABLE");
    }

    private static Object[] history(Object... parts) {
        return Arrays.stream(parts)
                .flatMap(p -> p instanceof Object[] array ? Arrays.stream(array) : Stream.of(p))
                .toArray();
    }

    private static Object[] passDone(String op, int pass, List<NodeSpec> nodes) {
        return nodes.stream().map(n -> stepDone(op, pass, n.name())).toArray();
    }

    /** Enable failed in pass 1 at n2 (dead), with n1 done. */
    private static Object[] enableFailedAtN2() {
        return history(registered(), enabled("op-1"), stepDone("op-1", 1, "n1"), failed("op-1", 1, "n2"));
    }

    private static List<NodeSpec> replaced(NodeSpec replacement) {
        return List.of(N0, N1, replacement);
    }

    // ---- add -------------------------------------------------------------------------------------------------

    @Nested
    class Add {

        @Test
        void addsAMemberAndRecordsTheListAfterwards() {
            fixture.given(registered())
                    .when(new AddMemberCommand(ID, "chg-1", N3))
                    .expectEvents(new MemberAddedEvent(ID, "chg-1", N3, List.of(N0, N1, N2, N3)))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void aRepeatedAddAnswersTheSameAndRecordsNothing() {
            fixture.given(registered(), new MemberAddedEvent(ID, "chg-1", N3, List.of(N0, N1, N2, N3)))
                    .when(new AddMemberCommand(ID, "chg-1", N3))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void cannotAddANameOrAnAddressInUse() {
            fixture.given(registered())
                    .when(new AddMemberCommand(ID, "chg-1", new NodeSpec("n1", "10.0.0.9", 27017,
                            NodeRole.SECONDARY, List.of())))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.MEMBERSHIP_INVALID), messageContains("used twice")));
            fixture.given(registered())
                    .when(new AddMemberCommand(ID, "chg-2", new NodeSpec("n9", "10.0.0.2", 27017,
                            NodeRole.SECONDARY, List.of())))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.MEMBERSHIP_INVALID),
                            messageContains("10.0.0.2:27017 is used twice")));
        }

        @Test
        void cannotAddASecondPrimary() {
            fixture.given(registered())
                    .when(new AddMemberCommand(ID, "chg-1", new NodeSpec("n3", "10.0.0.4", 27017, NodeRole.PRIMARY,
                            List.of())))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.MEMBERSHIP_INVALID),
                            messageContains("exactly one member must be registered as PRIMARY")));
        }

        @Test
        void cannotGrowBeyondFiftyMembers() {
            var fifty = new ArrayList<>(NODES);
            IntStream.range(3, 50).forEach(i -> fifty.add(new NodeSpec("n" + i, "10.0.1." + i, 27017,
                    NodeRole.SECONDARY, List.of())));
            fixture.given(new InstanceRegisteredEvent(ID, "4.2", Topology.REPLICA_SET, fifty, 42))
                    .when(new AddMemberCommand(ID, "chg-1", new NodeSpec("n50", "10.0.2.1", 27017,
                            NodeRole.SECONDARY, List.of())))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.MEMBERSHIP_INVALID), messageContains("1 to 50")));
        }

        @Test
        void theOperatorTargetMustStillCoverTheMembers() {
            // a systemd target naming an SSH host for a node that is not a member is refused, as at registration
            var target = NodeOperatorTarget.systemd(new SystemdTarget("mongod-admin", "/etc/sslplane/id_ed25519",
                    "/etc/sslplane/known_hosts", true, null, null, null, null,
                    List.of(new SystemdHost("n2", "10.0.0.13", 2222, null, null, null))));
            fixture.given(new InstanceRegisteredEvent(ID, "4.2", Topology.REPLICA_SET, NODES, 42, target))
                    .when(new RemoveMemberCommand(ID, "chg-1", "n2"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.MEMBERSHIP_INVALID));
        }

        @Test
        void refusedWhileAnOperationRuns() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new AddMemberCommand(ID, "chg-1", N3))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.OPERATION_IN_PROGRESS),
                            messageContains("cannot add a member: an operation is running")));
        }

        /** A scheduled operation starts on the instance as it was accepted for: nothing changes it until then. */
        @Test
        void refusedWhileAnOperationWaitsForTheMaintenanceWindow() {
            var window = new MaintenanceWindow(DayOfWeek.SATURDAY, LocalTime.of(2, 0), Duration.ofHours(4));
            var opens = Instant.parse("2026-12-05T02:00:00Z");
            fixture.given(registered(), new MaintenanceWindowSetEvent(ID, window),
                            new OperationScheduledEvent(ID, "op-1", OperationKind.ENABLE, false, null, null, null,
                                    null, opens, opens.plus(window.duration())))
                    .when(new AddMemberCommand(ID, "chg-1", N3))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.OPERATION_IN_PROGRESS),
                            messageContains("cannot add a member"), messageContains("op-1")));
            fixture.given(registered(), new MaintenanceWindowSetEvent(ID, window),
                            new OperationScheduledEvent(ID, "op-1", OperationKind.ENABLE, false, null, null, null,
                                    null, opens, opens.plus(window.duration())))
                    .when(new UpdateEngineVersionCommand(ID, "chg-2", "3.6"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
        }

        @Test
        void refusedWhileARotationWaitsForClients() {
            var rotation = new CertificateRotatedEvent(ID, "op-2", ca("op-2"), "serial-op-1", NODES, 42, "4.2",
                    ca("op-1"), true, Procedures.rotate(TlsMode.PREFER), null, NODE_VALIDITY);
            fixture.given(history(registered(), enabled("op-1"), passDone("op-1", 1, NODES),
                            passDone("op-1", 2, NODES), new RestartCompletedEvent(ID, "op-1", OperationKind.ENABLE,
                                    1, T), rotation, passDone("op-2", 1, NODES), passDone("op-2", 2, NODES),
                            new RotationAwaitingClientsEvent(ID, "op-2", 2, T)))
                    .when(new AddMemberCommand(ID, "chg-1", N3))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.ROTATION_AWAITING_CLIENTS));
        }

        @Test
        void anUnregisteredInstanceIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new AddMemberCommand(ID, "chg-1", N3))
                    .expectNoEvents()
                    .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
        }
    }

    // ---- remove ----------------------------------------------------------------------------------------------

    @Nested
    class Remove {

        @Test
        void removesASecondary() {
            fixture.given(registered())
                    .when(new RemoveMemberCommand(ID, "chg-1", "n1"))
                    .expectEvents(new MemberRemovedEvent(ID, "chg-1", "n1", List.of(N0, N2)));
        }

        @Test
        void aRepeatedRemoveAnswersTheSameAndRecordsNothing() {
            fixture.given(registered(), new MemberRemovedEvent(ID, "chg-1", "n1", List.of(N0, N2)))
                    .when(new RemoveMemberCommand(ID, "chg-1", "n1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void anUnknownMemberIsNotFound() {
            fixture.given(registered())
                    .when(new RemoveMemberCommand(ID, "chg-1", "n7"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.MEMBER_NOT_FOUND));
        }

        @Test
        void cannotRemoveTheMemberRegisteredAsPrimary() {
            fixture.given(registered())
                    .when(new RemoveMemberCommand(ID, "chg-1", "n0"))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.MEMBERSHIP_INVALID),
                            messageContains("registered as PRIMARY; replace it instead")));
        }

        @Test
        void cannotRemoveTheLastMember() {
            fixture.given(new InstanceRegisteredEvent(ID, "4.2", Topology.REPLICA_SET, List.of(N0), 42))
                    .when(new RemoveMemberCommand(ID, "chg-1", "n0"))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.MEMBERSHIP_INVALID), messageContains("the last member")));
        }

        @Test
        void refusedWhileAnOperationRuns() {
            fixture.given(registered(), enabled("op-1"), stepDone("op-1", 1, "n1"))
                    .when(new RemoveMemberCommand(ID, "chg-1", "n2"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
        }

        @Test
        void allowedWhileTheOperationHasFailedAndItsRetryLeavesTheMemberOut() {
            fixture.given(history(enableFailedAtN2(), new MemberRemovedEvent(ID, "chg-1", "n2", List.of(N0, N1))))
                    .when(new RetryRestartCommand(ID, "op-1"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"),
                            List.of(N0, N1), 42, Set.of(), 2, "4.2", null, Procedures.enable(false),
                            Set.of("1/n1"), null, null, NODE_VALIDITY));
        }
    }

    // ---- replace ---------------------------------------------------------------------------------------------

    @Nested
    class Replace {

        @Test
        void replacesAMemberInItsPlace() {
            fixture.given(registered())
                    .when(new ReplaceMemberCommand(ID, "chg-1", "n1", N3))
                    .expectEvents(new MemberReplacedEvent(ID, "chg-1", "n1", N3, List.of(N0, N3, N2)));
        }

        @Test
        void replacingThePrimaryNeedsAPrimaryReplacement() {
            var newPrimary = new NodeSpec("n4", "10.0.0.5", 27017, NodeRole.PRIMARY, List.of());
            fixture.given(registered())
                    .when(new ReplaceMemberCommand(ID, "chg-1", "n0", N3))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.MEMBERSHIP_INVALID), messageContains("leaves 0")));
            fixture.given(registered())
                    .when(new ReplaceMemberCommand(ID, "chg-2", "n0", newPrimary))
                    .expectEvents(new MemberReplacedEvent(ID, "chg-2", "n0", newPrimary, List.of(newPrimary, N1,
                            N2)));
        }

        @Test
        void theNameIsNotKept() {
            fixture.given(registered())
                    .when(new ReplaceMemberCommand(ID, "chg-1", "n2", new NodeSpec("n2", "10.0.0.9", 27017,
                            NodeRole.SECONDARY, List.of())))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.MEMBERSHIP_INVALID),
                            messageContains("needs a name of its own")));
        }

        @Test
        void anUnknownMemberIsNotFound() {
            fixture.given(registered())
                    .when(new ReplaceMemberCommand(ID, "chg-1", "n7", N3))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.MEMBER_NOT_FOUND));
        }

        @Test
        void aRepeatedReplaceAnswersTheSameAndRecordsNothing() {
            fixture.given(history(enableFailedAtN2(), new MemberReplacedEvent(ID, "chg-1", "n2", N3, replaced(N3))))
                    .when(new ReplaceMemberCommand(ID, "chg-1", "n2", N3))
                    .expectNoEvents()
                    .expectResultMessagePayload(4L);
        }

        @Test
        void refusedWhileAnOperationRunsAlsoAfterItsRetry() {
            fixture.given(history(enableFailedAtN2(), new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE,
                            ca("op-1"), NODES, 42, Set.of(), 2, "4.2", null, Procedures.enable(false),
                            Set.of("1/n1"), null, null, NODE_VALIDITY)))
                    .when(new ReplaceMemberCommand(ID, "chg-1", "n2", N3))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.OPERATION_IN_PROGRESS),
                            messageContains("cannot replace a member")));
        }

        @Test
        void allowedWhileTheOperationHasFailed() {
            fixture.given(enableFailedAtN2())
                    .when(new ReplaceMemberCommand(ID, "chg-1", "n2", N3))
                    .expectEvents(new MemberReplacedEvent(ID, "chg-1", "n2", N3, replaced(N3)));
        }

        @Test
        void theRetryDrivesTheReplacementAndKeepsTheSurvivorsStepsDone() {
            fixture.given(history(enableFailedAtN2(), new MemberReplacedEvent(ID, "chg-1", "n2", N3, replaced(N3))))
                    .when(new RetryRestartCommand(ID, "op-1"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"),
                            replaced(N3), 42, Set.of(), 2, "4.2", null, Procedures.enable(false),
                            Set.of("1/n1"), null, null, NODE_VALIDITY));
        }

        @Test
        void theDeadNodesDoneStepsLeaveWithIt() {
            // n2 was done in pass 1 before it died in pass 2: its replacement n3 starts from pass 1
            fixture.given(history(registered(), enabled("op-1"), passDone("op-1", 1, NODES),
                            stepDone("op-1", 2, "n1"), failed("op-1", 2, "n2"),
                            new MemberReplacedEvent(ID, "chg-1", "n2", N3, replaced(N3))))
                    .when(new RetryRestartCommand(ID, "op-1"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"),
                            replaced(N3), 42, Set.of(), 2, "4.2", null, Procedures.enable(false),
                            Set.of("1/n0", "1/n1", "2/n1"), null, null, NODE_VALIDITY));
        }

        @Test
        void afterTheRetryTheReplacementGetsACertificateAndTheDeadNodeNone() {
            Object[] retried = history(enableFailedAtN2(), new MemberReplacedEvent(ID, "chg-1", "n2", N3,
                    replaced(N3)), new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"),
                    replaced(N3), 42, Set.of(), 2, "4.2", null, Procedures.enable(false), Set.of("1/n1"), null,
                    null, NODE_VALIDITY));
            fixture.given(retried)
                    .when(new SignNodeCertificateCommand(ID, "op-1", "n3", "csr"))
                    .expectEvents(new NodeCertificateIssuedEvent(ID, "op-1", "n3", "serial-op-1", leaf("n3")));
            fixture.given(retried)
                    .when(new SignNodeCertificateCommand(ID, "op-1", "n2", "csr"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.CSR_NODE_UNKNOWN));
        }

        @Test
        void theRetriedOperationCompletesWhenTheReplacementIsDoneAndIgnoresTheDeadNode() {
            Object[] retried = history(enableFailedAtN2(), new MemberReplacedEvent(ID, "chg-1", "n2", N3,
                    replaced(N3)), new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"),
                    replaced(N3), 42, Set.of(), 2, "4.2", null, Procedures.enable(false), Set.of("1/n1"), null,
                    null, NODE_VALIDITY), stepDone("op-1", 1, "n3"), stepDone("op-1", 1, "n0"),
                    passDone("op-1", 2, replaced(N3)));
            fixture.given(retried)
                    .when(new RecordNodeRestartedCommand(ID, "op-1", "n2", 1, T, 1, OBSERVED))
                    .expectNoEvents();
            fixture.given(retried)
                    .when(new CompleteRestartCommand(ID, "op-1", 1000, T))
                    .expectEvents(new RestartCompletedEvent(ID, "op-1", OperationKind.ENABLE, 1000, T));
        }

        @Test
        void aNameThatLeftDuringTheFailedOperationIsNotReusedInIt() {
            fixture.given(history(enableFailedAtN2(), new MemberReplacedEvent(ID, "chg-1", "n2", N3, replaced(N3))))
                    .when(new AddMemberCommand(ID, "chg-2", new NodeSpec("n2", "10.0.0.9", 27017,
                            NodeRole.SECONDARY, List.of())))
                    .expectNoEvents()
                    .expectException(allOf(codeIs(ErrorCode.MEMBERSHIP_INVALID),
                            messageContains("left during the failed operation")));
        }

        @Test
        void withoutAnOperationTheNameIsFreeAgainLater() {
            fixture.given(registered(), new MemberReplacedEvent(ID, "chg-1", "n2", N3, replaced(N3)))
                    .when(new AddMemberCommand(ID, "chg-2", new NodeSpec("n2", "10.0.0.9", 27017,
                            NodeRole.SECONDARY, List.of())))
                    .expectSuccessfulHandlerExecution();
        }
    }

    // ---- collection count and engine version -----------------------------------------------------------------

    @Nested
    class CountAndEngine {

        @Test
        void theCollectionCountIsRecordedAndTheNextOperationCarriesIt() {
            fixture.given(registered())
                    .when(new UpdateCollectionCountCommand(ID, "chg-1", 25_000))
                    .expectEvents(new CollectionCountUpdatedEvent(ID, "chg-1", 42, 25_000));
            fixture.given(registered(), new CollectionCountUpdatedEvent(ID, "chg-1", 42, 25_000))
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectEvents(new SslEnabledEvent(ID, "op-1", ca("op-1"), NODES, 25_000, "4.2", false,
                            Procedures.enable(false), null, NODE_VALIDITY));
        }

        @Test
        void theRetryOfAFailedOperationCarriesTheLatestCount() {
            fixture.given(history(enableFailedAtN2(), new CollectionCountUpdatedEvent(ID, "chg-1", 42, 30_000)))
                    .when(new RetryRestartCommand(ID, "op-1"))
                    .expectEvents(new RestartRetriedEvent(ID, "op-1", OperationKind.ENABLE, ca("op-1"), NODES,
                            30_000, Set.of(), 2, "4.2", null, Procedures.enable(false), Set.of("1/n1"), null, null,
                            NODE_VALIDITY));
        }

        @Test
        void theSameCountOrARepeatRecordsNothing() {
            fixture.given(registered())
                    .when(new UpdateCollectionCountCommand(ID, "chg-1", 42))
                    .expectNoEvents()
                    .expectResultMessagePayload(0L);
            fixture.given(registered(), new CollectionCountUpdatedEvent(ID, "chg-1", 42, 100))
                    .when(new UpdateCollectionCountCommand(ID, "chg-1", 100))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void countAndEngineAreRefusedWhileAnOperationRuns() {
            fixture.given(registered(), enabled("op-1"))
                    .when(new UpdateCollectionCountCommand(ID, "chg-1", 7))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
            fixture.given(registered(), enabled("op-1"))
                    .when(new UpdateEngineVersionCommand(ID, "chg-1", "4.0"))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
        }

        @Test
        void theEngineVersionIsRecordedAndEligibilityFollowsIt() {
            fixture.given(new InstanceRegisteredEvent(ID, "3.2", Topology.REPLICA_SET, NODES, 42))
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectNoEvents()
                    .expectException(codeIs(ErrorCode.INSTANCE_NOT_ELIGIBLE));
            fixture.given(new InstanceRegisteredEvent(ID, "3.2", Topology.REPLICA_SET, NODES, 42),
                            new EngineVersionUpdatedEvent(ID, "chg-1", "3.2", "4.2"))
                    .when(new EnableSslCommand(ID, "op-1", false))
                    .expectEvents(enabled("op-1"));
            fixture.given(registered())
                    .when(new UpdateEngineVersionCommand(ID, "chg-1", "3.6"))
                    .expectEvents(new EngineVersionUpdatedEvent(ID, "chg-1", "4.2", "3.6"));
        }

        @Test
        void theSameEngineOrARepeatRecordsNothing() {
            fixture.given(registered())
                    .when(new UpdateEngineVersionCommand(ID, "chg-1", "4.2"))
                    .expectNoEvents();
            fixture.given(registered(), new EngineVersionUpdatedEvent(ID, "chg-1", "4.2", "4.0"))
                    .when(new UpdateEngineVersionCommand(ID, "chg-1", "4.0"))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }
    }

    // ---- the step timeout the worker reports -----------------------------------------------------------------

    @Test
    void theStepTimeoutTheWorkerReportsIsRecordedWithTheStart() {
        fixture.given(registered(), enabled("op-1"))
                .when(new RecordNodeRestartStartedCommand(ID, "op-1", "n1", T, 1, NodeRole.SECONDARY,
                        Duration.ofSeconds(330)))
                .expectEvents(new NodeRestartStartedEvent(ID, "op-1", "n1", 1, T, 1, NodeRole.SECONDARY,
                        Duration.ofSeconds(330)));
    }
}
