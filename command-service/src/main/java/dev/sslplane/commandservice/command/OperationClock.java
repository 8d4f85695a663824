package dev.sslplane.commandservice.command;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The time the aggregate decides maintenance-window questions by (when a scheduled operation starts, whether its
 * window is still open). A type of its own, not a bare {@link Clock} parameter: the service has another clock bean
 * (the event store's), and the fixture tests and ITs put a clock of their choosing here.
 */
public final class OperationClock {

    private final Clock clock;

    public OperationClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    public Instant now() {
        return clock.instant();
    }
}
