package dev.sslplane.worker.health;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.ReplicaSetStatus;
import dev.sslplane.worker.nodeclient.ReplicaSetStatus.MemberStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Judges a {@code replSetGetStatus} answer: every registered node is a member, every member has {@code health: 1},
 * exactly one is PRIMARY and, when {@code maxLag} is given, no member is further behind the primary than that.
 * Problems name the nodes by their registered names.
 */
public final class SetHealth {

    /**
     * What is wrong with the set.
     *
     * @param node   the registered node the problem is about, or {@code null} when it is about the whole set or a
     *               member that is not registered
     * @param reason in words, naming the node or member
     */
    public record Problem(String node, String reason) {
    }

    private SetHealth() {
    }

    /** The first thing wrong with the set, or empty when it is healthy. */
    public static Optional<Problem> problem(ReplicaSetStatus status, String instanceId, List<NodeSpec> nodes,
                                            Duration maxLag) {
        Map<String, String> names = nodes.stream().collect(Collectors.toMap(
                n -> Member.of(instanceId, n).address(), NodeSpec::name, (a, b) -> a));
        for (NodeSpec node : nodes) {
            String address = Member.of(instanceId, node).address();
            if (status.member(address).isEmpty()) {
                return Optional.of(new Problem(node.name(), "node " + node.name() + " (" + address
                        + ") is not a member of replica set " + status.set()));
            }
        }
        for (MemberStatus member : status.members()) {
            if (!member.healthy()) {
                String heartbeat = member.lastHeartbeatMessage();
                return Optional.of(new Problem(names.get(member.name()), describe(names, member.name())
                        + " is not healthy (" + member.stateStr()
                        + (heartbeat == null || heartbeat.isBlank() ? "" : ": " + heartbeat) + ")"));
            }
        }
        List<MemberStatus> primaries = status.primaries();
        if (primaries.size() != 1) {
            return Optional.of(new Problem(null, primaries.isEmpty() ? "no member is PRIMARY"
                    : primaries.size() + " members are PRIMARY: " + primaries.stream()
                    .map(m -> describe(names, m.name())).collect(Collectors.joining(", "))));
        }
        if (maxLag != null) {
            MemberStatus primary = primaries.get(0);
            for (MemberStatus member : status.members()) {
                Duration lag = ReplicaSetStatus.lag(primary, member);
                if (lag.compareTo(maxLag) > 0) {
                    return Optional.of(new Problem(names.get(member.name()), describe(names, member.name()) + " is "
                            + lag.toSeconds() + " s behind the primary (at most " + maxLag.toSeconds() + " s)"));
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(Map<String, String> names, String address) {
        return names.containsKey(address) ? "node " + names.get(address) + " (" + address + ")" : "member " + address;
    }
}
