package dev.sslplane.commandservice.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time every event of this replica is stamped with: this host's clock corrected by its last measured offset
 * to the database's clock.
 *
 * <p>Axon's MongoDB event store orders its global stream by event timestamp and re-reads only a look-back window
 * behind the newest event a tracking processor has seen. Events stamped by a replica whose clock lags the others'
 * by more than that window would never be published. Stamping with one shared clock, the database's, takes the
 * replicas' own clocks out of the ordering.
 */
public final class EventClock extends Clock {

    private final Clock host;
    private final AtomicLong correctionMillis;

    /** @param host this host's clock (in tests and skew drills: shifted by {@code sslplane.event-store.clock-offset}) */
    public EventClock(Clock host) {
        this(host, new AtomicLong());
    }

    private EventClock(Clock host, AtomicLong correctionMillis) {
        this.host = host;
        this.correctionMillis = correctionMillis;
    }

    /** This host's clock, uncorrected: what the correction is measured against. */
    public Clock host() {
        return host;
    }

    /** From now on, stamps are this host's time plus {@code correction}. */
    public void correctBy(Duration correction) {
        correctionMillis.set(correction.toMillis());
    }

    public Duration correction() {
        return Duration.ofMillis(correctionMillis.get());
    }

    @Override
    public Instant instant() {
        return host.instant().plusMillis(correctionMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return host.getZone();
    }

    /** The same corrected time in another zone; later corrections apply to both. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new EventClock(host.withZone(zone), correctionMillis);
    }
}
