package dev.sslplane.commandservice.command;

import static dev.sslplane.commandservice.command.AggregateEvents.ID;
import static dev.sslplane.commandservice.command.AggregateEvents.T;
import static dev.sslplane.commandservice.command.AggregateEvents.ca;
import static dev.sslplane.commandservice.command.AggregateEvents.disabled;
import static dev.sslplane.commandservice.command.AggregateEvents.enabled;
import static dev.sslplane.commandservice.command.AggregateEvents.registered;
import static dev.sslplane.commandservice.command.AggregateEvents.rotated;

import dev.sslplane.contracts.command.RecordCaExpiryStateCommand;
import dev.sslplane.contracts.event.CaExpiryStateReachedEvent;
import dev.sslplane.contracts.model.ExpiryState;
import dev.sslplane.contracts.model.TlsMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CA expiry warnings of {@link SslConfiguration}: each state recorded once per CA serial, never for a CA that is
 * no longer current or with SSL disabled, and never an operation started.
 */
class SslConfigurationCaExpiryTest {

    private static final Instant NOW = T.plusSeconds(3000);

    private FixtureConfiguration<SslConfiguration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SslConfiguration.class);
        fixture.registerInjectableResource(new OperationClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static CaExpiryStateReachedEvent reached(String caOperation, ExpiryState state) {
        return new CaExpiryStateReachedEvent(ID, ca(caOperation).serial(), ca(caOperation).notAfter(), state, NOW);
    }

    private static RecordCaExpiryStateCommand record(String caOperation, ExpiryState state) {
        return new RecordCaExpiryStateCommand(ID, ca(caOperation).serial(), state);
    }

    @Test
    void theCurrentCaReachingRenewSoonIsRecordedWithItsEndAndNothingElse() {
        fixture.given(registered(), enabled("op-1"))
                .when(record("op-1", ExpiryState.RENEW_SOON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(reached("op-1", ExpiryState.RENEW_SOON));
    }

    @Test
    void aRepeatRecordsNothing() {
        fixture.given(registered(), enabled("op-1"), reached("op-1", ExpiryState.RENEW_SOON))
                .when(record("op-1", ExpiryState.RENEW_SOON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void expiredAfterRenewSoonIsRecordedButRenewSoonAfterExpiredIsNot() {
        fixture.given(registered(), enabled("op-1"), reached("op-1", ExpiryState.RENEW_SOON))
                .when(record("op-1", ExpiryState.EXPIRED))
                .expectEvents(reached("op-1", ExpiryState.EXPIRED));
        fixture.given(registered(), enabled("op-1"), reached("op-1", ExpiryState.EXPIRED))
                .when(record("op-1", ExpiryState.RENEW_SOON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCaNoLongerCurrentIsIgnored() {
        // the watch judged op-1's CA; a rotation replaced it before the command arrived
        fixture.given(registered(), enabled("op-1"), rotated("op-2", "op-1", TlsMode.PREFER, false))
                .when(record("op-1", ExpiryState.RENEW_SOON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theNewCaAfterARotationIsWarnedAboutOnItsOwn() {
        fixture.given(registered(), enabled("op-1"), reached("op-1", ExpiryState.RENEW_SOON),
                        rotated("op-2", "op-1", TlsMode.PREFER, false))
                .when(record("op-2", ExpiryState.RENEW_SOON))
                .expectEvents(reached("op-2", ExpiryState.RENEW_SOON));
    }

    @Test
    void sslDisabledIsIgnored() {
        fixture.given(registered())
                .when(record("op-1", ExpiryState.EXPIRED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), enabled("op-1"), disabled("op-2", "op-1", TlsMode.PREFER))
                .when(record("op-1", ExpiryState.EXPIRED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void okIsNoStateToRecord() {
        fixture.given(registered(), enabled("op-1"))
                .when(record("op-1", ExpiryState.OK))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }
}
