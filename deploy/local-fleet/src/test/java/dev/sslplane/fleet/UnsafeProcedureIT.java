package dev.sslplane.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.nodeclient.TlsOptions;
import dev.sslplane.testsupport.TestCa;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Negative controls: procedures that break a real replica set must break a fleet set too, in the same
 * place and for the same reason, or the worker's tests of the safe procedures would prove nothing. Each
 * unsafe case has its documented, safe counterpart, which must keep every member healthy throughout.
 */
class UnsafeProcedureIT extends FleetITBase {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final List<String> NAMES = List.of("a", "b", "c");


    private static List<NodeAddress> plainSet(String instance, String engine) throws Exception {
        List<NodeAddress> members = threeMembers(instance, engine, "SECONDARY");
        await().atMost(SETTLE).until(() -> SetView.healthyEverywhere(members));
        return members;
    }

    /** Restarts one member with its current files and waits until the whole set is healthy again. */
    private static void restartKeepingTheSetHealthy(String instance, String node, List<NodeAddress> members)
            throws Exception {
        api.restart(instance, node, 200);
        await().atMost(SETTLE).until(() -> SetView.healthyEverywhere(members));
    }

    /** Every member with CA1's certificate, CAFile = CA1 and preferTLS (4.2), through allowTLS first. */
    private static List<NodeAddress> preferSet(String instance, TestCa ca1) throws Exception {
        List<NodeAddress> members = plainSet(instance, "4.2");
        for (String node : NAMES) {
            api.installTls(instance, node, ca1, ca1.pem());
            api.writeConfig(instance, node, api.tlsConfig(instance, node, "4.2", "allowTLS"));
            restartKeepingTheSetHealthy(instance, node, members);
        }
        for (String node : NAMES) {
            api.writeConfig(instance, node, api.tlsConfig(instance, node, "4.2", "preferTLS"));
            restartKeepingTheSetHealthy(instance, node, members);
        }
        return members;
    }

    @Test
    void rotatingOneMemberToANewCaInOnePassSplitsItFromTheSet() throws Exception {
        var ca1 = new TestCa("split CA one");
        var ca2 = new TestCa("split CA two");
        List<NodeAddress> m = preferSet("split-ca", ca1);
        NodeAddress a = m.get(0);
        NodeAddress b = m.get(1);
        NodeAddress c = m.get(2);

        api.installTls("split-ca", "c", ca2, ca2.pem());
        api.restart("split-ca", "c", 200);

        await().atMost(SETTLE).until(() -> !SetView.of(c).healthy(a) && !SetView.of(c).healthy(b)
                && !SetView.of(a).healthy(c) && !SetView.of(b).healthy(c)
                && !SetView.of(c).lastHeartbeatMessage(a).isEmpty() && !SetView.of(c).lastHeartbeatMessage(b).isEmpty());
        SetView fromC = SetView.of(c);
        SetView fromA = SetView.of(a);
        SetView fromB = SetView.of(b);
        assertThat(fromC.lastHeartbeatMessage(a)).as("c cannot verify a against CA two only")
                .contains("TLS_HANDSHAKE").contains("PKIX");
        assertThat(fromC.lastHeartbeatMessage(b)).contains("TLS_HANDSHAKE").contains("PKIX");
        assertThat(fromA.lastHeartbeatMessage(c)).as("a cannot verify c's new certificate against CA one")
                .contains("TLS_HANDSHAKE").contains("PKIX");
        assertThat(fromB.lastHeartbeatMessage(c)).contains("TLS_HANDSHAKE").contains("PKIX");
        assertThat(fromA.healthy(b)).as("the unrotated members still see each other").isTrue();
        assertThat(fromC.stateStr(a)).isEqualTo("(not reachable/healthy)");
    }

    @Test
    void rotatingWithTheBundleFirstKeepsEveryMemberHealthy() throws Exception {
        var ca1 = new TestCa("bundle CA one");
        var ca2 = new TestCa("bundle CA two");
        List<NodeAddress> members = preferSet("bundle-ca", ca1);
        String bundle = ca1.pem() + ca2.pem();
        for (String node : NAMES) {
            api.put(FleetApi.base("bundle-ca", node) + "/tls/ca", java.util.Map.of("caPem", bundle), 200);
            restartKeepingTheSetHealthy("bundle-ca", node, members);
        }
        for (String node : NAMES) {
            api.installTls("bundle-ca", node, ca2, bundle);
            restartKeepingTheSetHealthy("bundle-ca", node, members);
        }
        for (String node : NAMES) {
            api.put(FleetApi.base("bundle-ca", node) + "/tls/ca", java.util.Map.of("caPem", ca2.pem()), 200);
            restartKeepingTheSetHealthy("bundle-ca", node, members);
        }
        assertThat(api.status("bundle-ca", "a").get("trustedCas")).hasSize(1);
        assertThat(api.status("bundle-ca", "a").get("trustedCas").get(0).get("subject").asText())
                .contains("bundle CA two");
    }

    @Test
    void movingOneMemberStraightToPreferCutsItOffFromPlainMembers() throws Exception {
        var ca = new TestCa("straight CA");
        List<NodeAddress> m = plainSet("straight-prefer", "4.0");
        NodeAddress a = m.get(0);
        NodeAddress b = m.get(1);
        NodeAddress c = m.get(2);
        api.installTls("straight-prefer", "c", ca, ca.pem());
        api.writeConfig("straight-prefer", "c", api.tlsConfig("straight-prefer", "c", "4.0", "preferSSL"));
        api.restart("straight-prefer", "c", 200);

        // a fresh member sees nobody until its first heartbeats: wait for their verdict, not for the empty view
        await().atMost(SETTLE).until(() -> !SetView.of(c).healthy(a) && !SetView.of(c).healthy(b)
                && !SetView.of(c).lastHeartbeatMessage(a).isEmpty() && !SetView.of(c).lastHeartbeatMessage(b).isEmpty());
        SetView fromC = SetView.of(c);
        assertThat(fromC.lastHeartbeatMessage(a)).as("c's TLS heartbeats are refused by a, which runs disabled")
                .contains("TLS_HANDSHAKE");
        assertThat(fromC.lastHeartbeatMessage(b)).contains("TLS_HANDSHAKE");
        assertThat(SetView.of(b).healthy(a)).as("the plain members still see each other").isTrue();
        assertThat(SetView.of(a).healthy(c)).as("a's plain heartbeats still reach c (prefer accepts plain)")
                .isTrue();
    }

    @Test
    void allowOnEveryMemberFirstThenPreferKeepsTheSetHealthy() throws Exception {
        var ca = new TestCa("stepwise CA");
        List<NodeAddress> members = plainSet("stepwise", "4.0");
        for (String node : NAMES) {
            api.installTls("stepwise", node, ca, ca.pem());
            api.writeConfig("stepwise", node, api.tlsConfig("stepwise", node, "4.0", "allowSSL"));
            restartKeepingTheSetHealthy("stepwise", node, members);
        }
        TlsOptions trusting = TlsOptions.verified(dev.sslplane.nodeclient.Pems.trusting(ca.pem()));
        for (NodeAddress member : members) {
            client.setParameter(member, trusting, "sslMode", "preferSSL");
            await().atMost(SETTLE).until(() -> SetView.healthyEverywhere(members));
        }
        for (NodeAddress member : members) {
            assertThat(client.getParameter(member, trusting, "sslMode").getString("sslMode")).isEqualTo("preferSSL");
        }
    }
}
