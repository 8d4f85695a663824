package dev.sslplane.commandservice.renewal;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.OperationClock;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.commandservice.scheduling.SchedulingProperties;
import dev.sslplane.contracts.command.RenewNodeCertificatesCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.contracts.model.Schedule;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
class AutomaticRenewal implements SmartLifecycle {

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
    private ScheduledExecutorService executor;

    AutomaticRenewal(RenewalCandidateStore store, CommandDispatcher dispatcher, OperationClock clock,
                     SchedulingProperties scheduling, RenewalProperties renewal) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.scheduling = scheduling;
        this.expiry = renewal.expiryPolicy();
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

    private void runSafely() {
        try {
            scheduleDueRenewals();
        } catch (RuntimeException e) {
            // the store or the event store is away for a moment: the next look tries again
            log.warn("Looking for node certificates due for renewal failed; trying again in {}",
                    scheduling.pollInterval(), e);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "automatic-renewal");
            thread.setDaemon(true);
            return thread;
        });
        long interval = scheduling.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::runSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
