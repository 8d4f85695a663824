package dev.sslplane.contracts.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.sslplane.contracts.model.NodeRole;
import java.time.Duration;
import java.time.Instant;

/**
 * The worker began a node's step of pass {@code pass}; {@code attempt} counts from 1 and grows with each retry.
 *
 * @param role        the node's replica-set role when its step began (a primary is stepped down first); {@code null}
 *                    in events recorded before roles were reported
 * @param stepTimeout the step timeout the worker applies to this step (derived from the collection count the
 *                    operation carries); {@code null} in events recorded before workers reported it
 */
public record NodeRestartStartedEvent(
        String instanceId, String operationId, String nodeName, int attempt, Instant startedAt, Integer pass,
        NodeRole role, @JsonFormat(shape = JsonFormat.Shape.STRING) Duration stepTimeout) implements SslEvent {

    public NodeRestartStartedEvent {
        pass = pass == null || pass < 1 ? 1 : pass;
    }

    /** A start recorded without the step timeout (events before version 3). */
    public NodeRestartStartedEvent(String instanceId, String operationId, String nodeName, int attempt,
                                   Instant startedAt, Integer pass, NodeRole role) {
        this(instanceId, operationId, nodeName, attempt, startedAt, pass, role, null);
    }
}
