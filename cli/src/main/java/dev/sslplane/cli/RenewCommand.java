package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.OperationAccepted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "renew", mixinStandardHelpOptions = true, description = "Renew the node certificates under the "
        + "current CA (only while SSL is Enabled): one rolling restart; the CA stays, clients change nothing.")
final class RenewCommand extends SchedulableCommand {

    @Parameters(paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Override
    OperationAccepted start(SslplaneClient client, String key) {
        return client.commands().renewNodeCertificates(instanceId, schedule, key);
    }
}
