package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.OperationKind;

/**
 * A scheduled operation was due, and starting it was refused for a reason that asking again would not change (the
 * deployment's certificate bounds changed since it was scheduled, the vault refused its CA): it ends here instead
 * of being tried at every poll, and the instance is free for other operations. The scheduler is the actor.
 *
 * @param code   the refusal's error code ({@code ErrorCode}), as a command would have answered it
 * @param reason the refusal's words
 */
public record ScheduledOperationRefusedEvent(
        String instanceId,
        String operationId,
        OperationKind kind,
        String code,
        String reason) implements SslEvent {
}
