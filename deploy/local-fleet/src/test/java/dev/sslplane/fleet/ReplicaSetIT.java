package dev.sslplane.fleet;

import static dev.sslplane.fleet.FleetApi.base;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.nodeclient.NodeCommandException;
import dev.sslplane.nodeclient.TlsOptions;
import java.time.Duration;
import java.util.List;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The members of an instance form a replica set from their own heartbeats, and act on what they see. */
class ReplicaSetIT extends FleetITBase {

    private static final Duration SETTLE = Duration.ofSeconds(30);


    @Test
    void threeMembersSeeEachOtherAndFollowOnePrimary() throws Exception {
        List<NodeAddress> members = threeMembers("rs-three", "4.0", "SECONDARY");
        await().atMost(SETTLE).until(() -> SetView.healthyEverywhere(members));
        SetView fromB = SetView.of(members.get(1));
        assertThat(fromB.stateStr(members.get(0))).isEqualTo("PRIMARY");
        assertThat(fromB.member(members.get(1)).getBoolean("self")).isTrue();
        Document hello = client.isMaster(members.get(2), TlsOptions.plain());
        assertThat(hello.getString("primary")).isEqualTo(SetView.name(members.get(0)));
        assertThat(hello.getList("hosts", String.class)).hasSize(3);

        // the primary writes; a secondary copies the primary's optime through its heartbeats
        BsonTimestamp primaryBefore = optime(SetView.of(members.get(0)), members.get(0));
        await().atMost(SETTLE).until(() -> optime(SetView.of(members.get(2)), members.get(2)).compareTo(primaryBefore) > 0);

        assertThatThrownBy(() -> client.replSetStepDown(members.get(1), TlsOptions.plain(), 10, 1))
                .isInstanceOfSatisfying(NodeCommandException.class, e -> {
                    assertThat(e.code()).isEqualTo(10107);
                    assertThat(e.errmsg()).isEqualTo("not primary so can't step down");
                });

        client.replSetStepDown(members.get(0), TlsOptions.plain(), 10, 5);
        await().atMost(SETTLE).until(() -> SetView.healthyEverywhere(members)
                && !"PRIMARY".equals(SetView.of(members.get(1)).stateStr(members.get(0))));
        assertThat(client.isMaster(members.get(0), TlsOptions.plain()).getBoolean("ismaster")).isFalse();
        assertThat(api.status("rs-three", "a").get("replState").asText()).isEqualTo("SECONDARY");
        assertThat(api.list("rs-three").stream().filter(n -> n.get("replState").asText().equals("PRIMARY")))
                .hasSize(1);
    }

    @Test
    void aPrimaryThatLosesTheMajorityStepsDownAndTheSetElectsWhenItComesBack() throws Exception {
        List<NodeAddress> members = threeMembers("rs-minority", "4.2", "SECONDARY");
        await().atMost(SETTLE).until(() -> SetView.healthyEverywhere(members));
        api.post(base("rs-minority", "b") + "/stop", null, 200);
        api.post(base("rs-minority", "c") + "/stop", null, 200);
        await().atMost(SETTLE).until(() -> !client.isMaster(members.get(0), TlsOptions.plain()).getBoolean("ismaster"));
        SetView alone = SetView.of(members.get(0));
        assertThat(alone.stateStr(members.get(1))).isEqualTo("(not reachable/healthy)");
        assertThat(alone.member(members.get(1)).get("health", Number.class).doubleValue()).isZero();
        assertThat(alone.primaries()).isZero();

        api.post(base("rs-minority", "b") + "/start", null, 200);
        api.post(base("rs-minority", "c") + "/start", null, 200);
        await().atMost(SETTLE).until(() -> SetView.healthyEverywhere(members));
    }

    @Test
    void stepDownWithoutAnElectableMemberFailsAsOnMongod() throws Exception {
        List<NodeAddress> members = threeMembers("rs-hidden", "3.4", "HIDDEN");
        await().atMost(SETTLE).until(() -> SetView.healthyEverywhere(members));
        api.post(base("rs-hidden", "b") + "/stop", null, 200);
        await().atMost(SETTLE).until(() -> !SetView.of(members.get(0)).healthy(members.get(1)));
        assertThat(client.isMaster(members.get(2), TlsOptions.plain()).getBoolean("hidden")).isTrue();
        assertThatThrownBy(() -> client.replSetStepDown(members.get(0), TlsOptions.plain(), 10, 5))
                .isInstanceOfSatisfying(NodeCommandException.class, e -> {
                    assertThat(e.code()).isEqualTo(262);
                    assertThat(e.errmsg()).startsWith("No electable secondaries caught up as of");
                });
        assertThat(client.isMaster(members.get(0), TlsOptions.plain()).getBoolean("ismaster"))
                .as("the primary and the hidden member still make a majority").isTrue();
    }

    private static BsonTimestamp optime(SetView view, NodeAddress member) {
        return view.member(member).get("optime", Document.class).get("ts", BsonTimestamp.class);
    }
}
