package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the instance's current number of collections; the next operation (or retry) carries it, and the restart
 * worker derives its step timeout from it.
 *
 * @param changeId names this change: a repeat with the same id is answered as the first and records nothing
 */
public record UpdateCollectionCountCommand(@TargetAggregateIdentifier String instanceId, String changeId,
                                           int collectionCount) {
}
