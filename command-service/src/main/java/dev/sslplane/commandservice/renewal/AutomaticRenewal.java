package dev.sslplane.commandservice.renewal;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.OperationClock;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.commandservice.scheduling.PollingLoop;
import dev.sslplane.commandservice.scheduling.SchedulingProperties;
import dev.sslplane.contracts.command.RenewNodeCertificatesCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.contracts.model.Schedule;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every {@code sslplane.scheduling.poll-interval}, on every replica: for each instance whose policy renews in the
 * maintenance window and whose node certificates are due ({@link RenewalDecision}), sends {@link
 * RenewNodeCertificatesCommand} with schedule {@code MAINTENANCE_WINDOW} as {@value #ACTOR}. The scheduler then
 * starts it in the window like any scheduled operation. Repeats and replicas are harmless (same operation id); a
 * refusal (another operation, a rollback required, no window any more) is logged when it first occurs and tried
 * again at the next poll. Only node certificates: the CA is never rotated automatically.
 */
@Component
class AutomaticRenewal extends PollingLoop {

    /** The actor recorded on the events of renewals scheduled automatically. */
    static final String ACTOR = "system:renewal";
    private static final Logger log = LoggerFactory.getLogger(AutomaticRenewal.class);

    private final RenewalCandidateStore store;
    private final CommandDispatcher dispatcher;
    private final OperationClock clock;
    private final SchedulingProperties scheduling;
    private final ExpiryPolicy expiry;
    /** The last outcome per instance, so a refusal repeated every poll is logged once. */
    private final Map<String, String> lastOutcome = new ConcurrentHashMap<>();

    AutomaticRenewal(RenewalCandidateStore store, CommandDispatcher dispatcher, OperationClock clock,
                     SchedulingProperties scheduling, RenewalProperties renewal) {
        super("automatic-renewal", scheduling.pollInterval());
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.scheduling = scheduling;
        this.expiry = renewal.expiryPolicy();
    }

    @Override
    protected void look() {
        scheduleDueRenewals();
    }

    /** One look at the candidates; package-private so a test can run it without waiting. */
    void scheduleDueRenewals() {
        Instant now = clock.now();
        for (RenewalCandidate candidate : store.renewingInTheWindow(scheduling.batchSize())) {
            Optional<String> operationId = RenewalDecision.due(candidate, expiry, now);
            operationId.ifPresent(id -> schedule(candidate.instanceId, id));
        }
    }

    private void schedule(String instanceId, String operationId) {
        try {
            dispatcher.dispatch(new RenewNodeCertificatesCommand(instanceId, operationId,
                    Schedule.MAINTENANCE_WINDOW), ACTOR, null, "renewal");
            logOnce(instanceId, operationId, "scheduled", () -> log.info("Node certificates of {} are due: renewal"
                    + " {} scheduled for the maintenance window", instanceId, operationId));
        } catch (DomainException e) {
            ErrorCode code = e.code();
            logOnce(instanceId, operationId, code.name(), () -> log.warn("Node certificates of {} are due but"
                    + " renewal {} was refused ({}: {}); trying again at every poll", instanceId, operationId, code,
                    e.getMessage()));
        }
    }

    private void logOnce(String instanceId, String operationId, String outcome, Runnable logIt) {
        if (!(operationId + " " + outcome).equals(lastOutcome.put(instanceId, operationId + " " + outcome))) {
            logIt.run();
        }
    }
}
