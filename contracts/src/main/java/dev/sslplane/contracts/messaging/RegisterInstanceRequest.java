package dev.sslplane.contracts.messaging;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.Topology;
import java.util.List;

/** Body of a register-instance command, over REST and on {@code ssl.commands}. */
public record RegisterInstanceRequest(
        String instanceId,
        String engineVersion,
        Topology topology,
        List<NodeSpec> nodes,
        Integer collectionCount) {
}
