package dev.sslplane.cli;

import dev.sslplane.client.model.OperationAccepted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel an operation scheduled for the "
        + "maintenance window before it starts (one that started cannot be cancelled; a repeat changes nothing).")
final class CancelCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Parameters(index = "1", paramLabel = "OPERATION", description = "the scheduled operation's id (op-…)")
    String operationId;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "send the same key again to repeat the "
            + "command safely; default: a new key")
    String idempotencyKey;

    @Override
    ExitCode run() {
        OperationAccepted cancelled = client().commands().cancelScheduled(instanceId, operationId, idempotencyKey);
        Output output = output();
        if (output.json()) {
            output.printJson(cancelled);
        } else {
            output.line("operation " + operationId + " of " + instanceId + " cancelled; it will not start");
        }
        return ExitCode.OK;
    }
}
