package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.OperationAccepted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", mixinStandardHelpOptions = true, description = {"Roll back an aborted operation: a new "
        + "operation (kind ROLLBACK, with its own id) whose rolling restarts bring every node back to the TLS mode "
        + "and CA it had before the aborted one, by the same procedure rules (no member ever unable to reach "
        + "another).", "Refused with ROLLBACK_NOT_POSSIBLE when OPERATION is not the aborted operation whose nodes "
        + "need it. Follow it with --wait like any operation; a failed rollback is resumed with 'sslplane retry'."})
final class RollbackCommand extends OperationCommand {

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Parameters(index = "1", paramLabel = "OPERATION", description = "the aborted operation (op-…)")
    String abortedOperationId;

    @Override
    OperationAccepted start(SslplaneClient client, String key) {
        return client.commands().rollBack(instanceId, abortedOperationId, key);
    }

    @Override
    String acceptedLine(OperationAccepted accepted) {
        return super.acceptedLine(accepted) + " (rolls back " + abortedOperationId + ")";
    }
}
