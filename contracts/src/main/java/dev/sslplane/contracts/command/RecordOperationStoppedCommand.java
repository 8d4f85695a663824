package dev.sslplane.contracts.command;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The worker stopped an operation whose abort was asked for: no step of it runs any more. */
public record RecordOperationStoppedCommand(@TargetAggregateIdentifier String instanceId, String operationId,
                                            Instant stoppedAt) {
}
