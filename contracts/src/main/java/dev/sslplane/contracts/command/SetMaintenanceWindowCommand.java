package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.MaintenanceWindow;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets (or replaces) the weekly window in which operations scheduled with {@code MAINTENANCE_WINDOW} start. An
 * operation already scheduled keeps its start; if it misses its window it is deferred to the new window.
 */
public record SetMaintenanceWindowCommand(@TargetAggregateIdentifier String instanceId, MaintenanceWindow window) {
}
