package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.testsupport.PublishedStreamAudit;
import dev.sslplane.testsupport.PublishedStreamAudit.Published;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-store trip-wire. Axon's MongoDB event store orders its global stream by event timestamp and re-reads
 * only a look-back window (5 s) behind the newest event the publishing processor has seen, so events stamped by a
 * replica whose clock lags by more than that are never published. Replicas whose clocks are 2 s and 10 s apart
 * append to different instances as fast as they can; every stored event must reach {@code ssl.events} exactly
 * once, in sequence order per instance. The load lasts {@code -Dsslplane.trip-wire.duration} (default one
 * minute; longer for a soak).
 */
class EventStoreClockSkewIT extends IntegrationTestBase {

    private static final Logger log = LoggerFactory.getLogger(EventStoreClockSkewIT.class);
    /** 30 s in the build (over a thousand events across the three clocks); soak runs pass a longer one. */
    private static final Duration LOAD = Duration.parse(System.getProperty("sslplane.trip-wire.duration", "PT30S"));
    /** Enough for the lagging replica to lose events: the control shows a loss, it does not soak. */
    private static final Duration CONTROL_LOAD = Duration.ofSeconds(15);
    private static final int WRITERS_PER_REPLICA = 3;

    private record Replica(String prefix, Duration clockOffset) {
    }

    @Test
    void stampedInTheDatabasesTimeReplicasTwoAndTenSecondsApartLoseAndMisorderNothing() throws Exception {
        var replicas = List.of(new Replica("ska0-", Duration.ZERO), new Replica("ska2-", Duration.ofSeconds(2)),
                new Replica("ska10-", Duration.ofSeconds(-10)));
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS);
             var running = runLoad("skew_aligned", replicas, LOAD, true)) {

            var audit = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> audit("skew_aligned", events, "ska"), a -> a.missing().isEmpty());
            assertThat(audit.clean()).as(audit.toString()).isTrue();
            assertThat(audit.stored()).isNotEmpty();
        }
    }

    /**
     * Negative control: stamped with the hosts' own clocks, the replica 10 s behind loses events, while the
     * replicas 2 s apart, within the look-back, lose none. The same audit that passes above catches it.
     */
    @Test
    void stampedWithHostClocksOnlySkewBeyondTheLookBackLosesEvents() throws Exception {
        var replicas = List.of(new Replica("sku0-", Duration.ZERO), new Replica("sku2-", Duration.ofSeconds(2)),
                new Replica("sku10-", Duration.ofSeconds(-10)));
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS);
             var running = runLoad("skew_unaligned", replicas, CONTROL_LOAD, false)) {

            // the replicas within the look-back are published in full; what the lagging one lost by then is lost
            var audit = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> audit("skew_unaligned", events, "sku"),
                            a -> a.missing().stream().allMatch(event -> event.startsWith("sku10-")));
            log.info("Host clocks 2 s and 10 s apart: {}", audit);
            assertThat(audit.missing()).isNotEmpty().allSatisfy(event -> assertThat(event).startsWith("sku10-"));
            assertThat(audit.duplicated()).isEmpty();
            assertThat(audit.misordered()).isEmpty();
        }
    }

    /** The stored events of the instances with {@code prefix} against what {@code ssl.events} carries. */
    private PublishedStreamAudit audit(String database, KafkaTopicReader events, String prefix) {
        Set<String> stored = new HashSet<>();
        try (var client = MongoClients.create(TestMongo.uri(database))) {
            client.getDatabase(database).getCollection("domainevents")
                    .find(new Document("aggregateIdentifier", new Document("$regex", "^" + prefix)))
                    .forEach(e -> stored.add(e.getString("aggregateIdentifier") + "/"
                            + ((Number) e.get("sequenceNumber")).longValue()));
        }
        List<Published> published = events.records(r -> r.key() != null && r.key().startsWith(prefix)).stream()
                .map(r -> new Published(r.key(), envelope(r.value()).sequence())).toList();
        return PublishedStreamAudit.of(stored, published);
    }

    private EventEnvelope envelope(byte[] record) {
        if (codec.decodeEnvelope(record) instanceof Decoded.Ok<EventEnvelope> ok) {
            return ok.value();
        }
        throw new IllegalStateException("undecodable record on ssl.events");
    }

    /** The replicas of one run, kept running (publishing) until the audit is done. */
    private record Started(List<ServiceReplica> replicas) implements AutoCloseable {
        @Override
        public void close() {
            replicas.forEach(ServiceReplica::close);
        }
    }

    /**
     * Starts the replicas, and each one's writers register instances and enable SSL on each (two events per
     * instance) until the load's end.
     */
    private Started runLoad(String database, List<Replica> replicas, Duration load, boolean clockAlignment)
            throws Exception {
        var started = new Started(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(replicas.size() * WRITERS_PER_REPLICA);
        try {
            for (Replica replica : replicas) {
                started.replicas().add(ServiceReplica.start(brokers(), database,
                        "sslplane.event-store.clock-offset=" + replica.clockOffset(),
                        "sslplane.event-store.clock-alignment=" + clockAlignment,
                        "sslplane.rate-limit.capacity=1000000",
                        "sslplane.api.query-base-url=http://query.test"));
            }
            Instant end = Instant.now().plus(load);
            var failures = new ConcurrentLinkedQueue<String>();
            var instances = new AtomicInteger();
            for (int r = 0; r < replicas.size(); r++) {
                ServiceReplica service = started.replicas().get(r);
                String prefix = replicas.get(r).prefix();
                for (int w = 0; w < WRITERS_PER_REPLICA; w++) {
                    String writerPrefix = prefix + w + "-";
                    writers.execute(() -> write(service, writerPrefix, end, instances, failures));
                }
            }
            writers.shutdown();
            assertThat(writers.awaitTermination(load.toSeconds() + 120, TimeUnit.SECONDS)).isTrue();
            log.info("{} replicas (clock alignment {}) appended {} events in {} s: {} events/s",
                    replicas.size(), clockAlignment, 2 * instances.get(), load.toSeconds(),
                    2 * instances.get() / load.toSeconds());
            assertThat(failures).isEmpty();
            return started;
        } catch (Exception | AssertionError e) {
            started.close();
            throw e;
        } finally {
            writers.shutdownNow();
        }
    }

    private void write(ServiceReplica service, String prefix, Instant end, AtomicInteger instances,
                       ConcurrentLinkedQueue<String> failures) {
        for (int n = 0; Instant.now().isBefore(end); n++) {
            String id = prefix + n;
            try {
                expect(service.post("/api/v1/instances", registration(id)).statusCode(), 201, id, failures);
                expect(service.post("/api/v1/instances/" + id + "/ssl:enable", null).statusCode(), 202, id,
                        failures);
                instances.incrementAndGet();
            } catch (Exception e) {
                failures.add(id + ": " + e);
            }
        }
    }

    private static void expect(int status, int expected, String id, ConcurrentLinkedQueue<String> failures) {
        if (status != expected) {
            failures.add(id + ": HTTP " + status + " instead of " + expected);
        }
    }
}
