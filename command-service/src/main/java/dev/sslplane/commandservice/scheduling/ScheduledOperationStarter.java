package dev.sslplane.commandservice.scheduling;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.OperationClock;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.contracts.command.StartScheduledOperationCommand;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code sslplane.scheduling.poll-interval}, sends a {@link StartScheduledOperationCommand} for each operation
 * on the due list. Every replica does: the aggregate starts an operation once and ignores the rest (a deferred or
 * already started one is left alone), so no leader election is needed. An operation the aggregate found not yet due
 * or deferred stays on (or moves along) the list through its events.
 */
@Component
class ScheduledOperationStarter implements SmartLifecycle {

    /** The actor recorded on the events of operations the scheduler starts. */
    static final String ACTOR = "system:scheduler";
    private static final Logger log = LoggerFactory.getLogger(ScheduledOperationStarter.class);

    private final ScheduledOperationStore store;
    private final CommandDispatcher dispatcher;
    private final OperationClock clock;
    private final SchedulingProperties properties;
    private ScheduledExecutorService executor;

    ScheduledOperationStarter(ScheduledOperationStore store, CommandDispatcher dispatcher, OperationClock clock,
                              SchedulingProperties properties) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.properties = properties;
    }

    /** One look at the due list; package-private so a test can run it without waiting. */
    void startDueOperations() {
        for (DueOperation due : store.due(clock.now(), properties.batchSize())) {
            try {
                dispatcher.dispatch(new StartScheduledOperationCommand(due.instanceId(), due.operationId()), ACTOR,
                        null, "scheduler");
            } catch (DomainException e) {
                log.warn("Scheduled operation {} of {} not started: {} {}", due.operationId(), due.instanceId(),
                        e.code(), e.getMessage());
            }
        }
    }

    private void runSafely() {
        try {
            startDueOperations();
        } catch (RuntimeException e) {
            // the store or the event store is away for a moment: the next look tries again
            log.warn("Looking for due scheduled operations failed; trying again in {}", properties.pollInterval(), e);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scheduled-operation-starter");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
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
