package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.NodeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules a member list follows, defined once: registration checks the nodes it is given with them
 * ({@code intake.RegisterInstanceValidator}), and every member change checks the list it would leave
 * ({@link MemberChanges}). MongoDB allows at most 50 members in a replica set.
 */
public final class MemberRules {

    public static final int MAX_NODES = 50;
    public static final int MAX_ALT_NAMES = 16;

    private MemberRules() {
    }

    /**
     * What is wrong with a member list, the rules registration applies to its nodes: well-formed names, hosts,
     * ports, roles and alternative names, no name and no host:port used twice. Member changes apply them to the list
     * the change would leave.
     */
    public static List<String> nodeViolations(List<NodeSpec> nodes) {
        var violations = new ArrayList<String>();
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeSpec node = nodes.get(i);
            String at = "nodes[" + i + "]";
            if (node == null) {
                violations.add(at + " must not be null");
                continue;
            }
            if (!IdRules.isId(node.name())) {
                violations.add(at + ".name must match " + IdRules.ID.pattern());
            } else if (!names.add(node.name())) {
                violations.add(at + ".name '" + node.name() + "' is used twice");
            }
            if (!IdRules.isHost(node.host())) {
                violations.add(at + ".host must be a host name or IP address");
            }
            if (node.port() < 1 || node.port() > 65535) {
                violations.add(at + ".port must be 1 to 65535");
            }
            if (IdRules.isHost(node.host()) && !addresses.add(node.host().toLowerCase() + ":" + node.port())) {
                violations.add(at + " address " + node.host() + ":" + node.port() + " is used twice");
            }
            if (node.role() == null) {
                violations.add(at + ".role is required (PRIMARY, SECONDARY or HIDDEN)");
            }
            if (node.altNames().size() > MAX_ALT_NAMES) {
                violations.add(at + ".altNames may list at most " + MAX_ALT_NAMES + " names");
            }
            for (String alt : node.altNames()) {
                if (!IdRules.isHost(alt)) {
                    violations.add(at + ".altNames entries must be host names or IP addresses");
                    break;
                }
            }
        }
        return violations;
    }
}
