package dev.sslplane.commandservice.renewal;

import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.contracts.model.ExpiryState;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an instance's current CA has reached an expiry state the aggregate has not recorded for it yet. Pure, so
 * the rule is tested without a clock or a store.
 */
final class CaExpiryDecision {

    private CaExpiryDecision() {
    }

    /**
     * The state to record now, if any: SSL on, the CA known, its state by {@code expiry} at {@code now} RENEW_SOON or
     * EXPIRED, and further than what was recorded for this serial. The renewal policy plays no part: this is a
     * warning to the operator, not a renewal.
     */
    static Optional<ExpiryState> due(RenewalCandidate candidate, ExpiryPolicy expiry, Instant now) {
        if (!candidate.sslEnabled || candidate.caSerial == null || candidate.caNotBefore == null
                || candidate.caNotAfter == null) {
            return Optional.empty();
        }
        ExpiryState state = expiry.at(candidate.caNotBefore, candidate.caNotAfter, now).state();
        ExpiryState recorded = candidate.caExpiryReached.get(candidate.caSerial);
        boolean further = state != ExpiryState.OK && (recorded == null || state.compareTo(recorded) > 0);
        return further ? Optional.of(state) : Optional.empty();
    }
}
