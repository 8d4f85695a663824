package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.RenewalPolicy;

/** The instance's automatic-renewal policy was set; a due renewal is scheduled from now on (or no longer). */
public record RenewalPolicySetEvent(String instanceId, RenewalPolicy policy) implements SslEvent {
}
