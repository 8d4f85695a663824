package dev.sslplane.contracts.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Folds a worker's "held after pass" report: the rotation now waits for clients. Duplicates change nothing. */
public record HoldOperationCommand(
        @TargetAggregateIdentifier String instanceId, String operationId, int pass, Instant heldAt) {
}
