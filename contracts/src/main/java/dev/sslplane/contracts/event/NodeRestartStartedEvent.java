package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.NodeRole;
import java.time.Instant;

/**
 * The worker began a node's step of pass {@code pass}; {@code attempt} counts from 1 and grows with each retry.
 *
 * @param role the node's replica-set role when its step began (a primary is stepped down first); {@code null} in
 *             events recorded before roles were reported
 */
public record NodeRestartStartedEvent(
        String instanceId, String operationId, String nodeName, int attempt, Instant startedAt, Integer pass,
        NodeRole role) implements SslEvent {

    public NodeRestartStartedEvent {
        pass = pass == null || pass < 1 ? 1 : pass;
    }
}
