package dev.sslplane.worker.nodeclient;

import dev.sslplane.contracts.model.NodeSpec;

/**
 * A replica-set member to talk to: its registered address, and who it is (instance and node name), so that an
 * in-memory client can tell members of different instances apart even when they share an address.
 */
public record Member(String instanceId, String name, String host, int port) {

    public static Member of(String instanceId, NodeSpec node) {
        return new Member(instanceId, node.name(), node.host(), node.port());
    }

    /** {@code host:port}, as replica-set members name each other. */
    public String address() {
        return host + ":" + port;
    }
}
