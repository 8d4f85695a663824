package dev.sslplane.fleet;

import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.nodeclient.NodeClient;
import dev.sslplane.nodeclient.NodeClientException;
import dev.sslplane.nodeclient.TlsOptions;
import java.time.Duration;
import java.util.List;
import org.bson.Document;

/** replSetGetStatus as one member answers it: its own view of every member. */
record SetView(NodeAddress of, Document status) {

    private static final NodeClient CLIENT = new NodeClient(Duration.ofSeconds(2), Duration.ofSeconds(5));

    /** The member's view, asked over plain TCP (the members in these tests accept plain connections). */
    static SetView of(NodeAddress member) {
        return new SetView(member, CLIENT.replSetGetStatus(member, TlsOptions.plain()));
    }

    static String name(NodeAddress member) {
        return member.host() + ":" + member.port();
    }

    Document member(NodeAddress member) {
        return status.getList("members", Document.class).stream()
                .filter(m -> name(member).equals(m.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name(member) + " not in " + status.toJson()));
    }

    boolean healthy(NodeAddress member) {
        return member(member).get("health", Number.class).doubleValue() == 1.0;
    }

    String stateStr(NodeAddress member) {
        return member(member).getString("stateStr");
    }

    String lastHeartbeatMessage(NodeAddress member) {
        return member(member).getString("lastHeartbeatMessage");
    }

    long primaries() {
        return status.getList("members", Document.class).stream()
                .filter(m -> "PRIMARY".equals(m.getString("stateStr"))).count();
    }

    /** Every member sees every member healthy and exactly one primary. */
    static boolean healthyEverywhere(List<NodeAddress> members) {
        try {
            for (NodeAddress viewer : members) {
                SetView view = of(viewer);
                if (view.primaries() != 1 || !members.stream().allMatch(view::healthy)) {
                    return false;
                }
            }
            return true;
        } catch (NodeClientException e) {
            return false;
        }
    }
}
