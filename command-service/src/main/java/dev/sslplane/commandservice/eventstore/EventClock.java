package dev.sslplane.commandservice.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    private final AtomicLong correctionMillis = new AtomicLong();

    /** @param host this host's clock (in tests and skew drills: shifted by {@code sslplane.event-store.clock-offset}) */
    public EventClock(Clock host) {
        this.host = host;
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
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("event time is UTC");
    }
}
