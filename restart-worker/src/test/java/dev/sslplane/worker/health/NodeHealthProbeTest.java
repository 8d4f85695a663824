package dev.sslplane.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.ReplicaSetStatus;
import dev.sslplane.worker.nodeclient.ReplicaSetStatus.MemberStatus;
import dev.sslplane.worker.support.Events;
import dev.sslplane.testsupport.TestCa;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's judgement of the set (health, one primary, lag) and of the node's own TLS face. */
class NodeHealthProbeTest {

    private final List<NodeSpec> nodes = Events.threeNodes(27_100);
    private final Instant now = Instant.now();

    private MemberStatus member(int port, boolean healthy, String state, Duration behind) {
        return new MemberStatus("127.0.0.1:" + port, healthy, state, now.minus(behind), false, healthy ? null
                : "Couldn't get a connection within the time limit");
    }

    @Test
    void aSetIsHealthyWithEveryMemberUpOnePrimaryAndLittleLag() {
        var healthy = new ReplicaSetStatus("rs", List.of(member(27100, true, "PRIMARY", Duration.ZERO),
                member(27101, true, "SECONDARY", Duration.ofSeconds(3)), member(27102, true, "SECONDARY",
                        Duration.ZERO)));
        assertThat(SetHealth.problem(healthy, "rs", nodes, Duration.ofSeconds(10))).isEmpty();

        var lagging = new ReplicaSetStatus("rs", List.of(member(27100, true, "PRIMARY", Duration.ZERO),
                member(27101, true, "SECONDARY", Duration.ofSeconds(30)), member(27102, true, "SECONDARY",
                        Duration.ZERO)));
        assertThat(SetHealth.problem(lagging, "rs", nodes, Duration.ofSeconds(10))).get()
                .satisfies(p -> assertThat(p.node()).isEqualTo("s"))
                .satisfies(p -> assertThat(p.reason()).contains("node s (127.0.0.1:27101) is 30 s behind"));
        assertThat(SetHealth.problem(lagging, "rs", nodes, null)).as("pre-flight ignores lag").isEmpty();

        var sick = new ReplicaSetStatus("rs", List.of(member(27100, true, "PRIMARY", Duration.ZERO),
                member(27101, true, "SECONDARY", Duration.ZERO), member(27102, false, "(not reachable/healthy)",
                        Duration.ZERO)));
        assertThat(SetHealth.problem(sick, "rs", nodes, null)).get()
                .satisfies(p -> assertThat(p.node()).isEqualTo("h"))
                .satisfies(p -> assertThat(p.reason()).contains("node h (127.0.0.1:27102) is not healthy")
                        .contains("Couldn't get a connection"));

        var twoPrimaries = new ReplicaSetStatus("rs", List.of(member(27100, true, "PRIMARY", Duration.ZERO),
                member(27101, true, "PRIMARY", Duration.ZERO), member(27102, true, "SECONDARY", Duration.ZERO)));
        assertThat(SetHealth.problem(twoPrimaries, "rs", nodes, null)).get()
                .satisfies(p -> assertThat(p.reason()).startsWith("2 members are PRIMARY"));

        var missing = new ReplicaSetStatus("rs", List.of(member(27100, true, "PRIMARY", Duration.ZERO),
                member(27101, true, "SECONDARY", Duration.ZERO)));
        assertThat(SetHealth.problem(missing, "rs", nodes, null)).get()
                .satisfies(p -> assertThat(p.reason()).contains("node h (127.0.0.1:27102) is not a member"));
    }

    @Test
    void theNodesTlsFaceMustMatchItsMode() {
        var ca = new TestCa("probe CA", "Ed25519");
        var other = new TestCa("other CA", "Ed25519");
        var operator = new SimulatedNodeOperator(Duration.ZERO, Duration.ZERO, 0, 1.0);
        operator.seedTls("rs", nodes, TlsMode.PREFER, ca.pem());
        var probe = new NodeHealthProbe(operator.replicaSetClient(), Duration.ofSeconds(10));
        NodeSpec h = nodes.get(2);

        assertThat(probe.check("rs", nodes, h, new HealthExpectation(TlsMode.PREFER, ca.pem(), Connection.plain()))
                .block().healthy()).isTrue();
        assertThat(probe.check("rs", nodes, h, new HealthExpectation(TlsMode.PREFER, other.pem(),
                Connection.plain())).block().reason()).contains("refuses TLS connections verified against the"
                + " expected CA");
        assertThat(probe.check("rs", nodes, h, new HealthExpectation(TlsMode.DISABLED, null, Connection.plain()))
                .block().reason()).contains("accepts TLS connections although its mode is DISABLED");
        operator.runtimeMode("rs", "h", TlsMode.REQUIRE);
        assertThat(probe.check("rs", nodes, h, new HealthExpectation(TlsMode.PREFER, ca.pem(),
                Connection.verified(List.of(ca.pem())))).block().reason()).contains("refuses plain connections");
        assertThat(probe.check("rs", nodes, h, new HealthExpectation(TlsMode.REQUIRE, ca.pem(),
                Connection.verified(List.of(ca.pem())))).block().healthy()).isTrue();
        operator.role("rs", "s", NodeRole.PRIMARY);
        operator.stopped("rs", "p", true);
        assertThat(probe.check("rs", nodes, h, new HealthExpectation(TlsMode.REQUIRE, ca.pem(),
                Connection.verified(List.of(ca.pem())))).block().reason()).contains("node p (127.0.0.1:27100)"
                + " is not healthy");
    }
}
