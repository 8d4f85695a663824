package dev.sslplane.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.testsupport.TestCa;
import dev.sslplane.contracts.progress.NodeStatesObservedReport;
import dev.sslplane.worker.health.NodeStateReader;
import dev.sslplane.worker.job.AbortReadBack;
import dev.sslplane.worker.job.JobEngine;
import dev.sslplane.worker.job.JobState;
import dev.sslplane.worker.job.JobStore;
import dev.sslplane.worker.job.RestartJob;
import dev.sslplane.worker.metrics.WorkerMetrics;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator;
import dev.sslplane.worker.support.CollectingProgress;
import dev.sslplane.worker.support.Events;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The abort and rollback events as the listener reads them from {@code ssl.events}, each delivered twice as Kafka
 * may: a rollback becomes a job like any starting event, an abort asked for marks the job, an abort recorded ends
 * it; and what the passes need of the CAs is checked from the passes, not from the kind.
 */
class AbortAndRollbackEventsTest {

    private final MessageCodec codec = new MessageCodec();
    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;
    private final JobStore store;
    private final OperationEventListener listener;
    private final CollectingProgress progress = new CollectingProgress();
    private final TestCa before = new TestCa("CA before the rotation", "Ed25519");
    private final TestCa rotated = new TestCa("the rotation's CA", "Ed25519");

    AbortAndRollbackEventsTest() {
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        store = new JobStore(client.getDatabase("worker").getCollection("jobs"));
        // an engine that is not started: it claims nothing, so the jobs stay as the listener left them
        var engine = new JobEngine(store, null, new WorkerMetrics(new SimpleMeterRegistry()), "w1", 1,
                Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofSeconds(1), Clock.systemUTC());
        var nodes = new SimulatedNodeOperator(Duration.ZERO, Duration.ZERO, 10_000, 1.0);
        var readBack = new AbortReadBack(store, new NodeStateReader(nodes.replicaSetClient(), nodes), progress,
                Clock.systemUTC(), Duration.ofHours(1));
        listener = new OperationEventListener(codec, store, engine, Clock.systemUTC(), readBack);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private void deliverTwice(Object... events) {
        var records = new ArrayList<ConsumerRecord<String, byte[]>>();
        for (int round = 0; round < 2; round++) {
            for (Object event : events) {
                var envelope = codec.envelope(event, "e" + records.size(), "rs-rb", (long) records.size(),
                        Instant.now(), "user:alice", null);
                records.add(new ConsumerRecord<>(Topics.EVENTS, 0, records.size(), "rs-rb", codec.encode(envelope)));
            }
        }
        listener.onRecords(records);
    }

    private OperationRollingBackEvent rollbackOfARotationAfterPassTwo() {
        var rotation = Events.rotated("rs-rb", "op-rotate", rotated, before, Events.threeNodes(27_100),
                TlsMode.PREFER, false);
        return Events.rollingBack(rotation, "op-rollback", 2, TlsMode.PREFER, before, rotated);
    }

    @Test
    void aRollbackBecomesAJobWithItsPassesAndBothCas() {
        deliverTwice(rollbackOfARotationAfterPassTwo());

        RestartJob job = store.find("op-rollback").block();
        assertThat(job.kind()).isEqualTo(OperationKind.ROLLBACK);
        assertThat(job.passes()).extracting(p -> p.name()).containsExactly("PREVIOUS_CA_CERTIFICATES",
                "PREVIOUS_CA_ONLY");
        assertThat(job.caPem()).isEqualTo(before.pem());
        assertThat(job.previousCaPem()).isEqualTo(rotated.pem());
        assertThat(job.state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void anAbortAskedForMarksTheJobAndAnAbortRecordedEndsIt() {
        var rollback = rollbackOfARotationAfterPassTwo();
        deliverTwice(rollback, Events.abortRequested(rollback));
        RestartJob marked = store.find("op-rollback").block();
        assertThat(marked.abortRequested()).isTrue();
        assertThat(marked.state()).as("whoever claims it stops it and reports").isEqualTo(JobState.PENDING);

        deliverTwice(new OperationAbortedEvent("rs-rb", "op-rollback", OperationKind.ROLLBACK, "RUNNING",
                Instant.now(), List.of(), true, SslStatus.ENABLED, TlsMode.PREFER, before.info()));
        RestartJob aborted = store.find("op-rollback").block();
        assertThat(aborted.state()).isEqualTo(JobState.ABORTED);
        assertThat(aborted.outstanding()).isFalse();
        // its nodes are read back and reported once, though the abort was delivered twice
        await().atMost(Duration.ofSeconds(10)).until(() -> store.pendingReadBacks().collectList().block().isEmpty());
        assertThat(progress.of("op-rollback")).singleElement()
                .extracting(CollectingProgress.Sent::report).isInstanceOf(NodeStatesObservedReport.class);
    }

    @Test
    void abortsOfOperationsWithoutAJobHereAreIgnored() {
        var unknown = new dev.sslplane.contracts.event.OperationAbortRequestedEvent("rs-rb", "op-elsewhere",
                OperationKind.ENABLE, Instant.now());
        assertThatCode(() -> deliverTwice(unknown)).doesNotThrowAnyException();
        assertThat(store.find("op-elsewhere").blockOptional()).isEmpty();
    }

    @Test
    void theCasARollbackNeedsFollowFromItsPasses() {
        var rollback = rollbackOfARotationAfterPassTwo();
        assertThatCode(() -> OperationEventListener.validate(rollback)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OperationEventListener.validate(withCas(rollback, null, rotated)))
                .hasMessageContaining("need its CA");
        assertThatThrownBy(() -> OperationEventListener.validate(withCas(rollback, before, null)))
                .hasMessageContaining("previous CA");

        // an Enable rolled back leaves TLS disabled: no CA of its own, the aborted one's to reach the nodes
        var enable = Events.enabled("rs-rb", "op-enable", rotated, Events.threeNodes(27_100), true);
        var backToDisabled = Events.rollingBack(enable, "op-rollback-enable", 3, TlsMode.DISABLED, null, rotated);
        assertThatCode(() -> OperationEventListener.validate(backToDisabled)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OperationEventListener.validate(withCas(backToDisabled, null, null)))
                .as("nodes that may require TLS are reached over TLS").hasMessageContaining("needs TLS");

        var enforce = new TlsEnforcementChangedEvent("rs-rb", "op-enforce", true, null, enable.nodes(), 100, "4.0",
                Procedures.enforce());
        assertThatThrownBy(() -> OperationEventListener.validate(enforce)).hasMessageContaining("needs TLS");
    }

    private OperationRollingBackEvent withCas(OperationRollingBackEvent event, TestCa ca, TestCa previousCa) {
        return new OperationRollingBackEvent(event.instanceId(), event.operationId(), event.abortedOperationId(),
                event.abortedKind(), ca == null ? null : ca.info(), previousCa == null ? null : previousCa.info(),
                event.caKeyOperationId(), event.nodes(), event.collectionCount(), event.engineVersion(),
                event.passes(), event.operator(), event.nodeCertificateValidity());
    }
}
