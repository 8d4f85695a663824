package dev.sslplane.contracts.messaging;

/** Kafka topic names. */
public final class Topics {

    /** Commands from other services, keyed by instance id. */
    public static final String COMMANDS = "ssl.commands";
    /** One {@link CommandResult} per command on {@link #COMMANDS}, keyed by command id. */
    public static final String COMMAND_RESULTS = "ssl.command-results";
    /** Records from {@link #COMMANDS} that could not be parsed or validated, with the reason in headers. */
    public static final String COMMANDS_DLT = "ssl.commands.DLT";
    /** Domain events in {@link EventEnvelope}s, keyed by instance id. */
    public static final String EVENTS = "ssl.events";
    /** Worker progress reports in {@link EventEnvelope}s, keyed by instance id. */
    public static final String RESTART_PROGRESS = "ssl.restart-progress";
    /** Progress records the command service could not read, with the reason in headers. */
    public static final String RESTART_PROGRESS_DLT = "ssl.restart-progress.DLT";

    private Topics() {
    }
}
