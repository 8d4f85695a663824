package dev.sslplane.commandservice.command;

import static dev.sslplane.commandservice.command.AggregateEvents.ID;
import static dev.sslplane.commandservice.command.AggregateEvents.NODES;
import static dev.sslplane.commandservice.command.AggregateEvents.NODE_VALIDITY;
import static dev.sslplane.commandservice.command.AggregateEvents.OBSERVED;
import static dev.sslplane.commandservice.command.AggregateEvents.T;
import static dev.sslplane.commandservice.command.AggregateEvents.ca;
import static dev.sslplane.commandservice.command.AggregateEvents.codeIs;
import static dev.sslplane.commandservice.command.AggregateEvents.completed;
import static dev.sslplane.commandservice.command.AggregateEvents.detailsContain;
import static dev.sslplane.commandservice.command.AggregateEvents.enabledAndIdle;
import static dev.sslplane.commandservice.command.AggregateEvents.failed;
import static dev.sslplane.commandservice.command.AggregateEvents.history;
import static dev.sslplane.commandservice.command.AggregateEvents.leaf;
import static dev.sslplane.commandservice.command.AggregateEvents.registered;
import static dev.sslplane.commandservice.command.AggregateEvents.stepDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;

import dev.sslplane.commandservice.pki.PkiProperties;
import dev.sslplane.testsupport.ManualClock;
import dev.sslplane.contracts.command.CompleteRestartCommand;
import dev.sslplane.contracts.command.RecordNodeRestartedCommand;
import dev.sslplane.contracts.command.RenewNodeCertificatesCommand;
import dev.sslplane.contracts.command.ReplaceMemberCommand;
import dev.sslplane.contracts.command.RetryRestartCommand;
import dev.sslplane.contracts.command.StartScheduledOperationCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.event.MaintenanceWindowSetEvent;
import dev.sslplane.contracts.event.MemberRemovedEvent;
import dev.sslplane.contracts.event.MemberReplacedEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.messaging.SignedCertificate;
import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.Schedule;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.Procedures;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renewing the node certificates of some members only (issue 19 §5: a replaced member gets a certificate of the
 * current CA at once, through a single-node operation): the plan drives the named members, the member list stays
 * whole, and every refusal.
 */
class SslConfigurationMemberRenewalTest {

    private static final NodeSpec N3 = new NodeSpec("n3", "10.0.0.4", 27017, NodeRole.SECONDARY, List.of());
    private static final List<NodeSpec> N2_REPLACED = List.of(NODES.get(0), NODES.get(1), N3);

    private FixtureConfiguration<SslConfiguration> fixture;
    private final List<String> signed = new ArrayList<>();
    private final ManualClock clock = new ManualClock(T);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SslConfiguration.class);
        fixture.registerInjectableResource(new EligibilityPolicy(Set.of("3.4", "4.0", "4.2")));
        fixture.registerInjectableResource(PkiProperties.defaults().certificatePolicy());
        fixture.registerInjectableResource(new OperationClock(clock));
        fixture.registerInjectableResource((NodeCertificateSigner) (instanceId, operationId, node, csr, validity) -> {
            signed.add(node.name());
            return new IssuedNodeCertificate(new SignedCertificate("leaf:" + node.name(), "chain", "01", T),
                    leaf(node.name()), "serial-" + operationId);
        });
        fixture.registerInjectableResource((CaProvisioner) (instanceId, operationId, keyAlgorithm, validity) -> {
            throw new AssertionError("a renewal makes no CA");
        });
    }

    private static NodeCertificatesRenewingEvent renewing(String op, List<NodeSpec> nodes, List<String> targets) {
        return new NodeCertificatesRenewingEvent(ID, op, ca("op-1"), nodes, 42, "4.2",
                Procedures.renewNodeCertificates(TlsMode.PREFER), null, NODE_VALIDITY, targets);
    }

    private static RenewNodeCertificatesCommand renew(String op, String... members) {
        return new RenewNodeCertificatesCommand(ID, op, Schedule.NOW, List.of(members));
    }

    /** n2 was replaced by n3 after SSL was enabled: n3 has no certificate of the current CA yet. */
    private static Object[] n2Replaced() {
        return history(enabledAndIdle(false), new MemberReplacedEvent(ID, "chg-1", "n2", N3, N2_REPLACED));
    }

    @Test
    void renewingOneMemberPlansItsStepOnlyAndKeepsEveryMemberInTheEvent() {
        fixture.given(n2Replaced())
                .when(renew("op-2", "n3"))
                .expectEvents(renewing("op-2", N2_REPLACED, List.of("n3")));
    }

    @Test
    void theTargetsFollowTheMemberOrderAndNamingEveryMemberMeansAll() {
        fixture.given(enabledAndIdle(false))
                .when(renew("op-2", "n2", "n0"))
                .expectEvents(renewing("op-2", NODES, List.of("n0", "n2")));
        fixture.given(enabledAndIdle(false))
                .when(renew("op-2", "n2", "n1", "n0"))
                .expectEvents(renewing("op-2", NODES, null));
    }

    @Test
    void anUnknownMemberIsRefusedWithTheMembersInTheDetails() {
        fixture.given(n2Replaced())
                .when(renew("op-2", "n2"))
                .expectNoEvents()
                .expectException(detailsContain(ErrorCode.MEMBER_NOT_FOUND,
                        Map.of("memberName", "n2", "members", List.of("n0", "n1", "n3"))));
    }

    @Test
    void aMemberNamedTwiceIsRefused() {
        fixture.given(enabledAndIdle(false))
                .when(renew("op-2", "n1", "n1"))
                .expectNoEvents()
                .expectException(allOf(codeIs(ErrorCode.VALIDATION_FAILED),
                        AggregateEvents.messageContains("n1 more than once")));
    }

    @Test
    void cannotRenewAMemberWhileSslIsDisabledOrAnOperationRuns() {
        fixture.given(registered())
                .when(renew("op-1", "n1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.SSL_NOT_ENABLED));
        fixture.given(history(n2Replaced(), renewing("op-2", N2_REPLACED, List.of("n3"))))
                .when(renew("op-3", "n3"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
    }

    @Test
    void aRepeatedCommandAnswersTheSameAndRecordsNothing() {
        Object[] underWay = history(n2Replaced(), renewing("op-2", N2_REPLACED, List.of("n3")));
        fixture.given(underWay)
                .when(renew("op-2", "n3"))
                .expectNoEvents()
                .expectResultMessagePayload((long) underWay.length - 1);
    }

    @Test
    void onlyTheTargetsStepsCountAndTheOperationCompletesWithThem() {
        Object[] underWay = history(n2Replaced(), renewing("op-2", N2_REPLACED, List.of("n3")));
        fixture.given(underWay)
                .when(new RecordNodeRestartedCommand(ID, "op-2", "n0", 1, T, 1, OBSERVED))
                .expectNoEvents();
        fixture.given(underWay)
                .when(new CompleteRestartCommand(ID, "op-2", 1000, T))
                .expectNoEvents();
        fixture.given(history(underWay, stepDone("op-2", 1, "n3")))
                .when(new CompleteRestartCommand(ID, "op-2", 1000, T))
                .expectEvents(new RestartCompletedEvent(ID, "op-2", OperationKind.RENEW_NODE_CERTIFICATES, 1000, T));
    }

    @Test
    void onlyATargetGetsACertificateSigned() {
        Object[] underWay = history(n2Replaced(), renewing("op-2", N2_REPLACED, List.of("n3")));
        fixture.given(underWay)
                .when(new SignNodeCertificateCommand(ID, "op-2", "n3", "csr"))
                .expectEvents(new NodeCertificateIssuedEvent(ID, "op-2", "n3", "serial-op-1", leaf("n3")));
        fixture.given(underWay)
                .when(new SignNodeCertificateCommand(ID, "op-2", "n1", "csr"))
                .expectNoEvents()
                .expectException(allOf(codeIs(ErrorCode.CSR_NODE_UNKNOWN),
                        AggregateEvents.messageContains("does not renew the certificate of n1")));
        assertThat(signed).containsExactly("n3");
    }

    @Test
    void theMemberListIsWholeAfterTheRenewal() {
        // a later full renewal still drives every member: the single-node renewal did not shrink the list
        fixture.given(history(n2Replaced(), renewing("op-2", N2_REPLACED, List.of("n3")), stepDone("op-2", 1, "n3"),
                        completed("op-2", OperationKind.RENEW_NODE_CERTIFICATES)))
                .when(new RenewNodeCertificatesCommand(ID, "op-3"))
                .expectEvents(renewing("op-3", N2_REPLACED, null));
    }

    @Test
    void aFailedSingleNodeRenewalIsRetriedForItsTargetOnly() {
        fixture.given(history(n2Replaced(), renewing("op-2", N2_REPLACED, List.of("n3")),
                        failed("op-2", OperationKind.RENEW_NODE_CERTIFICATES, 1, "n3")))
                .when(new RetryRestartCommand(ID, "op-2"))
                .expectEvents(new RestartRetriedEvent(ID, "op-2", OperationKind.RENEW_NODE_CERTIFICATES, ca("op-1"),
                        N2_REPLACED, 42, Set.of(), 2, "4.2", null, Procedures.renewNodeCertificates(TlsMode.PREFER),
                        Set.of(), null, null, NODE_VALIDITY, List.of("n3")));
    }

    @Test
    void aTargetReplacedWhileTheRenewalFailedHandsItsPlaceToTheReplacement() {
        NodeSpec n4 = new NodeSpec("n4", "10.0.0.5", 27017, NodeRole.SECONDARY, List.of());
        List<NodeSpec> after = List.of(NODES.get(0), NODES.get(1), n4);
        fixture.given(history(n2Replaced(), renewing("op-2", N2_REPLACED, List.of("n3")),
                        failed("op-2", OperationKind.RENEW_NODE_CERTIFICATES, 1, "n3"),
                        new MemberReplacedEvent(ID, "chg-2", "n3", n4, after)))
                .when(new RetryRestartCommand(ID, "op-2"))
                .expectEvents(new RestartRetriedEvent(ID, "op-2", OperationKind.RENEW_NODE_CERTIFICATES, ca("op-1"),
                        after, 42, Set.of(), 2, "4.2", null, Procedures.renewNodeCertificates(TlsMode.PREFER),
                        Set.of(), null, null, NODE_VALIDITY, List.of("n4")));
    }

    @Test
    void aRenewalWhoseEveryTargetLeftIsNotRetriedButCanBeAborted() {
        List<NodeSpec> without = List.of(NODES.get(0), NODES.get(1));
        fixture.given(history(n2Replaced(), renewing("op-2", N2_REPLACED, List.of("n3")),
                        failed("op-2", OperationKind.RENEW_NODE_CERTIFICATES, 1, "n3"),
                        new MemberRemovedEvent(ID, "chg-2", "n3", without)))
                .when(new RetryRestartCommand(ID, "op-2"))
                .expectNoEvents()
                .expectException(allOf(codeIs(ErrorCode.OPERATION_NOT_RETRYABLE),
                        AggregateEvents.messageContains("no member left to renew")));
    }

    @Test
    void aScheduledSingleNodeRenewalKeepsItsMembersUntilItStarts() {
        var window = new MaintenanceWindow(DayOfWeek.SATURDAY, LocalTime.of(2, 0), Duration.ofHours(4));
        Instant opens = Instant.parse("2026-12-05T02:00:00Z");
        Instant closes = Instant.parse("2026-12-05T06:00:00Z");
        Object[] withWindow = history(n2Replaced(), new MaintenanceWindowSetEvent(ID, window));
        OperationScheduledEvent scheduled = new OperationScheduledEvent(ID, "op-2",
                OperationKind.RENEW_NODE_CERTIFICATES, null, null, null, null, null, opens, closes, List.of("n3"));
        fixture.given(withWindow)
                .when(new RenewNodeCertificatesCommand(ID, "op-2", Schedule.MAINTENANCE_WINDOW, List.of("n3")))
                .expectEvents(scheduled);
        fixture.given(history(withWindow, scheduled))
                .when(new ReplaceMemberCommand(ID, "chg-2", "n3", new NodeSpec("n4", "10.0.0.5", 27017,
                        NodeRole.SECONDARY, List.of())))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
        clock.set(opens.plusSeconds(60));
        fixture.given(history(withWindow, scheduled))
                .when(new StartScheduledOperationCommand(ID, "op-2"))
                .expectEvents(renewing("op-2", N2_REPLACED, List.of("n3")));
    }
}
