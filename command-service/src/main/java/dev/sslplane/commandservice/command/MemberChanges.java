package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The member list a change would leave, and whether it may: the node rules of registration ({@link MemberRules}),
 * 1 to 50 members, exactly one member registered as PRIMARY, the node operator's target covering the members, and
 * no name that left during the current failed operation (its steps were that node's, not a newcomer's). Pure
 * functions of the aggregate's state, so the aggregate only decides and applies.
 */
final class MemberChanges {

    private MemberChanges() {
    }

    static List<NodeSpec> add(List<NodeSpec> nodes, NodeSpec member) {
        var after = new ArrayList<>(nodes);
        after.add(member);
        return List.copyOf(after);
    }

    static List<NodeSpec> remove(List<NodeSpec> nodes, String memberName) {
        return nodes.stream().filter(n -> !n.name().equals(memberName)).toList();
    }

    /** The replacement takes the replaced member's place in the list, so the order of the others stays. */
    static List<NodeSpec> replace(List<NodeSpec> nodes, String memberName, NodeSpec replacement) {
        return nodes.stream().map(n -> n.name().equals(memberName) ? replacement : n).toList();
    }

    static NodeSpec existing(String instanceId, List<NodeSpec> nodes, String memberName) {
        return nodes.stream().filter(n -> n.name().equals(memberName)).findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.MEMBER_NOT_FOUND,
                        "instance " + instanceId + " has no member " + memberName,
                        Map.of("memberName", String.valueOf(memberName),
                                "members", nodes.stream().map(NodeSpec::name).toList())));
    }

    /**
     * Refuses a change whose resulting list breaks a rule, listing every violation.
     *
     * @param departed names that left during the current failed operation (empty without one)
     */
    static void requireValid(String instanceId, List<NodeSpec> after, NodeOperatorTarget operator,
                             Set<String> departed, List<String> alreadyFound) {
        var violations = new ArrayList<>(alreadyFound);
        if (after.isEmpty() || after.size() > MemberRules.MAX_NODES) {
            violations.add("a replica set has 1 to " + MemberRules.MAX_NODES + " members; the change leaves "
                    + after.size());
        } else {
            violations.addAll(MemberRules.nodeViolations(after));
            long primaries = after.stream().filter(n -> n.role() == NodeRole.PRIMARY).count();
            if (primaries != 1) {
                violations.add("exactly one member must be registered as PRIMARY; the change leaves " + primaries);
            }
            if (operator != null) {
                violations.addAll(operator.violations(after));
            }
        }
        after.stream().map(NodeSpec::name).filter(departed::contains).forEach(name -> violations.add("member name "
                + name + " left during the failed operation; give the new member another name"));
        if (!violations.isEmpty()) {
            throw new DomainException(ErrorCode.MEMBERSHIP_INVALID, "the member change of " + instanceId
                    + " is refused: " + String.join("; ", violations), Map.of("violations", List.copyOf(violations)));
        }
    }
}
