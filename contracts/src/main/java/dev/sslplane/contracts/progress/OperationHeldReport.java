package dev.sslplane.contracts.progress;

import java.time.Instant;

/** Every step up to pass {@code pass} is done and the operation waits there for a finish command (rotation hold). */
public record OperationHeldReport(String instanceId, String operationId, int pass, Instant heldAt)
        implements RestartProgressReport {

    @Override
    public String nodeKey() {
        return "held-after-" + pass;
    }

    @Override
    public Instant occurredAt() {
        return heldAt;
    }
}
