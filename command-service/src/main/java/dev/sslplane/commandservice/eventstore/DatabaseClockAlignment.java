package dev.sslplane.commandservice.eventstore;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the {@link EventClock} on the database's time: at start (before the service takes commands) and then
 * every interval, it reads the server's {@code localTime} from {@code isMaster} and corrects the event clock by the
 * difference, measured at the middle of the round trip. While the database cannot be reached it keeps the last
 * correction and tries again each second; appends fail then anyway.
 */
public final class DatabaseClockAlignment implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseClockAlignment.class);
    private static final Duration WORTH_A_WARNING = Duration.ofSeconds(1);
    private static final int SAMPLES = 3;

    private final MongoDatabase database;
    private final EventClock clock;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "event-clock-alignment");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;

    public DatabaseClockAlignment(MongoDatabase database, EventClock clock, Duration interval,
                                  MeterRegistry meters) {
        this.database = database;
        this.clock = clock;
        this.interval = interval;
        Gauge.builder("sslplane.event_store.clock_correction", clock, c -> c.correction().toMillis() / 1000.0)
                .description("correction applied to this host's clock to stamp events in the database's time")
                .baseUnit("seconds")
                .register(meters);
    }

    @Override
    public void start() {
        running = true;
        alignAndReschedule();
    }

    private void alignAndReschedule() {
        Duration next = interval;
        try {
            align();
        } catch (RuntimeException e) {
            log.warn("Could not read the database's clock ({}); event stamps keep the correction {}",
                    e.getMessage(), clock.correction());
            next = Duration.ofSeconds(1);
        }
        if (running) {
            scheduler.schedule(this::alignAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Measures the database's clock against this host's and corrects the event clock; returns the correction. */
    public Duration align() {
        Duration best = null;
        Duration bestRoundTrip = null;
        for (int i = 0; i < SAMPLES; i++) {
            Instant sent = clock.host().instant();
            // isMaster rather than hello: every MongoDB server answers it (hello arrived in 4.4.2), with localTime.
            Document hello = database.runCommand(new Document("isMaster", 1));
            Instant received = clock.host().instant();
            Instant databaseTime = databaseTime(hello);
            Duration roundTrip = Duration.between(sent, received);
            if (bestRoundTrip == null || roundTrip.compareTo(bestRoundTrip) < 0) {
                bestRoundTrip = roundTrip;
                best = Duration.between(sent.plus(roundTrip.dividedBy(2)), databaseTime);
            }
        }
        Duration previous = clock.correction();
        clock.correctBy(best);
        if (best.abs().compareTo(WORTH_A_WARNING) >= 0 && previous.minus(best).abs().compareTo(WORTH_A_WARNING) >= 0) {
            log.warn("This host's clock is {} ms off the database's; events are stamped in the database's time",
                    -best.toMillis());
        }
        return best;
    }

    private static Instant databaseTime(Document hello) {
        Object localTime = hello.get("localTime");
        if (localTime instanceof Date date) {
            return date.toInstant();
        }
        throw new IllegalStateException("the database's isMaster answer has no localTime (got "
                + (localTime == null ? "none" : localTime.getClass().getSimpleName()) + ")");
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early, so the first correction is in place before the web server and the Kafka listeners take commands. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
