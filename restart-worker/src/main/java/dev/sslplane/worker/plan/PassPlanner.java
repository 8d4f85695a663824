package dev.sslplane.worker.plan;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.PassAction;
import dev.sslplane.contracts.procedure.StepKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders one pass from the roles the nodes have when it begins: hidden members, then secondaries (by name), one at
 * a time, then the primary, so the set keeps a primary and a majority throughout. In a restart pass the primary
 * steps down first; a runtime pass changes it in place. Steps already done are left out, so a resumed pass never
 * does one again.
 */
public final class PassPlanner {

    private PassPlanner() {
    }

    /**
     * @param roles every node's role at the pass start (a node missing here counts as a secondary)
     * @param done  step keys ({@link StepKey}) already done in this operation
     */
    public static List<PlannedStep> order(Pass pass, List<NodeSpec> nodes, Map<String, NodeRole> roles,
                                          Set<String> done) {
        return nodes.stream()
                .filter(node -> !done.contains(StepKey.of(pass.number(), node.name())))
                .map(node -> {
                    NodeRole role = roles.getOrDefault(node.name(), NodeRole.SECONDARY);
                    return new PlannedStep(pass, node, role,
                            role == NodeRole.PRIMARY && pass.action() == PassAction.RESTART);
                })
                .sorted(Comparator.comparingInt((PlannedStep s) -> rank(s.role())).thenComparing(s -> s.node().name()))
                .toList();
    }

    private static int rank(NodeRole role) {
        return switch (role) {
            case HIDDEN -> 0;
            case SECONDARY -> 1;
            case PRIMARY -> 2;
        };
    }
}
