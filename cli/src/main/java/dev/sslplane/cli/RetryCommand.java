package dev.sslplane.cli;

import dev.sslplane.client.NotFoundException;
import dev.sslplane.client.Problem;
import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.InstanceStatus;
import dev.sslplane.client.model.OperationAccepted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retry", mixinStandardHelpOptions = true, description = "Resume a failed operation at the step that failed.")
final class RetryCommand extends OperationCommand {

    @Parameters(paramLabel = "OPERATION", description = "operation id (op-…)")
    String operationId;

    @Option(names = "--instance", paramLabel = "INSTANCE", description = "the operation's instance (default: the "
            + "instance whose current operation it is)")
    String instanceId;

    @Override
    OperationAccepted start(SslplaneClient client, String key) {
        String instance = instanceId != null ? instanceId : instanceOf(client);
        return client.commands().retry(instance, operationId, key);
    }

    /** A failed operation holds its instance until retried, so it is the instance's current operation. */
    private String instanceOf(SslplaneClient client) {
        return client.queries().allInstances(null).stream()
                .filter(i -> i.operation() != null && operationId.equals(i.operation().operationId()))
                .map(InstanceStatus::instanceId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException(new Problem(404, null, "Operation not found",
                        "no instance the token may see has " + operationId + " as its current operation; name "
                                + "it with --instance", "OPERATION_NOT_FOUND", null)));
    }
}
