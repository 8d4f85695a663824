package dev.sslplane.commandservice.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a MongoDB-wire server whose clock is 10 s ahead of the real one, as a database host's could be. */
class DatabaseClockAlignmentTest {

    private static final Duration DATABASE_AHEAD = Duration.ofSeconds(10);
    private static final Duration HOST_BEHIND = Duration.ofSeconds(-3);

    private MongoServer server;
    private MongoClient client;

    @BeforeEach
    void startServer() {
        server = new MongoServer(new MemoryBackend(Clock.offset(Clock.systemUTC(), DATABASE_AHEAD)));
        var address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort() + "/?serverSelectionTimeoutMS=500");
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void stampsEventsInTheDatabasesTimeWhateverThisHostsClockSays() {
        var clock = new EventClock(Clock.offset(Clock.systemUTC(), HOST_BEHIND));
        var meters = new SimpleMeterRegistry();
        var alignment = new DatabaseClockAlignment(client.getDatabase("events"), clock, Duration.ofMinutes(1), meters);

        Duration correction = alignment.align();

        assertThat(correction).isBetween(Duration.ofMillis(12_900), Duration.ofMillis(13_100));
        Instant databaseNow = Instant.now().plus(DATABASE_AHEAD);
        assertThat(Duration.between(databaseNow, clock.instant()).abs()).isLessThan(Duration.ofMillis(100));
        assertThat(meters.get("sslplane.event_store.clock_correction").gauge().value())
                .isEqualTo(correction.toMillis() / 1000.0);
    }

    @Test
    void startsAlignedAndKeepsTheLastCorrectionWhileTheDatabaseCannotBeRead() {
        var clock = new EventClock(Clock.systemUTC());
        var alignment = new DatabaseClockAlignment(client.getDatabase("events"), clock, Duration.ofMinutes(1),
                new SimpleMeterRegistry());
        alignment.start();
        Duration aligned = clock.correction();
        server.shutdownNow();

        assertThatThrownBy(alignment::align).isInstanceOf(MongoException.class);
        alignment.stop();

        assertThat(aligned).isBetween(Duration.ofMillis(9_900), Duration.ofMillis(10_100));
        assertThat(clock.correction()).isEqualTo(aligned);
    }
}
