package dev.sslplane.worker.node.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.worker.health.HealthExpectation;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeState;
import dev.sslplane.worker.node.TlsSettings;
import dev.sslplane.worker.support.Events;
import dev.sslplane.worker.support.TestCa;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A simulated node takes only a certificate for the key it made last, whether made ahead or on request. */
class SimulatedNodeOperatorTest {

    private final SimulatedNodeOperator operator = new SimulatedNodeOperator(Duration.ofMillis(1), Duration.ZERO,
            0, 1.0);
    private final InstanceRef instance = new InstanceRef("rs-1", 100);
    private final NodeState primary = state(0);
    private final NodeState secondary = state(1);
    private final TestCa ca = new TestCa("sim CA", "Ed25519");

    private static NodeState state(int index) {
        var spec = Events.threeNodes(27_100).get(index);
        return new NodeState(spec, spec.role(), spec.host(), spec.port());
    }

    @Test
    void aPreparedCsrIsHandedOutOnceAndOnlyForTheSameNames() {
        List<String> names = primary.spec().subjectAltNames();
        operator.prepareCsr("rs-1", "p", names);
        String first = operator.createCsr(instance, primary, names).block();
        String second = operator.createCsr(instance, primary, names).block();
        assertThat(second).as("a prepared CSR is used once").isNotEqualTo(first);

        operator.prepareCsr("rs-1", "s", List.of("other.example"));
        String forOtherNames = operator.createCsr(instance, secondary, secondary.spec().subjectAltNames()).block();
        assertThat(ca.issue(forOtherNames).subjectAltNames()).isEqualTo(secondary.spec().subjectAltNames());
    }

    @Test
    void onlyACertificateForTheNodesLatestKeyIsTaken() {
        List<String> names = primary.spec().subjectAltNames();
        operator.prepareCsr("rs-1", "p", names);
        String earlier = ca.sign(operator.createCsr(instance, primary, names).block());
        String latest = ca.sign(operator.createCsr(instance, primary, names).block());

        assertThatThrownBy(() -> operator.restart(instance, primary, new TlsSettings(true, earlier, ca.pem())).block())
                .isInstanceOf(NodeOperatorException.class).hasMessageContaining("does not belong");
        operator.restart(instance, primary, new TlsSettings(true, latest, ca.pem())).block();
        assertThat(operator.check(instance, primary, new HealthExpectation(true, ca.pem())).block().healthy()).isTrue();
    }
}
