package dev.sslplane.cli;

import dev.sslplane.client.model.InstanceStatus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "instances", mixinStandardHelpOptions = true, description = "List the instances the token may see, with SSL status and operation.")
final class InstancesCommand extends CliCommand {

    @Option(names = "--ssl-status", paramLabel = "STATUS", description = "only ENABLED or DISABLED instances")
    String sslStatus;

    @Override
    ExitCode run() {
        List<InstanceStatus> instances = client().queries().allInstances(sslStatus);
        Output output = output();
        if (output.json()) {
            output.printJson(instances);
            return ExitCode.OK;
        }
        output.table(List.of("INSTANCE", "SSL", "TLS", "ENGINE", "NODES", "OPERATION"), instances.stream()
                .map(i -> List.of(i.instanceId(), Output.cell(i.sslStatus()), Output.cell(i.tlsMode()),
                        Output.cell(i.engineVersion()), String.valueOf(i.nodes().size()),
                        StatusCommand.summary(i.operation())))
                .toList());
        return ExitCode.OK;
    }
}
