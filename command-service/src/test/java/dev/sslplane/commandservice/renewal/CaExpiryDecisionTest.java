package dev.sslplane.commandservice.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.contracts.model.ExpiryState;
import dev.sslplane.contracts.model.RenewalPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the expiry watch asks the aggregate to record the CA's state. */
class CaExpiryDecisionTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = ISSUED.plus(Duration.ofDays(3650));
    private static final ExpiryPolicy EXPIRY = new RenewalProperties(0.6667, Duration.ofDays(30)).expiryPolicy();
    /** 3650 × 2/3 = 2433.5 days: OK before, RENEW_SOON after. */
    private static final Instant OK = ISSUED.plus(Duration.ofDays(2433));
    private static final Instant RENEW_SOON = ISSUED.plus(Duration.ofDays(2434));
    private static final Instant EXPIRED = NOT_AFTER;

    /** Automatic renewal OFF: the CA's warning does not depend on the policy. */
    private static RenewalCandidate candidate() {
        var candidate = new RenewalCandidate("rs-1");
        candidate.policy = RenewalPolicy.OFF;
        candidate.sslEnabled = true;
        candidate.caSerial = "ca-1";
        candidate.caNotBefore = ISSUED;
        candidate.caNotAfter = NOT_AFTER;
        return candidate;
    }

    @Test
    void nothingWhileTheCaIsOk() {
        assertThat(CaExpiryDecision.due(candidate(), EXPIRY, OK)).isEmpty();
    }

    @Test
    void renewSoonThenExpiredWhateverThePolicy() {
        assertThat(CaExpiryDecision.due(candidate(), EXPIRY, RENEW_SOON)).contains(ExpiryState.RENEW_SOON);
        assertThat(CaExpiryDecision.due(candidate(), EXPIRY, EXPIRED)).contains(ExpiryState.EXPIRED);
        var renewing = candidate();
        renewing.policy = RenewalPolicy.IN_MAINTENANCE_WINDOW;
        assertThat(CaExpiryDecision.due(renewing, EXPIRY, RENEW_SOON)).contains(ExpiryState.RENEW_SOON);
    }

    @Test
    void aStateRecordedForThisSerialIsNotAskedAgainNorOneBehindIt() {
        var recorded = candidate();
        recorded.caExpiryReached.put("ca-1", ExpiryState.RENEW_SOON);
        assertThat(CaExpiryDecision.due(recorded, EXPIRY, RENEW_SOON)).isEmpty();
        assertThat(CaExpiryDecision.due(recorded, EXPIRY, EXPIRED)).contains(ExpiryState.EXPIRED);
        recorded.caExpiryReached.put("ca-1", ExpiryState.EXPIRED);
        assertThat(CaExpiryDecision.due(recorded, EXPIRY, EXPIRED)).isEmpty();
        // the clock set back (a test, an operator's mistake): EXPIRED was recorded, RENEW_SOON is behind it
        assertThat(CaExpiryDecision.due(recorded, EXPIRY, RENEW_SOON)).isEmpty();
    }

    @Test
    void aStateRecordedForAnotherCaDoesNotCount() {
        var rotated = candidate();
        rotated.caExpiryReached.put("ca-0", ExpiryState.EXPIRED);
        assertThat(CaExpiryDecision.due(rotated, EXPIRY, RENEW_SOON)).contains(ExpiryState.RENEW_SOON);
    }

    @Test
    void notWithSslOffNorWithoutAKnownCa() {
        var off = candidate();
        off.sslEnabled = false;
        var unknown = candidate();
        unknown.caSerial = null;
        var legacy = candidate();
        legacy.caNotBefore = null;
        assertThat(CaExpiryDecision.due(off, EXPIRY, EXPIRED)).isEmpty();
        assertThat(CaExpiryDecision.due(unknown, EXPIRY, EXPIRED)).isEmpty();
        assertThat(CaExpiryDecision.due(legacy, EXPIRY, EXPIRED)).isEmpty();
    }
}
