package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.Topology;
import java.util.Optional;
import java.util.Set;

/** Which instances may have SSL managed: replica sets on a supported engine version. */
public record EligibilityPolicy(Set<String> supportedEngineVersions) {

    public EligibilityPolicy {
        supportedEngineVersions = Set.copyOf(supportedEngineVersions);
    }

    /** The reason an instance is not eligible, or empty when it is. */
    public Optional<String> ineligibility(Topology topology, String engineVersion) {
        if (topology != Topology.REPLICA_SET) {
            return Optional.of("SSL can be managed only for replica-set instances; this instance is " + topology);
        }
        if (!supportedEngineVersions.contains(engineVersion)) {
            return Optional.of("engine version " + engineVersion + " is not supported; supported versions are "
                    + supportedEngineVersions.stream().sorted().toList());
        }
        return Optional.empty();
    }
}
