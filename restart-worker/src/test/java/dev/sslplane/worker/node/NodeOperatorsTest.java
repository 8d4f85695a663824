package dev.sslplane.worker.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Each instance goes to the operator it named, and to no other. */
class NodeOperatorsTest {

    private static final NodeSpec NODE = new NodeSpec("a", "127.0.0.1", 27017, NodeRole.PRIMARY, List.of());

    @Test
    void anInstanceGoesToTheOperatorItNamedAndOneThatNamedNoneToTheFirst() {
        var operators = new LinkedHashMap<String, NodeOperator>();
        operators.put("systemd", named("systemd"));
        operators.put("local-fleet", named("local-fleet"));
        var routing = new NodeOperators(operators);

        assertThat(routing.createCsr(instance(NodeOperatorTarget.localFleet()), NODE, List.of()).block())
                .isEqualTo("local-fleet");
        assertThat(routing.createCsr(instance(null), NODE, List.of()).block()).as("the default").isEqualTo("systemd");
    }

    @Test
    void anInstanceNamingAnOperatorThisWorkerDoesNotServeFailsWithTheReason() {
        var routing = new NodeOperators(Map.of("local-fleet", named("local-fleet")));
        var unserved = instance(new NodeOperatorTarget("systemd", null));
        assertThatThrownBy(() -> routing.restart(unserved, NODE, NodeTlsConfig.modeOnly(EngineVersion.V4_2,
                TlsMode.ALLOW)).block())
                .isInstanceOfSatisfying(NodeOperatorException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("'systemd' node operator, which this worker does not serve")
                .hasMessageContaining("sslplane.worker.node-operator: local-fleet");
        assertThatThrownBy(() -> new NodeOperators(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSharedCertificateAndTheStepDownAreTheNamedOperatorsToAnswer() {
        var operators = new LinkedHashMap<String, NodeOperator>();
        operators.put("local-fleet", named("local-fleet"));
        operators.put("percona", new ClusterWide());
        var routing = new NodeOperators(operators);
        var percona = instance(new NodeOperatorTarget("percona", null));
        var nodes = List.of(NODE, new NodeSpec("b", "127.0.0.1", 27018, NodeRole.SECONDARY, List.of("localhost")));

        assertThat(routing.sharedCertificateNames(percona, nodes)).contains(List.of("127.0.0.1"));
        assertThat(routing.stepsDownPrimaryItself(percona)).isTrue();
        assertThat(routing.sharedCertificateNames(instance(null), nodes)).as("per node: the default").isEmpty();
        assertThat(routing.stepsDownPrimaryItself(instance(NodeOperatorTarget.localFleet()))).isFalse();
        // an operator this worker does not serve answers per node, so that each node's own call fails with why
        var unserved = instance(new NodeOperatorTarget("systemd", null));
        assertThat(routing.sharedCertificateNames(unserved, nodes)).isEmpty();
        assertThat(routing.stepsDownPrimaryItself(unserved)).isFalse();
        assertThatThrownBy(() -> routing.createCsr(unserved, NODE, List.of()).block())
                .hasMessageContaining("which this worker does not serve");
    }

    /** Answers as a cluster-level operator does: one certificate with the shared names, its own step-down. */
    private static final class ClusterWide implements NodeOperator {
        private final NodeOperator delegate = named("percona");

        @Override
        public java.util.Optional<List<String>> sharedCertificateNames(InstanceRef instance, List<NodeSpec> nodes) {
            return java.util.Optional.of(dev.sslplane.contracts.model.PerconaTarget.sharedNames(nodes));
        }

        @Override
        public boolean stepsDownPrimaryItself(InstanceRef instance) {
            return true;
        }

        @Override
        public Mono<String> createCsr(InstanceRef instance, NodeSpec node, List<String> subjectAltNames) {
            return delegate.createCsr(instance, node, subjectAltNames);
        }

        @Override
        public Mono<Void> restart(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
            return delegate.restart(instance, node, config);
        }

        @Override
        public Mono<Void> persistMode(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
            return delegate.persistMode(instance, node, config);
        }

        @Override
        public Mono<List<String>> trustedCaSerials(InstanceRef instance, NodeSpec node) {
            return delegate.trustedCaSerials(instance, node);
        }
    }

    private static InstanceRef instance(NodeOperatorTarget target) {
        return new InstanceRef("rs-1", 0, EngineVersion.V4_2, target);
    }

    /** An operator that answers every CSR request with its own name. */
    private static NodeOperator named(String name) {
        return new NodeOperator() {
            @Override
            public Mono<String> createCsr(InstanceRef instance, NodeSpec node, List<String> subjectAltNames) {
                return Mono.just(name);
            }

            @Override
            public Mono<Void> restart(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> persistMode(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
                return Mono.empty();
            }

            @Override
            public Mono<List<String>> trustedCaSerials(InstanceRef instance, NodeSpec node) {
                return Mono.just(List.of());
            }
        };
    }
}
