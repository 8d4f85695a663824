package dev.sslplane.commandservice.scheduling;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.OperationClock;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.contracts.command.StartScheduledOperationCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every {@code sslplane.scheduling.poll-interval}, sends a {@link StartScheduledOperationCommand} for each operation
 * on the due list. Every replica does: the aggregate starts an operation once and ignores the rest (a deferred or
 * already started one is left alone), so no leader election is needed. An operation the aggregate found not yet due
 * or deferred stays on (or moves along) the list through its events.
 */
@Component
class ScheduledOperationStarter extends PollingLoop {

    /** The actor recorded on the events of operations the scheduler starts. */
    static final String ACTOR = "system:scheduler";
    private static final Logger log = LoggerFactory.getLogger(ScheduledOperationStarter.class);

    private final ScheduledOperationStore store;
    private final CommandDispatcher dispatcher;
    private final OperationClock clock;
    private final SchedulingProperties properties;

    ScheduledOperationStarter(ScheduledOperationStore store, CommandDispatcher dispatcher, OperationClock clock,
                              SchedulingProperties properties) {
        super("scheduled-operation-starter", properties.pollInterval());
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    protected void look() {
        startDueOperations();
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
}
