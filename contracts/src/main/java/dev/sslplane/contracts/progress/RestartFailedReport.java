package dev.sslplane.contracts.progress;

import dev.sslplane.contracts.procedure.StepKey;
import java.time.Instant;

/**
 * The operation stopped at {@code nodeName} in pass {@code pass}: a step failed, timed out, or the pre-flight check
 * refused to touch the set. {@code code} is a {@link dev.sslplane.contracts.model.NodeFailureCode} name.
 */
public record RestartFailedReport(
        String instanceId, String operationId, String nodeName, String reason, Instant failedAt, Integer pass,
        String code) implements RestartProgressReport {

    public RestartFailedReport {
        pass = pass == null || pass < 1 ? 1 : pass;
    }

    @Override
    public String nodeKey() {
        return StepKey.of(pass, nodeName);
    }

    @Override
    public Instant occurredAt() {
        return failedAt;
    }
}
