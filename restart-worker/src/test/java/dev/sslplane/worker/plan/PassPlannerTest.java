package dev.sslplane.worker.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.CaTrust;
import dev.sslplane.contracts.procedure.CertificateChange;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.PassAction;
import dev.sslplane.contracts.procedure.StepKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any replica set and pass: every node without a done step once, hidden before secondaries (by name), the
 * primary last, and a step-down only for the primary of a restart pass.
 */
class PassPlannerTest {

    record ReplicaSet(List<NodeSpec> nodes, Map<String, NodeRole> roles, Set<String> done, Pass pass) {
    }

    @Provide
    Arbitrary<ReplicaSet> replicaSets() {
        Arbitrary<List<NodeRole>> others = Arbitraries.of(NodeRole.SECONDARY, NodeRole.HIDDEN).list().ofMaxSize(9);
        Arbitrary<Boolean> hasPrimary = Arbitraries.of(true, true, true, false);
        Arbitrary<PassAction> action = Arbitraries.of(PassAction.class);
        return Combinators.combine(others, hasPrimary, action, Arbitraries.randomValue(r -> r))
                .as((roles, primary, passAction, random) -> {
                    var all = new ArrayList<>(roles);
                    if (primary) {
                        all.add(random.nextInt(all.size() + 1), NodeRole.PRIMARY);
                    }
                    int passNumber = 1 + random.nextInt(3);
                    var nodes = new ArrayList<NodeSpec>();
                    var current = new HashMap<String, NodeRole>();
                    var done = new HashSet<String>();
                    for (int i = 0; i < all.size(); i++) {
                        String name = "n" + random.nextInt(1000) + "-" + i;
                        // registered roles are hints only: the current ones decide
                        nodes.add(new NodeSpec(name, "10.0.0." + i, 27017, NodeRole.SECONDARY, List.of()));
                        current.put(name, all.get(i));
                        if (random.nextInt(4) == 0) {
                            done.add(StepKey.of(passNumber, name));
                        }
                        if (random.nextInt(4) == 0) {
                            done.add(StepKey.of(passNumber + 1, name)); // another pass's step: irrelevant here
                        }
                    }
                    var pass = new Pass(passNumber, "P", passAction, TlsMode.PREFER, CertificateChange.KEEP,
                            CaTrust.KEEP);
                    return new ReplicaSet(nodes, current, done, pass);
                }).filter(rs -> !rs.nodes().isEmpty());
    }

    @Property(tries = 500)
    void everyRemainingNodeOnceHiddenFirstPrimaryLast(@ForAll("replicaSets") ReplicaSet set) {
        List<PlannedStep> plan = PassPlanner.order(set.pass(), set.nodes(), set.roles(), set.done());

        List<String> expected = set.nodes().stream().map(NodeSpec::name)
                .filter(n -> !set.done().contains(StepKey.of(set.pass().number(), n))).toList();
        assertThat(plan).extracting(s -> s.node().name()).containsExactlyInAnyOrderElementsOf(expected)
                .doesNotHaveDuplicates();
        for (int i = 0; i < plan.size(); i++) {
            PlannedStep step = plan.get(i);
            assertThat(step.role()).isEqualTo(set.roles().get(step.node().name()));
            assertThat(step.key()).isEqualTo(StepKey.of(set.pass().number(), step.node().name()));
            assertThat(step.stepDownFirst())
                    .isEqualTo(step.role() == NodeRole.PRIMARY && set.pass().action() == PassAction.RESTART);
            if (step.role() == NodeRole.PRIMARY) {
                assertThat(i).as("primary last").isEqualTo(plan.size() - 1);
            }
            if (i > 0) {
                PlannedStep before = plan.get(i - 1);
                assertThat(rank(before.role())).isLessThanOrEqualTo(rank(step.role()));
                if (before.role() == step.role()) {
                    assertThat(before.node().name()).isLessThan(step.node().name());
                }
            }
        }
    }

    @Property(tries = 50)
    void aPassWithEveryStepDoneIsEmpty(@ForAll("replicaSets") ReplicaSet set) {
        Set<String> all = new HashSet<>();
        set.nodes().forEach(n -> all.add(StepKey.of(set.pass().number(), n.name())));
        assertThat(PassPlanner.order(set.pass(), set.nodes(), set.roles(), all)).isEmpty();
    }

    private static int rank(NodeRole role) {
        return switch (role) {
            case HIDDEN -> 0;
            case SECONDARY -> 1;
            case PRIMARY -> 2;
        };
    }
}
