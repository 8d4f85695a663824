package dev.sslplane.worker.node;

import dev.sslplane.contracts.model.NodeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The operators this worker serves, by the type an instance names at registration; instances registered before
 * they named one go to the first (the default). An instance that names an operator this worker does not serve
 * fails its step with the reason rather than being driven by another one.
 */
public class NodeOperators implements NodeOperator, AutoCloseable {

    private final Map<String, NodeOperator> byType;
    private final String defaultType;

    /** @param byType in order of {@code sslplane.worker.node-operator}; the first is the default */
    public NodeOperators(Map<String, NodeOperator> byType) {
        if (byType.isEmpty()) {
            throw new IllegalArgumentException("a worker serves at least one node operator");
        }
        this.byType = new LinkedHashMap<>(byType);
        this.defaultType = byType.keySet().iterator().next();
    }

    @Override
    public Mono<String> createCsr(InstanceRef instance, NodeSpec node, List<String> subjectAltNames) {
        return Mono.defer(() -> of(instance).createCsr(instance, node, subjectAltNames));
    }

    @Override
    public Mono<Void> restart(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        return Mono.defer(() -> of(instance).restart(instance, node, config));
    }

    @Override
    public Mono<Void> persistMode(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        return Mono.defer(() -> of(instance).persistMode(instance, node, config));
    }

    @Override
    public Mono<List<String>> trustedCaSerials(InstanceRef instance, NodeSpec node) {
        return Mono.defer(() -> of(instance).trustedCaSerials(instance, node));
    }

    /** For an operator this worker does not serve: per node, so that each node's own call fails with the reason. */
    @Override
    public Optional<List<String>> sharedCertificateNames(InstanceRef instance, List<NodeSpec> nodes) {
        NodeOperator operator = byType.get(typeOf(instance));
        return operator == null ? Optional.empty() : operator.sharedCertificateNames(instance, nodes);
    }

    /** For an operator this worker does not serve: no, and the node's restart fails with the reason. */
    @Override
    public boolean stepsDownPrimaryItself(InstanceRef instance) {
        NodeOperator operator = byType.get(typeOf(instance));
        return operator != null && operator.stepsDownPrimaryItself(instance);
    }

    /** Closes the operators that hold connections of their own. */
    @Override
    public void close() throws Exception {
        for (NodeOperator operator : byType.values()) {
            if (operator instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private String typeOf(InstanceRef instance) {
        return instance.operator() == null ? defaultType : instance.operator().type();
    }

    NodeOperator of(InstanceRef instance) {
        String type = typeOf(instance);
        NodeOperator operator = byType.get(type);
        if (operator == null) {
            throw new NodeOperatorException("instance " + instance.instanceId() + " is registered for the '" + type
                    + "' node operator, which this worker does not serve (sslplane.worker.node-operator: "
                    + String.join(",", byType.keySet()) + ")", false);
        }
        return operator;
    }
}
