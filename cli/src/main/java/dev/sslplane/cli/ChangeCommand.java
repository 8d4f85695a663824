package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.InstanceChanged;
import picocli.CommandLine.Option;

/** An instance change (members, collection count, engine version): sent with an Idempotency-Key, then printed. */
abstract class ChangeCommand extends CliCommand {

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "send the same key again to repeat a "
            + "change safely (the answer is replayed; nothing changes twice); default: a new key")
    String idempotencyKey;

    abstract InstanceChanged change(SslplaneClient client, String key);

    @Override
    final ExitCode run() {
        InstanceChanged changed = change(client(), idempotencyKey);
        Output output = output();
        if (output.json()) {
            output.printJson(changed);
        } else {
            output.line("change " + changed.changeId() + " of " + changed.instanceId() + " recorded"
                    + (changed.replayed() ? " (a repeated request: answered as before, nothing changed again)" : "")
                    + "; see it with 'sslplane status " + changed.instanceId()
                    + (changed.position() == null ? "" : " --position " + changed.position()) + "'");
        }
        return ExitCode.OK;
    }
}
