package dev.sslplane.commandservice.api;

import dev.sslplane.contracts.model.MaintenanceWindow;

/**
 * Body of the answer to setting a maintenance window: the window as it is now (UTC) and the position of the write.
 *
 * @param start    {@code HH:mm}, UTC
 * @param duration ISO-8601, e.g. {@code PT4H}
 */
record MaintenanceWindowAccepted(String instanceId, String dayOfWeek, String start, String duration, long position) {

    static MaintenanceWindowAccepted of(String instanceId, MaintenanceWindow window, long position) {
        return new MaintenanceWindowAccepted(instanceId, window.dayOfWeek().name(), window.start().toString(),
                window.duration().toString(), position);
    }
}
