package dev.sslplane.fleet.node;

import java.util.ArrayList;
import java.util.List;

/**
 * What the fleet remembers about a node besides its files, persisted as {@code node.json}.
 *
 * @param initialRole PRIMARY, SECONDARY or HIDDEN as created; HIDDEN stays (a hidden member is never elected)
 * @param stopped     stopped through the API: stays down across fleet restarts until started
 */
public record NodeSettings(
        String instanceId, String name, String host, int port, String engineVersion, String replicaSet,
        String initialRole, List<String> altNames, boolean stopped) {

    public NodeSettings {
        altNames = altNames == null ? List.of() : List.copyOf(altNames);
    }

    public NodeSettings withStopped(boolean newStopped) {
        return new NodeSettings(instanceId, name, host, port, engineVersion, replicaSet, initialRole, altNames,
                newStopped);
    }

    public String hostPort() {
        return host + ":" + port;
    }

    public boolean hidden() {
        return "HIDDEN".equals(initialRole);
    }

    /** The names this node's certificate may carry: host first, then the alternative names. */
    public List<String> subjectAltNames() {
        var all = new ArrayList<String>();
        all.add(host);
        altNames.stream().filter(n -> !all.contains(n)).forEach(all::add);
        return List.copyOf(all);
    }
}
