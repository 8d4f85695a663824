package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the command service's scheduler when a scheduled operation is due: inside its window the operation starts
 * exactly as its command would have started it then; after its window closed it is deferred to the next one. Any
 * replica may send it, any number of times: only the first one that finds the operation scheduled acts.
 */
public record StartScheduledOperationCommand(@TargetAggregateIdentifier String instanceId, String operationId) {
}
