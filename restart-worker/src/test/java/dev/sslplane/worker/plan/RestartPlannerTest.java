package dev.sslplane.worker.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.worker.node.NodeState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For any replica set: every node once, hidden and secondaries first, the primary last after a step-down. */
class RestartPlannerTest {

    record ReplicaSet(List<NodeState> nodes, Set<String> completed) {
    }

    @Provide
    Arbitrary<ReplicaSet> replicaSets() {
        Arbitrary<List<NodeRole>> others = Arbitraries.of(NodeRole.SECONDARY, NodeRole.HIDDEN).list().ofMaxSize(9);
        Arbitrary<Boolean> hasPrimary = Arbitraries.of(true, true, true, false);
        return Combinators.combine(others, hasPrimary, Arbitraries.randomValue(r -> r)).as((roles, primary, random) -> {
            var all = new ArrayList<>(roles);
            if (primary) {
                all.add(random.nextInt(all.size() + 1), NodeRole.PRIMARY);
            }
            var nodes = new ArrayList<NodeState>();
            var completed = new HashSet<String>();
            for (int i = 0; i < all.size(); i++) {
                String name = "n" + random.nextInt(1000) + "-" + i;
                nodes.add(NodeState.asRegistered(new NodeSpec(name, "10.0.0." + i, 27017, all.get(i), List.of())));
                if (random.nextInt(4) == 0) {
                    completed.add(name);
                }
            }
            return new ReplicaSet(nodes, completed);
        }).filter(rs -> !rs.nodes().isEmpty());
    }

    @Property(tries = 500)
    void everyRemainingNodeExactlyOncePrimaryLast(@ForAll("replicaSets") ReplicaSet replicaSet) {
        List<RestartStep> plan = RestartPlanner.plan(replicaSet.nodes(), replicaSet.completed());

        List<String> planned = plan.stream().map(s -> s.node().name()).toList();
        List<String> expected = replicaSet.nodes().stream().map(NodeState::name)
                .filter(n -> !replicaSet.completed().contains(n)).toList();
        assertThat(planned).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();

        int primaryAt = -1;
        int lastOther = -1;
        int lastHidden = -1;
        int firstSecondary = Integer.MAX_VALUE;
        for (int i = 0; i < plan.size(); i++) {
            NodeRole role = plan.get(i).node().role();
            assertThat(plan.get(i).stepDownFirst()).isEqualTo(role == NodeRole.PRIMARY);
            if (role == NodeRole.PRIMARY) {
                primaryAt = i;
            } else {
                lastOther = i;
            }
            if (role == NodeRole.HIDDEN) {
                lastHidden = i;
            }
            if (role == NodeRole.SECONDARY) {
                firstSecondary = Math.min(firstSecondary, i);
            }
        }
        if (primaryAt >= 0) {
            assertThat(primaryAt).as("primary last").isEqualTo(plan.size() - 1).isGreaterThan(lastOther);
        }
        assertThat(lastHidden).as("hidden members before secondaries").isLessThan(firstSecondary);
    }

    @Property(tries = 50)
    void aPlanOfACompletedOperationIsEmpty(@ForAll("replicaSets") ReplicaSet replicaSet) {
        Set<String> all = new HashSet<>();
        replicaSet.nodes().forEach(n -> all.add(n.name()));
        assertThat(RestartPlanner.plan(replicaSet.nodes(), all)).isEmpty();
    }
}
