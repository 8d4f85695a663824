package dev.sslplane.commandservice.command;

import static dev.sslplane.commandservice.command.AggregateEvents.ID;
import static dev.sslplane.commandservice.command.AggregateEvents.NODES;
import static dev.sslplane.commandservice.command.AggregateEvents.codeIs;
import static dev.sslplane.commandservice.command.AggregateEvents.enabled;
import static dev.sslplane.commandservice.command.AggregateEvents.registered;

import dev.sslplane.contracts.command.SetRenewalPolicyCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.MaintenanceWindowSetEvent;
import dev.sslplane.contracts.event.RenewalPolicySetEvent;
import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.RenewalPolicy;
import dev.sslplane.contracts.model.Topology;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The automatic-renewal policy of {@link SslConfiguration}: its one rule and its repeats. */
class SslConfigurationRenewalPolicyTest {

    private static final MaintenanceWindow WINDOW =
            new MaintenanceWindow(DayOfWeek.SATURDAY, LocalTime.of(2, 0), Duration.ofHours(4));

    private FixtureConfiguration<SslConfiguration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SslConfiguration.class);
    }

    private static InstanceRegisteredEvent registeredWithWindow() {
        return new InstanceRegisteredEvent(ID, "4.2", Topology.REPLICA_SET, NODES, 42, null, WINDOW);
    }

    @Test
    void renewingInTheWindowIsRecorded() {
        fixture.given(registeredWithWindow())
                .when(new SetRenewalPolicyCommand(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RenewalPolicySetEvent(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW));
    }

    @Test
    void aWindowSetAfterRegistrationCounts() {
        fixture.given(registered(), new MaintenanceWindowSetEvent(ID, WINDOW))
                .when(new SetRenewalPolicyCommand(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW))
                .expectEvents(new RenewalPolicySetEvent(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW));
    }

    @Test
    void cannotRenewInTheWindowWithoutOne() {
        fixture.given(registered(), enabled("op-1"))
                .when(new SetRenewalPolicyCommand(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.MAINTENANCE_WINDOW_NOT_SET));
    }

    @Test
    void thePolicyInForceAgainRecordsNothing() {
        fixture.given(registeredWithWindow(), new RenewalPolicySetEvent(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW))
                .when(new SetRenewalPolicyCommand(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void offIsTheDefaultSoTurningItOffFirstRecordsNothing() {
        fixture.given(registered())
                .when(new SetRenewalPolicyCommand(ID, RenewalPolicy.OFF))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void turningItOffIsRecorded() {
        fixture.given(registeredWithWindow(), new RenewalPolicySetEvent(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW))
                .when(new SetRenewalPolicyCommand(ID, RenewalPolicy.OFF))
                .expectEvents(new RenewalPolicySetEvent(ID, RenewalPolicy.OFF));
    }

    /** The policy is not an operation: it may change while one runs, and the next poll reads it. */
    @Test
    void thePolicyMayChangeWhileAnOperationRuns() {
        fixture.given(registeredWithWindow(), enabled("op-1"))
                .when(new SetRenewalPolicyCommand(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW))
                .expectEvents(new RenewalPolicySetEvent(ID, RenewalPolicy.IN_MAINTENANCE_WINDOW));
    }
}
