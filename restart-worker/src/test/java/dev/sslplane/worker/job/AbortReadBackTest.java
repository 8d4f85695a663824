package dev.sslplane.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.progress.NodeStatesObservedReport;
import dev.sslplane.testsupport.TestCa;
import dev.sslplane.worker.health.NodeStateReader;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator;
import dev.sslplane.worker.support.CollectingProgress;
import dev.sslplane.worker.support.Events;
import dev.sslplane.worker.support.Harness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read-back of an aborted operation's nodes: each node as it is (mode, CA file, issuer of the certificate it
 * presents), a node that cannot be read named with the reason, and one report per abort however often it is asked.
 */
class AbortReadBackTest {

    private static final String INSTANCE = "rs-readback";

    private final Harness harness = new Harness();
    private final TestCa before = new TestCa("CA before the rotation", "Ed25519");
    private final TestCa rotated = new TestCa("the rotation's CA", "Ed25519");
    private final SimulatedNodeOperator nodes = new SimulatedNodeOperator(Duration.ZERO, Duration.ZERO, 10_000, 1.0);
    private final CollectingProgress progress = new CollectingProgress();
    private final AbortReadBack readBack = new AbortReadBack(harness.store,
            new NodeStateReader(nodes.replicaSetClient(), nodes), progress, Clock.systemUTC(), Duration.ofHours(1));

    @AfterEach
    void close() {
        harness.close();
    }

    /** A rotation whose job is recorded, its three nodes in preferTLS with certificates of the CA before. */
    private CertificateRotatedEvent rotationRecorded() {
        var rotation = Events.rotated(INSTANCE, "op-rotate", rotated, before, Events.threeNodes(27_300),
                TlsMode.PREFER, false);
        harness.store.recordAll(List.of(rotation), Instant.now()).block();
        nodes.seedTls(INSTANCE, rotation.nodes(), TlsMode.PREFER, before.pem());
        return rotation;
    }

    private static String serial(TestCa ca) {
        return ca.certificate().getSerialNumber().toString(16);
    }

    @Test
    void eachNodeIsReadBackAsItIsAndANodeThatDoesNotAnswerIsNamedWithTheReason() {
        var rotation = rotationRecorded();
        String n0 = rotation.nodes().get(0).name();
        String n1 = rotation.nodes().get(1).name();
        String n2 = rotation.nodes().get(2).name();
        nodes.runtimeMode(INSTANCE, n1, TlsMode.REQUIRE);
        nodes.stopped(INSTANCE, n2, true);

        NodeStatesObservedReport report = readBack.observe(harness.store.find("op-rotate").block()).block();

        assertThat(report.nodes()).containsExactly(
                new NodeTlsState(n0, TlsMode.PREFER, List.of(serial(before)), serial(before), true),
                // requires TLS: its mode is read over TLS verified against the operation's CAs
                new NodeTlsState(n1, TlsMode.REQUIRE, List.of(serial(before)), serial(before), true));
        assertThat(report.unreadNodes()).containsOnlyKeys(n2);
        assertThat(report.unreadNodes().get(n2)).contains(n2);
    }

    @Test
    void aNodeWithTlsDisabledPresentsNoCertificate() {
        var rotation = rotationRecorded();
        String n0 = rotation.nodes().get(0).name();
        nodes.runtimeMode(INSTANCE, n0, TlsMode.DISABLED);

        NodeStatesObservedReport report = readBack.observe(harness.store.find("op-rotate").block()).block();

        assertThat(report.nodes()).filteredOn(s -> s.node().equals(n0)).singleElement()
                .satisfies(state -> {
                    assertThat(state.mode()).isEqualTo(TlsMode.DISABLED);
                    assertThat(state.certificateCaSerial()).isNull();
                });
    }

    @Test
    void anAbortIsReadBackOnceHoweverOftenItIsMarked() {
        rotationRecorded();
        assertThat(harness.store.markReadBack("op-rotate").block()).isTrue();
        assertThat(harness.store.pendingReadBacks().collectList().block()).containsExactly("op-rotate");

        readBack.readBack("op-rotate").block();

        assertThat(progress.of("op-rotate")).singleElement()
                .extracting(CollectingProgress.Sent::report).isInstanceOf(NodeStatesObservedReport.class);
        assertThat(harness.store.pendingReadBacks().collectList().block()).isEmpty();
        // a redelivered OperationAborted marks nothing, so nothing is read again
        assertThat(harness.store.markReadBack("op-rotate").block()).isFalse();
        assertThat(harness.store.markReadBack("op-unknown").block()).isFalse();
    }
}
