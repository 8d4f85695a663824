package dev.sslplane.worker.plan;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.worker.node.NodeState;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Orders a rolling restart: hidden members, then secondaries, one at a time, then the primary after a step-down,
 * so the replica set keeps a primary and a majority throughout. Nodes already restarted are left out.
 */
public final class RestartPlanner {

    private RestartPlanner() {
    }

    public static List<RestartStep> plan(Collection<NodeState> nodes, Set<String> completed) {
        return nodes.stream()
                .filter(n -> !completed.contains(n.name()))
                .sorted(Comparator.comparingInt((NodeState n) -> rank(n.role())).thenComparing(NodeState::name))
                .map(n -> new RestartStep(n, n.role() == NodeRole.PRIMARY))
                .toList();
    }

    private static int rank(NodeRole role) {
        if (role == NodeRole.HIDDEN) {
            return 0;
        }
        return role == NodeRole.SECONDARY ? 1 : 2;
    }
}
