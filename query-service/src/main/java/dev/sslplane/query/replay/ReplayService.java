package dev.sslplane.query.replay;

import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.query.projection.EventDecoder;
import dev.sslplane.query.projection.ProjectionService;
import dev.sslplane.query.readmodel.CollectionDigests;
import dev.sslplane.query.readmodel.CollectionDigests.Digest;
import dev.sslplane.query.readmodel.Generation;
import dev.sslplane.query.readmodel.ReadModelStore;
import dev.sslplane.query.replay.ReplayStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Rebuilds every read model from the start of {@code ssl.events} into a fresh generation of collections, then
 * switches over atomically; queries keep reading the active generation meanwhile.
 *
 * <p>The rebuild runs on its own thread and reads with its own consumer ({@link EventsTopicReader}). It first
 * reads up to the end offsets taken at the start; then it pauses the live listener ({@link LiveListenerPause}),
 * reads the few records that arrived since, compares digests of both generations, switches the pointer and
 * resumes the live listener, which from then on writes to the new generation (records it re-reads are no-ops
 * there). This class runs those phases and keeps the {@link ReplayStatus}.
 */
@Service
public class ReplayService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);
    private static final Duration BLOCK = Duration.ofMinutes(5);

    private final ReadModelStore store;
    private final ProjectionService projection;
    private final EventDecoder decoder;
    private final QueryProperties properties;
    private final Map<String, Object> consumerConfig;
    private final KafkaListenerEndpointRegistry listeners;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "read-model-replay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<ReplayStatus> status = new AtomicReference<>();

    public ReplayService(ReadModelStore store, ProjectionService projection, EventDecoder decoder,
                         QueryProperties properties, ReplayConsumerConfig consumerConfig,
                         KafkaListenerEndpointRegistry listeners, Clock clock) {
        this.store = store;
        this.projection = projection;
        this.decoder = decoder;
        this.properties = properties;
        this.consumerConfig = consumerConfig.properties();
        this.listeners = listeners;
        this.clock = clock;
        status.set(ReplayStatus.idle(store.active().number()));
    }

    public ReplayStatus status() {
        ReplayStatus s = status.get();
        return s.state() == State.IDLE ? ReplayStatus.idle(store.active().number()) : s;
    }

    /**
     * Starts a rebuild in the background.
     *
     * @return the starting status, or empty if a rebuild is already running
     */
    public synchronized Optional<ReplayStatus> start() {
        if (status.get().running()) {
            return Optional.empty();
        }
        var starting = ReplayStatus.starting(store.active().number() + 1, store.active().number(), clock.instant());
        status.set(starting);
        executor.execute(this::run);
        return Optional.of(starting);
    }

    private void run() {
        Instant started = status.get().startedAt();
        Generation live = store.active();
        Generation fresh = null;
        var liveListener = new LiveListenerPause(listeners.getListenerContainer(properties.kafka().listenerId()));
        try (var reader = new EventsTopicReader(consumerConfig, projection, decoder, properties, BLOCK)) {
            fresh = store.prepareFresh().block(BLOCK);
            reader.fromBeginning();
            log.info("Rebuilding read models into generation {} from {} record(s) of {}", fresh.number(),
                    reader.remaining(), properties.kafka().eventsTopic());
            reader.readPhase(fresh, progress(State.REBUILDING, fresh, started));

            // switch-over: stop the live listener between batches, catch up the last records, swap
            liveListener.pause();
            reader.toLatest();
            reader.readPhase(fresh, progress(State.CATCHING_UP, fresh, started));
            switchOver(live, fresh, reader.read(), started);
            liveListener.resume();
            store.drop(live).block(BLOCK);
        } catch (RuntimeException e) {
            log.error("Rebuild of the read models failed; the live generation stays active", e);
            status.set(status.get().failed(store.active().number(), started, clock.instant(),
                    String.valueOf(e.getMessage())));
            liveListener.resume();
            if (fresh != null && fresh.number() != store.active().number()) {
                store.drop(fresh).onErrorResume(x -> Mono.empty()).block(BLOCK);
            }
        }
    }

    private EventsTopicReader.Progress progress(State state, Generation target, Instant started) {
        return (read, total) -> status.set(ReplayStatus.progress(state, target.number(), store.active().number(),
                read, total, rate(read, started, clock.instant()), started));
    }

    /** Compares the digests of both generations (the live listener is paused) and activates the fresh one. */
    private void switchOver(Generation live, Generation fresh, long read, Instant started) {
        double projectRate = rate(read, started, clock.instant());
        Map<String, Digest> liveDigests = CollectionDigests.of(live).block(BLOCK);
        Map<String, Digest> rebuiltDigests = CollectionDigests.of(fresh).block(BLOCK);
        store.activate(fresh).block(BLOCK);
        ReplayStatus switched = ReplayStatus.switched(fresh.number(), read, projectRate, started, clock.instant(),
                liveDigests, rebuiltDigests);
        status.set(switched);
        log.info("Rebuild switched to generation {} after {} record(s); digests {}", fresh.number(), read,
                switched.digestsMatch() ? "match the live read models" : "differ from the live read models "
                        + liveDigests + " vs " + rebuiltDigests);
    }

    private static double rate(long events, Instant from, Instant to) {
        double seconds = Math.max(0.001, Duration.between(from, to).toNanos() / 1e9);
        return Math.round(events / seconds * 10) / 10.0;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
