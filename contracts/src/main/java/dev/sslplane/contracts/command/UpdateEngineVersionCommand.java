package dev.sslplane.contracts.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the engine version the instance runs now (after the DBA upgraded it), in the form registration accepts;
 * eligibility follows it at once.
 *
 * @param changeId names this change: a repeat with the same id is answered as the first and records nothing
 */
public record UpdateEngineVersionCommand(@TargetAggregateIdentifier String instanceId, String changeId,
                                         String engineVersion) {
}
