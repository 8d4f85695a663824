package dev.sslplane.contracts.event;

import java.time.Instant;

/** The worker began restarting a node; {@code attempt} counts from 1 and grows with each retry. */
public record NodeRestartStartedEvent(
        String instanceId, String operationId, String nodeName, int attempt, Instant startedAt)
        implements SslEvent {
}
