package dev.sslplane.fleet.node;

import java.util.List;

/**
 * What the fleet remembers about a node, persisted as {@code node.json}; keys and certificates live beside it.
 *
 * @param role current replica-set role: PRIMARY, SECONDARY or HIDDEN
 * @param tls  whether the node offers TLS (it always accepts plain connections too while TLS is on)
 */
public record NodeSettings(
        String instanceId, String name, String host, int port, String role, List<String> altNames, boolean tls) {

    public NodeSettings {
        altNames = altNames == null ? List.of() : List.copyOf(altNames);
    }

    public NodeSettings withPort(int newPort) {
        return new NodeSettings(instanceId, name, host, newPort, role, altNames, tls);
    }

    public NodeSettings withRole(String newRole) {
        return new NodeSettings(instanceId, name, host, port, newRole, altNames, tls);
    }

    public NodeSettings withTls(boolean newTls) {
        return new NodeSettings(instanceId, name, host, port, role, altNames, newTls);
    }

    /** The names this node's certificate may carry: host first, then the alternative names. */
    public List<String> subjectAltNames() {
        var all = new java.util.ArrayList<String>();
        all.add(host);
        altNames.stream().filter(n -> !all.contains(n)).forEach(all::add);
        return List.copyOf(all);
    }
}
