package dev.sslplane.commandservice.command;

import static dev.sslplane.commandservice.command.AggregateEvents.codeIs;
import static dev.sslplane.commandservice.command.AggregateEvents.detailsContain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sslplane.commandservice.pki.PkiProperties;
import dev.sslplane.contracts.command.CancelScheduledOperationCommand;
import dev.sslplane.contracts.command.DisableSslCommand;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.RegisterInstanceCommand;
import dev.sslplane.contracts.command.RenewNodeCertificatesCommand;
import dev.sslplane.contracts.command.RetryRestartCommand;
import dev.sslplane.contracts.command.RotateCertificateCommand;
import dev.sslplane.contracts.command.SetMaintenanceWindowCommand;
import dev.sslplane.contracts.command.SetTlsEnforcementCommand;
import dev.sslplane.contracts.command.StartScheduledOperationCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.MaintenanceWindowSetEvent;
import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.ScheduledOperationCancelledEvent;
import dev.sslplane.contracts.event.ScheduledOperationDeferredEvent;
import dev.sslplane.contracts.event.ScheduledOperationRefusedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.Schedule;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.testsupport.ManualClock;
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
 * The maintenance window and scheduled operations of {@link SslConfiguration}: every rule and refusal, with the
 * aggregate's clock set by each test (no test waits for a window).
 */
class SslConfigurationSchedulingTest {

    private static final String ID = "rs-1";
    /** A Saturday, 10:00 UTC: after this week's window (Saturday 02:00 for 4 h), so the next opens a week later. */
    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    private static final MaintenanceWindow WINDOW =
            new MaintenanceWindow(DayOfWeek.SATURDAY, LocalTime.of(2, 0), Duration.ofHours(4));
    private static final Instant OPENS = Instant.parse("2026-12-05T02:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-12-05T06:00:00Z");
    private static final List<NodeSpec> NODES = List.of(
            new NodeSpec("n0", "10.0.0.1", 27017, NodeRole.PRIMARY, List.of()),
            new NodeSpec("n1", "10.0.0.2", 27017, NodeRole.SECONDARY, List.of()));
    private static final Duration NODE_VALIDITY = Duration.ofDays(397);
    /** An Enable scheduled with a CA lifetime the deployment's bounds no longer allow when its window opens. */
    private static final OperationScheduledEvent OUT_OF_BOUNDS = new OperationScheduledEvent(ID, "op-1",
            OperationKind.ENABLE, false, null, null, Duration.ofDays(100_000), null, OPENS, CLOSES);

    private FixtureConfiguration<SslConfiguration> fixture;
    private final ManualClock clock = new ManualClock(T);
    private final List<String> provisioned = new ArrayList<>();
    private RuntimeException caFailure;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SslConfiguration.class);
        fixture.registerInjectableResource(new EligibilityPolicy(Set.of("3.4", "4.0", "4.2")));
        fixture.registerInjectableResource(PkiProperties.defaults().certificatePolicy());
        fixture.registerInjectableResource(new OperationClock(clock));
        fixture.registerInjectableResource((NodeCertificateSigner) (instanceId, operationId, node, csr, validity) -> {
            throw new AssertionError("no node certificate is signed here");
        });
        fixture.registerInjectableResource((CaProvisioner) (instanceId, operationId, keyAlgorithm, validity) -> {
            if (caFailure != null) {
                throw caFailure;
            }
            provisioned.add(operationId);
            return ca(operationId);
        });
    }

    // ---- events --------------------------------------------------------------------------------------------

    private static CertificateInfo ca(String operationId) {
        return new CertificateInfo("serial-" + operationId, "FP:" + operationId, "CN=ca " + operationId, T,
                T.plusSeconds(3600), "EC-P256", "-----BEGIN CERTIFICATE-----\n" + operationId + "\n");
    }

    private static InstanceRegisteredEvent registered(MaintenanceWindow window) {
        return new InstanceRegisteredEvent(ID, "4.2", Topology.REPLICA_SET, NODES, 42, null, window);
    }

    private static SslEnabledEvent enabled(String op) {
        return new SslEnabledEvent(ID, op, ca(op), NODES, 42, "4.2", false, Procedures.enable(false), null,
                NODE_VALIDITY);
    }

    /** Registered with the window, SSL enabled (preferTLS) by op-1 and idle. */
    private static Object[] enabledAndIdle() {
        var events = new ArrayList<Object>(List.of(registered(WINDOW), enabled("op-1")));
        for (int pass = 1; pass <= Procedures.enable(false).size(); pass++) {
            for (NodeSpec node : NODES) {
                events.add(new NodeRestartedEvent(ID, "op-1", node.name(), 1, T, pass, null));
            }
        }
        events.add(new RestartCompletedEvent(ID, "op-1", OperationKind.ENABLE, 1000, T));
        return events.toArray();
    }

    private static OperationScheduledEvent scheduled(String op, OperationKind kind, Boolean requireTls,
                                                     Boolean holdOldCa) {
        return new OperationScheduledEvent(ID, op, kind, requireTls, holdOldCa, null, null, null, OPENS, CLOSES);
    }

    private static OperationScheduledEvent enableScheduled(String op) {
        return scheduled(op, OperationKind.ENABLE, false, null);
    }

    private static Object[] with(Object[] history, Object... more) {
        var all = new ArrayList<>(List.of(history));
        all.addAll(List.of(more));
        return all.toArray();
    }

    // ---- setting the window ----------------------------------------------------------------------------------

    @Test
    void aRegistrationRecordsItsMaintenanceWindow() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstanceCommand(ID, "4.2", Topology.REPLICA_SET, NODES, 42, null, WINDOW))
                .expectEvents(registered(WINDOW));
    }

    @Test
    void setsAndReplacesTheWindow() {
        var other = new MaintenanceWindow(DayOfWeek.SUNDAY, LocalTime.of(23, 0), Duration.ofHours(2));
        fixture.given(registered(WINDOW))
                .when(new SetMaintenanceWindowCommand(ID, other))
                .expectEvents(new MaintenanceWindowSetEvent(ID, other));
    }

    @Test
    void settingTheSameWindowAgainChangesNothing() {
        fixture.given(registered(null), new MaintenanceWindowSetEvent(ID, WINDOW))
                .when(new SetMaintenanceWindowCommand(ID, WINDOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- scheduling ------------------------------------------------------------------------------------------

    @Test
    void anEnableInTheWindowIsScheduledForTheNextOpeningAndProvisionsNoCa() {
        var options = new CertificateOptions("EC-P384", null, Duration.ofDays(90));
        fixture.given(registered(WINDOW))
                .when(new EnableSslCommand(ID, "op-1", true, options, Schedule.MAINTENANCE_WINDOW))
                .expectEvents(new OperationScheduledEvent(ID, "op-1", OperationKind.ENABLE, true, null, "EC-P384",
                        null, Duration.ofDays(90), OPENS, CLOSES))
                .expectResultMessagePayload(1L);
        assertThat(provisioned).isEmpty();
    }

    @Test
    void scheduledInsideAnOpenWindowItIsDueAtOnce() {
        clock.set(Instant.parse("2026-12-05T03:00:00Z"));
        fixture.given(registered(WINDOW))
                .when(new EnableSslCommand(ID, "op-1", false, null, Schedule.MAINTENANCE_WINDOW))
                .expectEvents(new OperationScheduledEvent(ID, "op-1", OperationKind.ENABLE, false, null, null, null,
                        null, OPENS, CLOSES));
    }

    @Test
    void everyOperationCommandCanBeScheduled() {
        fixture.given(enabledAndIdle())
                .when(new RotateCertificateCommand(ID, "op-2", true, null, Schedule.MAINTENANCE_WINDOW))
                .expectEvents(scheduled("op-2", OperationKind.ROTATE, null, true));
        setUp();
        fixture.given(enabledAndIdle())
                .when(new DisableSslCommand(ID, "op-2", Schedule.MAINTENANCE_WINDOW))
                .expectEvents(scheduled("op-2", OperationKind.DISABLE, null, null));
        setUp();
        fixture.given(enabledAndIdle())
                .when(new RenewNodeCertificatesCommand(ID, "op-2", Schedule.MAINTENANCE_WINDOW))
                .expectEvents(scheduled("op-2", OperationKind.RENEW_NODE_CERTIFICATES, null, null));
        setUp();
        fixture.given(enabledAndIdle())
                .when(new SetTlsEnforcementCommand(ID, "op-2", true, Schedule.MAINTENANCE_WINDOW))
                .expectEvents(scheduled("op-2", OperationKind.ENFORCE_TLS, true, null));
    }

    @Test
    void withoutAWindowSchedulingIsRefused() {
        fixture.given(registered(null))
                .when(new EnableSslCommand(ID, "op-1", false, null, Schedule.MAINTENANCE_WINDOW))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.MAINTENANCE_WINDOW_NOT_SET));
    }

    @Test
    void aScheduledCommandIsCheckedAsIfItRanNow() {
        fixture.given(enabledAndIdle())
                .when(new EnableSslCommand(ID, "op-2", false, null, Schedule.MAINTENANCE_WINDOW))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.SSL_ALREADY_ENABLED));
        setUp();
        fixture.given(registered(WINDOW))
                .when(new DisableSslCommand(ID, "op-1", Schedule.MAINTENANCE_WINDOW))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.SSL_NOT_ENABLED));
        setUp();
        fixture.given(new InstanceRegisteredEvent(ID, "5.0", Topology.REPLICA_SET, NODES, 42, null, WINDOW))
                .when(new EnableSslCommand(ID, "op-1", false, null, Schedule.MAINTENANCE_WINDOW))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.INSTANCE_NOT_ELIGIBLE));
        setUp();
        fixture.given(enabledAndIdle())
                .when(new SetTlsEnforcementCommand(ID, "op-2", false, Schedule.MAINTENANCE_WINDOW))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.TLS_ENFORCEMENT_UNCHANGED));
    }

    @Test
    void certificateOptionsOutOfBoundsAreRefusedWhenScheduledNotWhenTheWindowOpens() {
        fixture.given(registered(WINDOW))
                .when(new EnableSslCommand(ID, "op-1", false, new CertificateOptions(null, Duration.ofDays(1), null),
                        Schedule.MAINTENANCE_WINDOW))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void aRepeatOfTheSchedulingCommandChangesNothing() {
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new EnableSslCommand(ID, "op-1", false, null, Schedule.MAINTENANCE_WINDOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- one operation at a time ---------------------------------------------------------------------------

    /** Negative control: without the scheduled operation counted, this enable of op-2 would be accepted. */
    @Test
    void aScheduledOperationHoldsTheInstanceLikeARunningOne() {
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new EnableSslCommand(ID, "op-2", false))
                .expectNoEvents()
                .expectException(detailsContain(ErrorCode.OPERATION_IN_PROGRESS, Map.of("operationId", "op-1",
                        "kind", "ENABLE", "state", "SCHEDULED", "startsAt", OPENS.toString())));
    }

    @Test
    void aSecondOperationCannotBeScheduledEither() {
        fixture.given(with(enabledAndIdle(), scheduled("op-2", OperationKind.DISABLE, null, null)))
                .when(new RotateCertificateCommand(ID, "op-3", false, null, Schedule.MAINTENANCE_WINDOW))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_IN_PROGRESS));
    }

    @Test
    void aScheduledOperationIsNotARunningOneForRetry() {
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new RetryRestartCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_NOT_FOUND));
    }

    // ---- starting ----------------------------------------------------------------------------------------------

    @Test
    void insideItsWindowItStartsWithTheEventsOfTheCommandAndItsCaIsProvisionedThen() {
        clock.set(OPENS.plusSeconds(30));
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectEvents(enabled("op-1"));
        assertThat(provisioned).containsExactly("op-1");
    }

    @Test
    void everyKindStartsAsItsCommandWould() {
        clock.set(OPENS);
        fixture.given(with(enabledAndIdle(), scheduled("op-2", OperationKind.ROTATE, null, true)))
                .when(new StartScheduledOperationCommand(ID, "op-2"))
                .expectEvents(new CertificateRotatedEvent(ID, "op-2", ca("op-2"), "serial-op-1", NODES, 42, "4.2",
                        ca("op-1"), true, Procedures.rotate(TlsMode.PREFER), null, NODE_VALIDITY));
        setUp();
        fixture.given(with(enabledAndIdle(), scheduled("op-2", OperationKind.DISABLE, null, null)))
                .when(new StartScheduledOperationCommand(ID, "op-2"))
                .expectEvents(new SslDisabledEvent(ID, "op-2", "serial-op-1", NODES, 42, "4.2", ca("op-1"),
                        Procedures.disable(TlsMode.PREFER), null));
        setUp();
        fixture.given(with(enabledAndIdle(), scheduled("op-2", OperationKind.RENEW_NODE_CERTIFICATES, null, null)))
                .when(new StartScheduledOperationCommand(ID, "op-2"))
                .expectEvents(new NodeCertificatesRenewingEvent(ID, "op-2", ca("op-1"), NODES, 42, "4.2",
                        Procedures.renewNodeCertificates(TlsMode.PREFER), null, NODE_VALIDITY));
        setUp();
        fixture.given(with(enabledAndIdle(), scheduled("op-2", OperationKind.ENFORCE_TLS, true, null)))
                .when(new StartScheduledOperationCommand(ID, "op-2"))
                .expectEvents(new TlsEnforcementChangedEvent(ID, "op-2", true, ca("op-1"), NODES, 42, "4.2",
                        Procedures.enforce(), null));
    }

    @Test
    void aStartRefusedForGoodEndsTheOperationWithTheRefusalInsteadOfBeingTriedAtEveryPoll() {
        clock.set(OPENS);
        DomainException refusal = catchThrowableOfType(DomainException.class,
                () -> PkiProperties.defaults().certificatePolicy().choose(OUT_OF_BOUNDS.certificateOptions()));
        fixture.given(registered(WINDOW), OUT_OF_BOUNDS)
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectEvents(new ScheduledOperationRefusedEvent(ID, "op-1", OperationKind.ENABLE,
                        "VALIDATION_FAILED", refusal.getMessage()));
        assertThat(refusal.getMessage()).contains("caValidity");
        assertThat(provisioned).isEmpty();
    }

    @Test
    void aRefusedOperationIsOverAndTheInstanceTakesTheNextOne() {
        var refused = new ScheduledOperationRefusedEvent(ID, "op-1", OperationKind.ENABLE, "VALIDATION_FAILED",
                "request is invalid");
        fixture.given(registered(WINDOW), OUT_OF_BOUNDS, refused)
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        setUp();
        fixture.given(registered(WINDOW), OUT_OF_BOUNDS, refused)
                .when(new CancelScheduledOperationCommand(ID, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        setUp();
        fixture.given(registered(WINDOW), OUT_OF_BOUNDS, refused)
                .when(new EnableSslCommand(ID, "op-2", false, null, Schedule.NOW))
                .expectEvents(enabled("op-2"));
    }

    @Test
    void aFailureThatMayPassLeavesTheOperationScheduledForTheNextPoll() {
        clock.set(OPENS);
        caFailure = new IllegalStateException("vault unreachable");
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(IllegalStateException.class);
        caFailure = null;
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectEvents(enabled("op-1"));
    }

    @Test
    void beforeItsWindowOpensAStartDoesNothing() {
        clock.set(OPENS.minusSeconds(1));
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(provisioned).isEmpty();
    }

    @Test
    void afterItsWindowClosedItIsDeferredToTheNextOpeningNotStartedLate() {
        clock.set(CLOSES);
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectEvents(new ScheduledOperationDeferredEvent(ID, "op-1", OperationKind.ENABLE, CLOSES,
                        OPENS.plus(Duration.ofDays(7)), CLOSES.plus(Duration.ofDays(7))));
        assertThat(provisioned).isEmpty();
    }

    @Test
    void aDeferredOperationStartsInItsNextWindow() {
        Instant nextOpening = OPENS.plus(Duration.ofDays(7));
        clock.set(nextOpening.plusSeconds(5));
        fixture.given(registered(WINDOW), enableScheduled("op-1"), new ScheduledOperationDeferredEvent(ID, "op-1",
                        OperationKind.ENABLE, CLOSES, nextOpening, CLOSES.plus(Duration.ofDays(7))))
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectEvents(enabled("op-1"));
    }

    @Test
    void aDeferralFollowsTheWindowSetSinceItWasScheduled() {
        var sunday = new MaintenanceWindow(DayOfWeek.SUNDAY, LocalTime.of(1, 0), Duration.ofHours(1));
        clock.set(CLOSES.plusSeconds(60));
        fixture.given(registered(WINDOW), enableScheduled("op-1"), new MaintenanceWindowSetEvent(ID, sunday))
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectEvents(new ScheduledOperationDeferredEvent(ID, "op-1", OperationKind.ENABLE, CLOSES,
                        Instant.parse("2026-12-06T01:00:00Z"), Instant.parse("2026-12-06T02:00:00Z")));
    }

    @Test
    void aSecondStartFromAnotherReplicaChangesNothing() {
        clock.set(OPENS);
        fixture.given(registered(WINDOW), enableScheduled("op-1"), enabled("op-1"))
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(provisioned).isEmpty();
    }

    @Test
    void aStartForAnUnknownOperationChangesNothing() {
        clock.set(OPENS);
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new StartScheduledOperationCommand(ID, "op-9"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- cancelling ----------------------------------------------------------------------------------------------

    @Test
    void cancelsAScheduledOperation() {
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new CancelScheduledOperationCommand(ID, "op-1"))
                .expectEvents(new ScheduledOperationCancelledEvent(ID, "op-1", OperationKind.ENABLE));
    }

    @Test
    void aRepeatedCancelChangesNothing() {
        fixture.given(registered(WINDOW), enableScheduled("op-1"),
                        new ScheduledOperationCancelledEvent(ID, "op-1", OperationKind.ENABLE))
                .when(new CancelScheduledOperationCommand(ID, "op-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCancelledOperationNeitherStartsNorHoldsTheInstance() {
        clock.set(OPENS);
        Object[] cancelled = {registered(WINDOW), enableScheduled("op-1"),
                new ScheduledOperationCancelledEvent(ID, "op-1", OperationKind.ENABLE)};
        fixture.given(cancelled)
                .when(new StartScheduledOperationCommand(ID, "op-1"))
                .expectNoEvents();
        setUp();
        clock.set(OPENS);
        fixture.given(cancelled)
                .when(new EnableSslCommand(ID, "op-2", false))
                .expectEvents(enabled("op-2"));
    }

    @Test
    void aRedeliveredSchedulingCommandDoesNotBringACancelledOperationBack() {
        fixture.given(registered(WINDOW), enableScheduled("op-1"),
                        new ScheduledOperationCancelledEvent(ID, "op-1", OperationKind.ENABLE))
                .when(new EnableSslCommand(ID, "op-1", false, null, Schedule.MAINTENANCE_WINDOW))
                .expectNoEvents();
    }

    @Test
    void anOperationThatStartedCannotBeCancelled() {
        fixture.given(registered(WINDOW), enableScheduled("op-1"), enabled("op-1"))
                .when(new CancelScheduledOperationCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_NOT_SCHEDULED));
        setUp();
        fixture.given(enabledAndIdle())
                .when(new CancelScheduledOperationCommand(ID, "op-1"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_NOT_SCHEDULED));
    }

    @Test
    void cancellingAnUnknownOperationIsRefused() {
        fixture.given(registered(WINDOW), enableScheduled("op-1"))
                .when(new CancelScheduledOperationCommand(ID, "op-9"))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.OPERATION_NOT_FOUND));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------
}
