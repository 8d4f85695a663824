package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.Operation;
import dev.sslplane.client.model.OperationAccepted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "abort", mixinStandardHelpOptions = true, description = {"Abort an operation: a running one stops "
        + "after the node in progress (ABORTING, then ABORTED); a failed one, or a rotation waiting for clients, ends "
        + "at once. A repeat changes nothing; a scheduled operation cannot be aborted: cancel it ('sslplane cancel').",
        "Afterwards the instance is no longer held: 'sslplane status' shows each node's TLS mode, and "
                + "'sslplane rollback INSTANCE OPERATION' brings the nodes back to before the operation (while a "
                + "rollback is required, no other operation may run). With --wait: follows the operation until it "
                + "is ABORTED (exit 0)."})
final class AbortCommand extends OperationCommand {

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Parameters(index = "1", paramLabel = "OPERATION", description = "the operation to abort (op-…)")
    String operationId;

    @Override
    OperationAccepted start(SslplaneClient client, String key) {
        return client.commands().abort(instanceId, operationId, key);
    }

    /** What was asked for happened: the operation is aborted (or it had ended anyway before the abort took). */
    @Override
    ExitCode outcome(Operation last) {
        return last.aborted() ? ExitCode.OK : super.outcome(last);
    }

    @Override
    String acceptedLine(OperationAccepted accepted) {
        return "abort of operation " + accepted.operationId() + " of " + accepted.instanceId() + " accepted"
                + (accepted.replayed() ? " (a repeated request: answered as before)" : "")
                + ": a running operation stops after the node in progress, a failed or waiting one ends now";
    }
}
