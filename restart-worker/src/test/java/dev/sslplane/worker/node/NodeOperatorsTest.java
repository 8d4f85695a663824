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
