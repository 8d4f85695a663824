package dev.sslplane.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerconaTargetTest {

    private static final List<String> PODS = List.of("orders-rs0-0.orders-rs0.mongo.svc.cluster.local",
            "orders-rs0-1.orders-rs0.mongo.svc.cluster.local", "orders-rs0-2.orders-rs0.mongo.svc.cluster.local");

    /** Each node registered with every member's host among its names, as one certificate for all needs. */
    private static List<NodeSpec> nodes() {
        return List.of(node(0, NodeRole.PRIMARY), node(1, NodeRole.SECONDARY), node(2, NodeRole.SECONDARY));
    }

    private static NodeSpec node(int i, NodeRole role) {
        var alt = new java.util.ArrayList<>(PODS);
        alt.remove(i);
        alt.add("orders-rs0.mongo.svc.cluster.local");
        return new NodeSpec("rs0-" + i, PODS.get(i), 27017, role, alt);
    }

    @Test
    void aCompleteTargetHasNoViolations() {
        var target = NodeOperatorTarget.percona(new PerconaTarget("mongo", "orders", null, null));

        assertThat(target.violations(nodes())).isEmpty();
        assertThat(target.percona().replsetName()).isEqualTo("rs0");
        assertThat(target.percona().sslSecret()).isEqualTo("orders-ssl");
        assertThat(target.percona().sslInternalSecret()).isEqualTo("orders-ssl-internal");
    }

    @Test
    void everyMissingOrInvalidFieldIsListedAtOnce() {
        assertThat(NodeOperatorTarget.percona(new PerconaTarget(null, "Orders_1", "rs.0", "kube/config"))
                .violations(nodes())).containsExactly(
                "operator.percona.namespace is missing",
                "operator.percona.name must be a DNS-1123 label (lower-case letters, digits and '-', at most 63)",
                "operator.percona.replset must be a DNS-1123 label (lower-case letters, digits and '-', at most 63)",
                "operator.percona.kubeconfigFile must be an absolute path of letters, digits and ._/+-");
        assertThat(NodeOperatorTarget.percona(new PerconaTarget("a".repeat(64), "x-", null, "/etc/../x"))
                .violations(nodes())).hasSize(3);
        assertThat(new NodeOperatorTarget(NodeOperatorTarget.PERCONA, null, null).violations(nodes()))
                .containsExactly("operator.percona is missing");
        assertThat(new NodeOperatorTarget(NodeOperatorTarget.LOCAL_FLEET, null,
                new PerconaTarget("mongo", "orders", null, null)).violations(nodes()))
                .containsExactly("operator.percona is only for the percona operator");
    }

    @Test
    void everyNodeMustBeRegisteredWithEveryMembersHost() {
        var nodes = List.of(node(0, NodeRole.PRIMARY), node(1, NodeRole.SECONDARY),
                new NodeSpec("rs0-2", PODS.get(2), 27017, NodeRole.SECONDARY, List.of()));

        assertThat(NodeOperatorTarget.percona(new PerconaTarget("mongo", "orders", null, null)).violations(nodes))
                .hasSize(2).allSatisfy(v -> assertThat(v).contains("one certificate for every member"));
        assertThat(PerconaTarget.sharedNames(nodes)).containsExactly(PODS.get(2));
    }

    @Test
    void theSharedNamesAreThoseEveryNodeHas() {
        assertThat(PerconaTarget.sharedNames(nodes())).containsExactlyInAnyOrder(PODS.get(0), PODS.get(1),
                PODS.get(2), "orders-rs0.mongo.svc.cluster.local");
    }
}
