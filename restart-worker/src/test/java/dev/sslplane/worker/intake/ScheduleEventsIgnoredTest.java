package dev.sslplane.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.contracts.event.MaintenanceWindowSetEvent;
import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.ScheduledOperationCancelledEvent;
import dev.sslplane.contracts.event.ScheduledOperationDeferredEvent;
import dev.sslplane.contracts.event.ScheduledOperationRefusedEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.worker.job.JobStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The maintenance-window events on {@code ssl.events} start nothing in the worker: an operation scheduled for the
 * window becomes a job only when its starting event comes (same operation id). Delivered twice, as Kafka may, and
 * next to a type this worker does not know (what an older worker sees of them), they are skipped without error.
 */
class ScheduleEventsIgnoredTest {

    private static final Instant OPENS = Instant.parse("2026-12-05T02:00:00Z");
    private final MessageCodec codec = new MessageCodec();
    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;
    private final MongoCollection<Document> jobs;

    ScheduleEventsIgnoredTest() {
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        jobs = client.getDatabase("worker").getCollection("jobs");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void scheduleEventsAndUnknownTypesRecordNoJob() {
        // no job engine: offering it a job would fail the test
        var listener = new OperationEventListener(codec, new JobStore(jobs), null, Clock.systemUTC(), null);
        var window = new MaintenanceWindow(DayOfWeek.SATURDAY, LocalTime.of(2, 0), Duration.ofHours(4));
        List<Object> events = List.of(
                new MaintenanceWindowSetEvent("rs-1", window),
                new OperationScheduledEvent("rs-1", "op-1", OperationKind.ENABLE, true, null, null, null, null,
                        OPENS, OPENS.plusSeconds(3600)),
                new ScheduledOperationDeferredEvent("rs-1", "op-1", OperationKind.ENABLE, OPENS.plusSeconds(3600),
                        OPENS.plus(Duration.ofDays(7)), OPENS.plus(Duration.ofDays(7)).plusSeconds(3600)),
                new ScheduledOperationCancelledEvent("rs-1", "op-1", OperationKind.ENABLE),
                new ScheduledOperationRefusedEvent("rs-1", "op-2", OperationKind.ROTATE, "VALIDATION_FAILED",
                        "request is invalid"));
        var records = new ArrayList<ConsumerRecord<String, byte[]>>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < events.size(); i++) {
                EventEnvelope envelope = codec.envelope(events.get(i), "e" + i, "rs-1", (long) i, OPENS, "user:alice",
                        "op-1");
                records.add(new ConsumerRecord<>(Topics.EVENTS, 0, records.size(), "rs-1", codec.encode(envelope)));
            }
        }
        var future = new EventEnvelope("SomeLaterEvent", 1, "e9", "rs-1", 9L, OPENS, "user:alice", null,
                codec.objectMapper().createObjectNode().put("instanceId", "rs-1"));
        records.add(new ConsumerRecord<>(Topics.EVENTS, 0, records.size(), "rs-1", codec.encode(future)));

        listener.onRecords(records);

        assertThat(Flux.from(jobs.countDocuments()).blockFirst()).isZero();
    }
}
