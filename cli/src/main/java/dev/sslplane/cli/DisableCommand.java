package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.OperationAccepted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable SSL (only while it is Enabled): rolling restarts down one TLS mode at a time.")
final class DisableCommand extends SchedulableCommand {

    @Parameters(paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Override
    OperationAccepted start(SslplaneClient client, String key) {
        return client.commands().disable(instanceId, schedule, key);
    }
}
