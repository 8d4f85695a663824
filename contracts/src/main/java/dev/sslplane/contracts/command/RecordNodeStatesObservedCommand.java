package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.NodeTlsState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The worker read the nodes of an aborted operation back ({@code NodeStatesObservedReport}): their observed TLS
 * states replace the computed ones. Only for the operation aborted last, while no other operation started since.
 */
public record RecordNodeStatesObservedCommand(@TargetAggregateIdentifier String instanceId, String operationId,
                                              List<NodeTlsState> nodes, Map<String, String> unreadNodes,
                                              Instant observedAt) {

    public RecordNodeStatesObservedCommand {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        unreadNodes = unreadNodes == null ? Map.of() : Map.copyOf(unreadNodes);
    }
}
