package dev.sslplane.contracts.event;

import dev.sslplane.contracts.model.ExpiryState;
import java.time.Instant;

/**
 * The instance's current CA reached {@code RENEW_SOON} or {@code EXPIRED}: the audit trail's record that it was
 * due, recorded once per CA serial and state. Nothing is rotated; the operator is asked to rotate the CA (the
 * zero-outage rotation that keeps the old CA trusted until clients have the new one).
 *
 * @param caSerial   serial of the CA concerned
 * @param caNotAfter when that CA expires
 * @param state      {@code RENEW_SOON} or {@code EXPIRED}
 * @param reachedAt  when the command service noticed it (by its clock; at most a poll interval late, or later if
 *                   no replica was running then)
 */
public record CaExpiryStateReachedEvent(String instanceId, String caSerial, Instant caNotAfter, ExpiryState state,
                                        Instant reachedAt) implements SslEvent {
}
