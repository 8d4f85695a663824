package dev.sslplane.contracts.command;

import dev.sslplane.contracts.model.ExpiryState;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the command service's expiry watch (never by a user) when the instance's current CA has reached
 * {@code RENEW_SOON} or {@code EXPIRED} by the service's clock. The aggregate records each state once per CA serial;
 * a repeat, a second replica, a CA that is no longer current (a rotation raced it) or SSL disabled record nothing.
 * It never rotates anything: rotating the CA is the operator's decision.
 *
 * @param caSerial the CA the sender judged, so a rotation in between cannot be warned about in its place
 * @param state    {@code RENEW_SOON} or {@code EXPIRED}
 */
public record RecordCaExpiryStateCommand(@TargetAggregateIdentifier String instanceId, String caSerial,
                                         ExpiryState state) {
}
