package dev.sslplane.cli;

import dev.sslplane.contracts.model.RenewalPolicy;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "renewal-policy", mixinStandardHelpOptions = true, description = "Set whether the instance's node "
        + "certificates are renewed automatically once due (RENEW_SOON or EXPIRED): IN_MAINTENANCE_WINDOW schedules "
        + "the renewal for the maintenance window (which must be set), OFF leaves it to `sslplane renew`. The CA is "
        + "never rotated automatically.")
final class RenewalPolicyCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @Parameters(index = "1", paramLabel = "POLICY", description = "OFF or IN_MAINTENANCE_WINDOW")
    RenewalPolicy policy;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "send the same key again to repeat the "
            + "command safely; default: a new key")
    String idempotencyKey;

    @Override
    ExitCode run() {
        long position = client().commands().setRenewalPolicy(instanceId, policy, idempotencyKey);
        Output output = output();
        if (output.json()) {
            output.printJson(Map.of("instanceId", instanceId, "renewalPolicy", policy, "position", position));
        } else {
            output.line("renewal policy of " + instanceId + ": " + policy + (policy == RenewalPolicy.OFF
                    ? " (node certificates are renewed only by `sslplane renew`)"
                    : " (node certificates due are renewed in the maintenance window)"));
        }
        return ExitCode.OK;
    }
}
