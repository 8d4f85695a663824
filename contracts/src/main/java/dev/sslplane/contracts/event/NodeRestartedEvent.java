package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.NodeObservation;
import java.time.Instant;

/**
 * A node's step of pass {@code pass} is done and the set is healthy; {@code unreachableMillis} is how long clients
 * could not reach the node (0 for a runtime change). {@code observed} is the node as read back from it
 * ({@code null} in events recorded before it was).
 */
public record NodeRestartedEvent(
        String instanceId, String operationId, String nodeName, long unreachableMillis, Instant restartedAt,
        Integer pass, NodeObservation observed) implements SslEvent {

    public NodeRestartedEvent {
        pass = pass == null || pass < 1 ? 1 : pass;
    }
}
