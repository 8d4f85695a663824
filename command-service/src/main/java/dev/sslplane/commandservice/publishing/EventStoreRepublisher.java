package dev.sslplane.commandservice.publishing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Re-sends the whole event store to {@code ssl.events}, in store order, for downstream read models to rebuild.
 * Records are identical to the first publication (same event id and sequence), so idempotent consumers that
 * already have an event ignore it. Reads the storage engine directly, leaving the live publisher undisturbed.
 * One run at a time; its progress is kept in memory on the replica that runs it.
 */
@Component
public class EventStoreRepublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventStoreRepublisher.class);
    private static final int IN_FLIGHT = 500;

    /** Progress of the latest run. */
    public record Status(State state, Instant startedAt, Instant finishedAt, long eventsRead, long eventsPublished,
                         String error) {
        public enum State { IDLE, RUNNING, COMPLETED, FAILED }

        static final Status IDLE = new Status(State.IDLE, null, null, 0, 0, null);
    }

    private final EventStorageEngine storageEngine;
    private final EventRecords records;
    private final EventSender sender;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "event-republisher");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Status> status = new AtomicReference<>(Status.IDLE);

    public EventStoreRepublisher(EventStorageEngine storageEngine, EventRecords records, EventSender sender) {
        this.storageEngine = storageEngine;
        this.records = records;
        this.sender = sender;
    }

    public Status status() {
        return status.get();
    }

    /** Starts a run unless one is running; returns the status after the attempt and whether it started. */
    public boolean start() {
        Status current = status.get();
        if (current.state() == Status.State.RUNNING) {
            return false;
        }
        var started = new Status(Status.State.RUNNING, clock.instant(), null, 0, 0, null);
        if (!status.compareAndSet(current, started)) {
            return false;
        }
        runner.execute(this::run);
        return true;
    }

    private void run() {
        Instant startedAt = status.get().startedAt();
        long read = 0;
        long published = 0;
        var pending = new ArrayList<CompletableFuture<SendResult<String, byte[]>>>();
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            var iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                read++;
                var record = records.toRecord(event);
                if (record.isPresent()) {
                    pending.add(sender.send(record.get()));
                }
                if (pending.size() >= IN_FLIGHT) {
                    published += awaitAll(pending);
                }
                status.set(new Status(Status.State.RUNNING, startedAt, null, read, published, null));
            }
            published += awaitAll(pending);
            status.set(new Status(Status.State.COMPLETED, startedAt, clock.instant(), read, published, null));
            log.info("Republished {} events ({} read) to ssl.events", published, read);
        } catch (RuntimeException e) {
            log.error("Republishing stopped after {} events", published, e);
            status.set(new Status(Status.State.FAILED, startedAt, clock.instant(), read, published,
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private int awaitAll(List<CompletableFuture<SendResult<String, byte[]>>> pending) {
        int done = 0;
        for (var sending : pending) {
            sender.await(sending, null);
            done++;
        }
        pending.clear();
        return done;
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
