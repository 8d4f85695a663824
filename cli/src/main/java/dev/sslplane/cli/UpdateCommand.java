package dev.sslplane.cli;

import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.InstanceChanged;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sslplane update INSTANCE --collection-count N | --engine-version V}. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Record an instance's collection count "
        + "(the step timeout follows it) or engine version (eligibility follows it).")
final class UpdateCommand extends ChangeCommand {

    @Parameters(paramLabel = "INSTANCE", description = "instance id")
    String instanceId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--collection-count", paramLabel = "N", description = "the number of collections now")
        Integer collectionCount;
        @Option(names = "--engine-version", paramLabel = "VERSION", description = "e.g. 4.2 or 4.2.24")
        String engineVersion;
    }

    @Override
    InstanceChanged change(SslplaneClient client, String key) {
        return what.collectionCount != null
                ? client.commands().updateCollectionCount(instanceId, what.collectionCount, key)
                : client.commands().updateEngineVersion(instanceId, what.engineVersion, key);
    }
}
