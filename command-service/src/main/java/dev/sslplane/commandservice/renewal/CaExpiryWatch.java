package dev.sslplane.commandservice.renewal;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.OperationClock;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.commandservice.scheduling.PollingLoop;
import dev.sslplane.commandservice.scheduling.SchedulingProperties;
import dev.sslplane.contracts.command.RecordCaExpiryStateCommand;
import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.contracts.model.ExpiryState;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every {@code sslplane.scheduling.poll-interval}, on every replica: for each instance with SSL on whose current CA
 * has reached RENEW_SOON or EXPIRED ({@link CaExpiryDecision}, by {@code sslplane.renewal.*}) and not been recorded
 * so, sends {@link RecordCaExpiryStateCommand} as {@value #ACTOR}; the aggregate records it once per serial and
 * state, which puts it on the audit trail. Whatever the renewal policy, and it never rotates the CA: it only asks
 * the operator to (the zero-outage rotation). A repeat before the candidates projection has seen the event, or from
 * a second replica, records nothing.
 */
@Component
class CaExpiryWatch extends PollingLoop {

    /** The actor recorded on the CA expiry events. */
    static final String ACTOR = "system:expiry";
    private static final Logger log = LoggerFactory.getLogger(CaExpiryWatch.class);

    private final RenewalCandidateStore store;
    private final CommandDispatcher dispatcher;
    private final OperationClock clock;
    private final ExpiryPolicy expiry;

    CaExpiryWatch(RenewalCandidateStore store, CommandDispatcher dispatcher, OperationClock clock,
                  SchedulingProperties scheduling, RenewalProperties renewal) {
        super("ca-expiry-watch", scheduling.pollInterval());
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.expiry = renewal.expiryPolicy();
    }

    @Override
    protected void look() {
        recordDueCaStates();
    }

    /** One look at the instances; package-private so a test can run it without waiting. */
    void recordDueCaStates() {
        Instant now = clock.now();
        store.forEachWithSslEnabled(candidate -> CaExpiryDecision.due(candidate, expiry, now)
                .ifPresent(state -> record(candidate, state)));
    }

    private void record(RenewalCandidate candidate, ExpiryState state) {
        try {
            dispatcher.dispatch(new RecordCaExpiryStateCommand(candidate.instanceId, candidate.caSerial, state),
                    ACTOR, null, "expiry");
            log.info("CA {} of {} is {} (expires {}): rotate it", candidate.caSerial, candidate.instanceId, state,
                    candidate.caNotAfter);
        } catch (DomainException e) {
            // another instance's trouble must not keep the rest from being looked at; the next poll tries again
            log.warn("Recording CA {} of {} as {} was refused ({}: {})", candidate.caSerial, candidate.instanceId,
                    state, e.code(), e.getMessage());
        }
    }
}
