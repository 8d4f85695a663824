package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.OperationAccepted;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "renew", mixinStandardHelpOptions = true, description = "Renew the node certificates under the "
        + "current CA (only while SSL is Enabled): one rolling restart; the CA stays, clients change nothing. With "
        + "--member, only the members named are renewed and restarted (a replaced member gets its certificate at "
        + "once).")
final class RenewCommand extends SchedulableCommand {

    @Parameters(paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Option(names = "--member", paramLabel = "NAME", description = "renew only this member (repeatable); "
            + "default: every member")
    List<String> members = new ArrayList<>();

    @Override
    OperationAccepted start(SslplaneClient client, String key) {
        return client.commands().renewNodeCertificates(instanceId, members, schedule, key);
    }
}
