package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.contracts.model.Schedule;
import dev.sslplane.client.model.Operation;
import dev.sslplane.client.model.OperationAccepted;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * A command that starts (or resumes, or aborts) an operation: sends it with an Idempotency-Key, prints the operation
 * id, and with {@code --wait} follows the rolling restart on the query service's stream, a line per node and step.
 * Commands that may wait for the maintenance window extend {@link SchedulableCommand}.
 */
abstract class OperationCommand extends CliCommand {

    @Option(names = "--wait", description = "follow the operation live until it completes, fails, waits for "
            + "clients or is aborted; exit 8 if it fails, 11 if it is aborted")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "with --wait: give up after this long (exit 9; the operation goes on), e.g. 90s, 30m, 2h "
                    + "(default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "send the same key again to repeat a "
            + "command safely (the answer is replayed; nothing starts twice); default: a new key")
    String idempotencyKey;

    abstract OperationAccepted start(SslplaneClient client, String key);

    /** When the operation starts: now, unless the command takes {@code --schedule}. */
    Schedule schedule() {
        return Schedule.NOW;
    }

    /** The exit code once the followed operation rests in {@code last}. */
    ExitCode outcome(Operation last) {
        return switch (last.state()) {
            case "FAILED" -> ExitCode.OPERATION_FAILED;
            case "ABORTED", "CANCELLED" -> ExitCode.ABORTED;
            default -> ExitCode.OK;
        };
    }

    /** The first line once the command is accepted. */
    String acceptedLine(OperationAccepted accepted) {
        return accepted.kind() + " of " + accepted.instanceId() + " accepted: operation " + accepted.operationId()
                + (accepted.replayed() ? " (a repeated request: answered as before, nothing new started)" : "");
    }

    @Override
    final ExitCode run() {
        SslplaneClient client = client();
        Output output = output();
        OperationAccepted accepted = start(client, idempotencyKey);
        if (schedule() == Schedule.MAINTENANCE_WINDOW) {
            // nothing to follow until the window opens: the status shows when it starts
            if (output.json()) {
                output.printJson(accepted);
            } else {
                output.line(acceptedLine(accepted) + "; scheduled for the maintenance window (see 'sslplane status "
                        + accepted.instanceId() + "'; cancel with 'sslplane cancel " + accepted.instanceId() + " "
                        + accepted.operationId() + "')" + (await ? "; --wait does not wait for the window" : ""));
            }
            return ExitCode.OK;
        }
        if (!await) {
            if (output.json()) {
                output.printJson(accepted);
            } else {
                output.line(acceptedLine(accepted) + "; follow it with --wait or 'sslplane status "
                        + accepted.instanceId() + (accepted.position() == null ? "" : " --position "
                        + accepted.position()) + "'");
            }
            return ExitCode.OK;
        }
        if (!output.json()) {
            output.line(acceptedLine(accepted));
        }
        var progress = new ProgressPrinter(output);
        // from the command's position: the query side answers once it has the operation, never a 404 for it
        Operation last = client.queries().follow(accepted, timeout, output.json() ? o -> { } : progress);
        if (output.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("accepted", accepted);
            result.put("operation", last);
            output.printJson(result);
        } else {
            progress.finished(last);
        }
        return outcome(last);
    }

    /** {@code now} or {@code maintenance-window} (the API's NOW and MAINTENANCE_WINDOW are accepted too). */
    static final class ScheduleConverter implements ITypeConverter<Schedule> {
        @Override
        public Schedule convert(String value) {
            String text = value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            for (Schedule schedule : Schedule.values()) {
                if (schedule.name().equals(text)) {
                    return schedule;
                }
            }
            throw new IllegalArgumentException("not now or maintenance-window");
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, or ISO-8601 ({@code PT30M}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(java.util.Locale.ROOT);
            if (text.startsWith("pt")) {
                return Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
            }
            if (!text.matches("\\d{1,7}[smh]")) {
                throw new IllegalArgumentException("not a duration such as 90s, 30m or 2h");
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
    }
}
