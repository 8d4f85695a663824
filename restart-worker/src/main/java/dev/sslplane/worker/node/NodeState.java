package dev.sslplane.worker.node;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;

/**
 * A node as its operator sees it now: the registered spec, the current role and where it answers.
 *
 * @param host host the health gate connects to (normally the registered host, which the certificate names)
 * @param port port the node listens on now
 */
public record NodeState(NodeSpec spec, NodeRole role, String host, int port) {

    public String name() {
        return spec.name();
    }

    public static NodeState asRegistered(NodeSpec spec) {
        return new NodeState(spec, spec.role(), spec.host(), spec.port());
    }
}
