package dev.sslplane.contracts.model;

import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate is due for renewal: once {@code renewSoonLifeFraction} of its life has passed (cert-manager
 * renews at two thirds) or fewer than {@code renewSoonDays} days are left (KubeDB's "less than a month"), whichever
 * comes first; expired from {@code notAfter} on. Shared by the query service (status, metrics) and the command
 * service (automatic renewal), each with its own settings of the same defaults.
 */
public record ExpiryPolicy(double renewSoonLifeFraction, Duration renewSoonBefore) {

    /** Where a certificate stands at {@code now}: whole days and seconds left (negative once expired), and state. */
    public record Expiry(long daysLeft, long secondsLeft, ExpiryState state) {
    }

    public Expiry at(Instant notBefore, Instant notAfter, Instant now) {
        long secondsLeft = Duration.between(now, notAfter).toSeconds();
        return new Expiry(Duration.between(now, notAfter).toDays(), secondsLeft, state(notBefore, notAfter, now));
    }

    private ExpiryState state(Instant notBefore, Instant notAfter, Instant now) {
        if (!now.isBefore(notAfter)) {
            return ExpiryState.EXPIRED;
        }
        long lifeMillis = Duration.between(notBefore, notAfter).toMillis();
        Instant renewAt = notBefore.plusMillis((long) (lifeMillis * renewSoonLifeFraction));
        return now.isBefore(renewAt) && now.isBefore(notAfter.minus(renewSoonBefore))
                ? ExpiryState.OK : ExpiryState.RENEW_SOON;
    }
}
