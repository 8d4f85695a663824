package dev.sslplane.contracts.event;

import java.time.Instant;

/** A node came back healthy; {@code unreachableMillis} is how long clients could not reach it. */
public record NodeRestartedEvent(
        String instanceId, String operationId, String nodeName, long unreachableMillis, Instant restartedAt)
        implements SslEvent {
}
