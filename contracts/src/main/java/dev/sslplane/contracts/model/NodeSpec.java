package dev.sslplane.contracts.model;

import java.util.List;

/**
 * One replica-set member as registered.
 *
 * @param name     stable name of the member within its instance (for example {@code rs0-1})
 * @param host     host name or IP address clients use
 * @param port     TCP port
 * @param role     role at registration; a hint only, the primary may move
 * @param altNames further host names or IP addresses the member answers on; together with {@code host}
 *                 these are the only subject alternative names its certificate may carry
 */
public record NodeSpec(String name, String host, int port, NodeRole role, List<String> altNames) {

    public NodeSpec {
        altNames = altNames == null ? List.of() : List.copyOf(altNames);
    }

    /** Every name the node may present in its certificate: the host first, then the alternative names. */
    public List<String> subjectAltNames() {
        var all = new java.util.ArrayList<String>();
        all.add(host);
        altNames.stream().filter(n -> !all.contains(n)).forEach(all::add);
        return List.copyOf(all);
    }
}
