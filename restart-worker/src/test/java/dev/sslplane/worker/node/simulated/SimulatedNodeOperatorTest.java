package dev.sslplane.worker.node.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.nodeclient.NodeClientException;
import dev.sslplane.nodeclient.NodeCommandException;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeTlsConfig;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.support.Events;
import dev.sslplane.testsupport.TestCa;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Simulated nodes take only a certificate for the key they made last, and their replica set behaves like mongod's:
 * modes decide who reaches whom, step-down needs an electable member, runtime modes only go up.
 */
class SimulatedNodeOperatorTest {

    private final SimulatedNodeOperator operator = new SimulatedNodeOperator(Duration.ofMillis(1), Duration.ZERO,
            0, 1.0);
    private final InstanceRef instance = new InstanceRef("rs-1", 100, EngineVersion.V4_0);
    private final List<NodeSpec> nodes = Events.threeNodes(27_100);
    private final NodeSpec primary = nodes.get(0);
    private final NodeSpec secondary = nodes.get(1);
    private final TestCa ca = new TestCa("sim CA", "Ed25519");
    SimulatedNodeOperatorTest() {
        operator.replicaSetClient().registered("rs-1", nodes);
    }

    private Member member(NodeSpec node) {
        return Member.of("rs-1", node);
    }

    @Test
    void aPreparedCsrIsHandedOutOnceAndOnlyForTheSameNames() {
        List<String> names = primary.subjectAltNames();
        operator.prepareCsr("rs-1", "p", names);
        String first = operator.createCsr(instance, primary, names).block();
        String second = operator.createCsr(instance, primary, names).block();
        assertThat(second).as("a prepared CSR is used once").isNotEqualTo(first);

        operator.prepareCsr("rs-1", "s", List.of("other.example"));
        String forOtherNames = operator.createCsr(instance, secondary, secondary.subjectAltNames()).block();
        assertThat(ca.issue(forOtherNames).subjectAltNames()).isEqualTo(secondary.subjectAltNames());
    }

    @Test
    void onlyACertificateForTheNodesLatestKeyIsTaken() {
        List<String> names = primary.subjectAltNames();
        String earlier = ca.sign(operator.createCsr(instance, primary, names).block()) + ca.pem();
        String latest = ca.sign(operator.createCsr(instance, primary, names).block()) + ca.pem();

        assertThatThrownBy(() -> operator.restart(instance, primary, allowWith(earlier)).block())
                .isInstanceOf(NodeOperatorException.class).hasMessageContaining("does not belong");
        operator.restart(instance, primary, allowWith(latest)).block();
        var client = operator.replicaSetClient();
        assertThat(client.isMaster(member(primary), Connection.verified(List.of(ca.pem()))).block().primary()).isTrue();
        assertThat(client.isMaster(member(primary), Connection.plain()).block()).isNotNull();
    }

    @Test
    void aModeWithoutACertificateDoesNotStart() {
        var config = new NodeTlsConfig(EngineVersion.V4_0, TlsMode.PREFER, NodeTlsConfig.Certificate.keep(),
                NodeTlsConfig.CaFile.replaceWith(List.of(ca.pem())));
        assertThatThrownBy(() -> operator.restart(instance, secondary, config).block())
                .isInstanceOfSatisfying(NodeOperatorException.class, e -> {
                    assertThat(e.code()).isEqualTo(NodeFailureCode.NODE_START_FAILED);
                    assertThat(e.getMessage()).contains("preferSSL needs a certificate key file");
                });
        assertThatThrownBy(() -> operator.replicaSetClient().isMaster(member(secondary), Connection.plain()).block())
                .isInstanceOf(NodeClientException.class).hasMessageContaining("refused");
    }

    @Test
    void membersThatCannotReachEachOtherMakeTheSetUnhealthy() {
        operator.seedTls("rs-1", nodes, TlsMode.ALLOW, ca.pem());
        var client = operator.replicaSetClient();
        operator.runtimeMode("rs-1", "p", TlsMode.PREFER);
        operator.runtimeMode("rs-1", "h", TlsMode.DISABLED);
        var status = client.replSetGetStatus(member(primary), Connection.plain()).block();
        assertThat(status.member("127.0.0.1:27102").orElseThrow().healthy())
                .as("a preferTLS member cannot reach a disabled one").isFalse();
        assertThat(status.member("127.0.0.1:27101").orElseThrow().healthy()).isTrue();
    }

    @Test
    void stepDownHandsOverToAnElectableMemberAndRuntimeModesOnlyGoUp() {
        var client = operator.replicaSetClient();
        assertThatThrownBy(() -> client.stepDown(member(secondary), Connection.plain(), Duration.ofSeconds(60),
                Duration.ofSeconds(10)).block()).isInstanceOfSatisfying(NodeCommandException.class,
                e -> assertThat(e.code()).isEqualTo(10107));
        client.stepDown(member(primary), Connection.plain(), Duration.ofSeconds(60), Duration.ofSeconds(10)).block();
        assertThat(client.isMaster(member(secondary), Connection.plain()).block().primary()).isTrue();

        operator.stopped("rs-1", "p", true);
        assertThatThrownBy(() -> client.stepDown(member(secondary), Connection.plain(), Duration.ofSeconds(60),
                Duration.ofSeconds(10)).block()).as("the hidden member is not electable")
                .isInstanceOfSatisfying(NodeCommandException.class, e -> assertThat(e.errmsg())
                        .contains("No electable secondaries"));

        operator.seedTls("rs-1", nodes, TlsMode.ALLOW, ca.pem());
        assertThatThrownBy(() -> client.setMode(member(secondary), Connection.plain(), EngineVersion.V4_2,
                TlsMode.REQUIRE).block()).isInstanceOfSatisfying(NodeCommandException.class, e -> {
                    assertThat(e.code()).isEqualTo(2);
                    assertThat(e.errmsg()).isEqualTo(
                            "Illegal state transition for tlsMode, attempt to change from allowTLS to requireTLS");
                });
        client.setMode(member(secondary), Connection.plain(), EngineVersion.V4_2, TlsMode.PREFER).block();
        assertThat(client.mode(member(secondary), Connection.plain(), EngineVersion.V4_2).block())
                .isEqualTo(TlsMode.PREFER);
        assertThat(operator.trustedCaSerials(instance, secondary).block())
                .containsExactly(ca.certificate().getSerialNumber().toString(16));
    }

    private NodeTlsConfig allowWith(String chain) {
        return new NodeTlsConfig(EngineVersion.V4_0, TlsMode.ALLOW, NodeTlsConfig.Certificate.replaceWith(chain),
                NodeTlsConfig.CaFile.replaceWith(List.of(ca.pem())));
    }
}
