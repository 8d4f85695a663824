package dev.sslplane.localstack;

/** Where a supervised child is, as {@code run-local.sh status} shows it. */
enum ChildState {
    /** First start, waiting for its readiness check. */
    STARTING("starting"),
    RUNNING("running"),
    /** Exited unexpectedly: waiting out the back-off, or started again and waiting for its readiness check. */
    RESTARTING("restarting"),
    /** Failed too often within a minute; the supervisor stopped trying (and stops the stack). */
    GIVEN_UP("given up"),
    STOPPED("stopped");

    private final String label;

    ChildState(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
