package dev.sslplane.commandservice.intake;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.config.EventStoreConfiguration;
import dev.sslplane.contracts.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way commands enter the aggregate, for REST and Kafka alike: it attaches the actor and command id as
 * metadata (copied onto the resulting events), turns framework refusals into {@link DomainException}s with
 * stable codes, counts outcomes, and settles races between replicas.
 *
 * <p>Two replicas deciding on the same aggregate at once both pass their checks; the event store's unique
 * (aggregate, sequence) index rejects the second append. That command is sent once more: it is decided again on
 * the fresh state and normally answered with the domain refusal (for example {@code OPERATION_IN_PROGRESS}).
 */
@Component
public class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandGateway gateway;
    private final MeterRegistry meters;

    public CommandDispatcher(CommandGateway gateway, MeterRegistry meters) {
        this.gateway = gateway;
        this.meters = meters;
    }

    /**
     * Sends {@code command} and waits for the aggregate's decision.
     *
     * @param channel   where the command came from ({@code rest}, {@code kafka}, {@code progress}), for metrics
     * @return the handler's result (most handlers return nothing)
     * @throws DomainException when the command is refused, with its stable code
     */
    public <R> R dispatch(Object command, String actor, String commandId, String channel) {
        var metaData = new HashMap<String, Object>();
        metaData.put(EventStoreConfiguration.ACTOR, actor);
        if (commandId != null) {
            metaData.put(EventStoreConfiguration.COMMAND_ID, commandId);
        }
        String type = command.getClass().getSimpleName();
        try {
            R result = sendOnceMoreOnConflict(command, MetaData.from(metaData));
            count(channel, type, "accepted", "none");
            return result;
        } catch (DomainException e) {
            count(channel, type, "refused", e.code().name());
            throw e;
        }
    }

    private <R> R sendOnceMoreOnConflict(Object command, MetaData metaData) {
        try {
            return send(command, metaData);
        } catch (ConcurrencyException | AggregateStreamCreationException e) {
            log.info("Concurrent change on the aggregate of {}; deciding once more on fresh state",
                    command.getClass().getSimpleName());
            try {
                return send(command, metaData);
            } catch (ConcurrencyException | AggregateStreamCreationException again) {
                throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                        "the instance was changed concurrently; try again");
            }
        }
    }

    private <R> R send(Object command, MetaData metaData) {
        try {
            return gateway.sendAndWait(command, metaData);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Finds the meaningful exception in whatever wrapping the command bus added. */
    static RuntimeException translate(RuntimeException thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return domain;
            }
            if (t instanceof AggregateNotFoundException notFound) {
                return new DomainException(ErrorCode.INSTANCE_NOT_FOUND,
                        "instance " + notFound.getAggregateIdentifier() + " is not registered",
                        Map.of("instanceId", String.valueOf(notFound.getAggregateIdentifier())));
            }
            if (t instanceof ConcurrencyException concurrency) {
                return concurrency;
            }
            if (t instanceof AggregateStreamCreationException creation) {
                return creation;
            }
        }
        return thrown;
    }

    private void count(String channel, String type, String outcome, String code) {
        Counter.builder("sslplane.commands")
                .description("Commands decided by the aggregate, by channel, type, outcome and refusal code")
                .tags("channel", channel, "command", type, "outcome", outcome, "code", code)
                .register(meters)
                .increment();
    }
}
