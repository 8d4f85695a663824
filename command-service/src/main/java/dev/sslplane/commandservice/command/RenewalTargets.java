package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.NodeSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which members a renewal of node certificates drives: every member, or the ones the command names (the single-node
 * operation that gives a replacement member a certificate of the current CA at once). Each named member must be a
 * current member, named once. Renewing some members is as safe as renewing all: the CA, the mode and every node's
 * trust stay, so the members left alone keep working with the renewed ones, and each renewed node is restarted by
 * the same step as in a full renewal (a primary is stepped down first).
 */
final class RenewalTargets {

    private RenewalTargets() {
    }

    /**
     * @param members the names the command gave; empty = every member
     * @return the members to renew, in member order, or {@code null} for every member
     */
    static List<String> of(String instanceId, List<NodeSpec> nodes, List<String> members) {
        if (members.isEmpty()) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        List<String> repeated = members.stream().filter(name -> !seen.add(name)).distinct().toList();
        if (!repeated.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "cannot renew the node certificates of "
                    + instanceId + ": the members list names " + String.join(", ", repeated) + " more than once",
                    Map.of("violations", List.of("members must name each member once; repeated: "
                            + String.join(", ", repeated))));
        }
        for (String name : members) {
            MemberChanges.existing(instanceId, nodes, name);
        }
        List<String> targets = nodes.stream().map(NodeSpec::name).filter(members::contains).toList();
        return targets.size() == nodes.size() ? null : targets;
    }

    /** The members whose steps run: all of {@code nodes}, or those named in {@code targets}. */
    static List<NodeSpec> stepped(List<NodeSpec> nodes, List<String> targets) {
        return targets == null ? nodes : nodes.stream().filter(node -> targets.contains(node.name())).toList();
    }

    /**
     * The targets after the members changed while the operation is FAILED: a member that left is no longer renewed,
     * and one that joined (a replacement, typically) is, so its retry gives it the current CA's certificate too.
     *
     * @param before the member names before the change
     */
    static List<String> afterMembersChanged(List<String> targets, Set<String> before, List<NodeSpec> after) {
        if (targets == null) {
            return null;
        }
        return after.stream().map(NodeSpec::name)
                .filter(name -> targets.contains(name) || !before.contains(name)).toList();
    }
}
