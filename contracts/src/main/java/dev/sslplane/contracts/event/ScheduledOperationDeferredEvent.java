package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.OperationKind;
import java.time.Instant;

/**
 * A scheduled operation did not start in its window (the service was not running, or the window had closed when
 * the start was handled) and now waits for the next opening: a window is never overrun by an operation started
 * after it closed.
 *
 * @param missedWindowEnd when the window it missed closed
 * @param startsAt        when the next window opens
 * @param windowEnds      when that window closes
 */
public record ScheduledOperationDeferredEvent(
        String instanceId,
        String operationId,
        OperationKind kind,
        Instant missedWindowEnd,
        Instant startsAt,
        Instant windowEnds) implements SslEvent {
}
