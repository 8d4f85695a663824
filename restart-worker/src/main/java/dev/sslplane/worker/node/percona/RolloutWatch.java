package dev.sslplane.worker.node.percona;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.PerconaTarget;
import dev.sslplane.worker.node.NodeOperatorException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the Percona operator's rollout of a pass's change in the cluster's {@code status}: a node is done when its
 * member was seen down or unhealthy in {@code status.replsets.<rs>.members} since the change and is healthy again,
 * or when the whole rollout is ({@code status.state} {@code ready} after it was seen otherwise). {@code error} for
 * longer than the error grace fails the step with the Percona operator's own message.
 */
final class RolloutWatch {

    private static final Set<String> HEALTHY_MEMBER = Set.of("PRIMARY", "SECONDARY", "ARBITER");
    /**
     * The engine asks again at most 5 s apart within a step; a longer silence means the step ended some other way
     * (its timeout), and the next look belongs to a new step, for which the error grace starts anew.
     */
    private static final Duration NEW_LOOK = Duration.ofSeconds(15);

    /** The rollout has not reached the node yet: worth asking again. */
    static final class NotYet extends NodeOperatorException {
        NotYet(String message) {
            super(message, true);
        }
    }

    /** The change a pass is rolling out on an instance, and what the worker has seen of the rollout since. */
    static final class Rollout {
        private final String change;
        private volatile boolean sawNotReady;
        private final Set<String> membersSeenDown = ConcurrentHashMap.newKeySet();
        private volatile Instant errorSince;
        private volatile Instant lastLook;

        private Rollout(String change, boolean sawNotReady) {
            this.change = change;
            this.sawNotReady = sawNotReady;
        }
    }

    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    private final Duration errorGrace;
    private final Clock clock;

    RolloutWatch(Duration errorGrace, Clock clock) {
        this.errorGrace = errorGrace;
        this.clock = clock;
    }

    /**
     * The rollout of {@code applied}: a new one when this call changed the cluster; otherwise the one already
     * followed for the same change (what was seen of it so far still counts), or one that assumes the rollout has
     * begun (an earlier run applied it).
     */
    Rollout of(String instanceId, PassChange.Applied applied) {
        if (applied.changed()) {
            var rollout = new Rollout(applied.change(), false);
            rollouts.put(instanceId, rollout);
            return rollout;
        }
        return rollouts.compute(instanceId, (id, known) ->
                known != null && known.change.equals(applied.change()) ? known : new Rollout(applied.change(), true));
    }

    /** Returns once the node's member has restarted with the change; throws {@link NotYet} while it has not. */
    void awaitMember(PerconaCluster cluster, Rollout rollout, NodeSpec node) {
        check(cluster.read(), cluster.target, cluster.describe(), rollout, node);
    }

    /** {@link #awaitMember} on the resource as just read. */
    void check(GenericKubernetesResource current, PerconaTarget target, String cluster, Rollout rollout,
               NodeSpec node) {
        String state = Objects.toString(current.get("status", "state"), "unknown");
        Map<String, String> members = members(current, target);
        members.forEach((name, memberState) -> {
            if (!HEALTHY_MEMBER.contains(memberState)) {
                rollout.membersSeenDown.add(name);
            }
        });
        String member = memberOf(node, members.keySet(), target);
        if (member == null && !members.isEmpty()) {
            rollout.membersSeenDown.add(node.name());
        }
        if (!"ready".equals(state)) {
            rollout.sawNotReady = true;
        }
        failOnLastingError(cluster, rollout, current, state);
        boolean healthy = member != null ? HEALTHY_MEMBER.contains(members.get(member)) : members.isEmpty();
        boolean restarted = member != null && rollout.membersSeenDown.contains(member)
                || rollout.membersSeenDown.contains(node.name());
        boolean rolledOut = "ready".equals(state) && rollout.sawNotReady;
        if (healthy && (restarted || rolledOut)) {
            return;
        }
        String why = !rollout.sawNotReady ? "the rollout has not begun (status.state " + state + ")"
                : "status.state " + state + ", member " + (member == null ? node.name() + " not listed"
                : member + " " + members.get(member)) + (restarted ? "" : ", not restarted yet");
        String words = message(current);
        throw new NotYet("waiting for the Percona operator to roll " + cluster + " out: " + why
                + (words.isEmpty() ? "" : " (" + words + ")"));
    }

    private void failOnLastingError(String cluster, Rollout rollout, GenericKubernetesResource current,
                                    String state) {
        Instant now = clock.instant();
        if (rollout.lastLook == null || Duration.between(rollout.lastLook, now).compareTo(NEW_LOOK) > 0) {
            rollout.errorSince = null;
        }
        rollout.lastLook = now;
        if (!"error".equals(state)) {
            rollout.errorSince = null;
            return;
        }
        Instant since = rollout.errorSince == null ? now : rollout.errorSince;
        rollout.errorSince = since;
        String message = message(current);
        Duration lasting = Duration.between(since, now);
        if (lasting.compareTo(errorGrace) >= 0) {
            // this fails the step; a Retry is a new step whose grace starts at its own first look, even if that look
            // still reads the error the Percona operator has not yet replaced
            rollout.errorSince = null;
            rollout.lastLook = null;
            throw new NodeOperatorException("the Percona operator reports error for " + cluster
                    + " (for " + lasting.toSeconds() + " s): " + message, false, NodeFailureCode.NODE_START_FAILED);
        }
        throw new NotYet("the Percona operator reports error for " + cluster + ": " + message);
    }

    /** Members of the replica set in status, by name, with their state word ({@code PRIMARY}, ...). */
    @SuppressWarnings("unchecked")
    static Map<String, String> members(GenericKubernetesResource resource, PerconaTarget target) {
        Object raw = resource.get("status", "replsets", target.replsetName(), "members");
        var members = new LinkedHashMap<String, String>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((key, value) -> members.put(String.valueOf(key),
                    stateOf(value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of())));
        } else if (raw instanceof List<?> list) {
            for (Object value : list) {
                if (value instanceof Map<?, ?> m && m.get("name") != null) {
                    members.put(String.valueOf(m.get("name")), stateOf((Map<String, Object>) m));
                }
            }
        }
        return members;
    }

    private static String stateOf(Map<String, Object> member) {
        Object word = member.get("stateStr");
        if (word == null) {
            word = member.get("state");
        }
        return word == null ? "UNKNOWN" : String.valueOf(word).toUpperCase(Locale.ROOT);
    }

    /** The status entry of a node: its name, the pod name {@code <cluster>-<node>}, or its host:port. */
    static String memberOf(NodeSpec node, Iterable<String> members, PerconaTarget target) {
        for (String name : members) {
            if (name.equals(node.name()) || name.equals(target.name() + "-" + node.name())
                    || name.equals(node.host() + ":" + node.port())) {
                return name;
            }
        }
        return null;
    }

    /** The Percona operator's own words about its state: {@code status.message}, else its latest condition's. */
    static String message(GenericKubernetesResource resource) {
        Object message = resource.get("status", "message");
        if (message != null && !String.valueOf(message).isBlank()) {
            return String.valueOf(message);
        }
        if (resource.get("status", "conditions") instanceof List<?> conditions) {
            for (int i = conditions.size() - 1; i >= 0; i--) {
                if (conditions.get(i) instanceof Map<?, ?> c && c.get("message") != null
                        && !String.valueOf(c.get("message")).isBlank()) {
                    return String.valueOf(c.get("message"));
                }
            }
        }
        return "";
    }
}
