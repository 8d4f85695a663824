package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.MaintenanceWindow;

/** The instance's weekly maintenance window was set or replaced; operations scheduled from now on use it. */
public record MaintenanceWindowSetEvent(String instanceId, MaintenanceWindow window) implements SslEvent {
}
