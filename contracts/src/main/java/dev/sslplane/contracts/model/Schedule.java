package dev.sslplane.contracts.model;

/**
 * When an operation a command asks for starts: {@link #NOW} (the default, as before schedules existed) or at the next
 * opening of the instance's {@link MaintenanceWindow} ({@link #MAINTENANCE_WINDOW}).
 */
public enum Schedule {
    NOW,
    MAINTENANCE_WINDOW;

    /** {@code null} (absent from a request or an older message) reads as {@link #NOW}. */
    public static Schedule orNow(Schedule schedule) {
        return schedule == null ? NOW : schedule;
    }
}
