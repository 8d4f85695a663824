package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.Topology;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a MongoDB instance so that SSL can be managed for it. */
public record RegisterInstanceCommand(
        @TargetAggregateIdentifier String instanceId,
        String engineVersion,
        Topology topology,
        List<NodeSpec> nodes,
        int collectionCount) {
}
