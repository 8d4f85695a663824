package dev.sslplane.cli;

import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "window", mixinStandardHelpOptions = true, description = "Set the instance's weekly maintenance "
        + "window (UTC), in which operations asked for with --schedule maintenance-window start.")
final class WindowCommand extends CliCommand {

    @Parameters(paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Option(names = "--day", required = true, paramLabel = "DAY", description = "day the window opens: monday .. "
            + "sunday (UTC)")
    String day;

    @Option(names = "--start", required = true, paramLabel = "HH:MM", description = "time it opens, UTC, e.g. 02:00")
    String start;

    @Option(names = "--duration", required = true, paramLabel = "DURATION", converter =
            OperationCommand.DurationConverter.class, description = "how long it stays open, 30m .. 24h (e.g. 4h)")
    java.time.Duration duration;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "send the same key again to repeat the "
            + "command safely; default: a new key")
    String idempotencyKey;

    @Override
    ExitCode run() {
        var window = new MaintenanceWindowRequest(day.strip().toUpperCase(Locale.ROOT), start.strip(),
                duration.toString());
        long position = client().commands().setMaintenanceWindow(instanceId, window, idempotencyKey);
        Output output = output();
        if (output.json()) {
            output.printJson(Map.of("instanceId", instanceId, "maintenanceWindow", window, "position", position));
        } else {
            output.line("maintenance window of " + instanceId + ": " + window.dayOfWeek() + " " + window.start()
                    + " UTC for " + window.duration());
        }
        return ExitCode.OK;
    }
}
