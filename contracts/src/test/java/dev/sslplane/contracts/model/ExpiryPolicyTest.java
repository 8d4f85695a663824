package dev.sslplane.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryPolicyTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NODE_EXPIRES = ISSUED.plus(Duration.ofDays(397));
    private static final Instant CA_EXPIRES = ISSUED.plus(Duration.ofDays(3650));

    private final ExpiryPolicy policy = new ExpiryPolicy(2.0 / 3, Duration.ofDays(30));

    @Test
    void okUntilTwoThirdsOfTheLifeHavePassed() {
        var early = policy.at(ISSUED, NODE_EXPIRES, ISSUED.plus(Duration.ofDays(264)));
        assertThat(early.state()).isEqualTo(ExpiryState.OK);
        assertThat(early.daysLeft()).isEqualTo(133);
        assertThat(policy.at(ISSUED, NODE_EXPIRES, ISSUED.plus(Duration.ofDays(265))).state())
                .as("397 × 2/3 = 264.7 days").isEqualTo(ExpiryState.RENEW_SOON);
    }

    @Test
    void renewSoonWithinThirtyDaysEvenBeforeTwoThirds() {
        // a ten-year CA passes two thirds after 6.7 years: the 30 days do not matter for it...
        assertThat(policy.at(ISSUED, CA_EXPIRES, CA_EXPIRES.minus(Duration.ofDays(400))).state())
                .isEqualTo(ExpiryState.RENEW_SOON);
        // ...but a short-lived certificate is RENEW_SOON from 30 days before its end
        var shortLived = new ExpiryPolicy(0.99, Duration.ofDays(30));
        assertThat(shortLived.at(ISSUED, NODE_EXPIRES, NODE_EXPIRES.minus(Duration.ofDays(31))).state())
                .isEqualTo(ExpiryState.OK);
        assertThat(shortLived.at(ISSUED, NODE_EXPIRES, NODE_EXPIRES.minus(Duration.ofDays(29))).state())
                .isEqualTo(ExpiryState.RENEW_SOON);
    }

    @Test
    void expiredFromNotAfterOnWithNegativeTimeLeft() {
        assertThat(policy.at(ISSUED, NODE_EXPIRES, NODE_EXPIRES.minusSeconds(1)).state())
                .isEqualTo(ExpiryState.RENEW_SOON);
        var expired = policy.at(ISSUED, NODE_EXPIRES, NODE_EXPIRES.plus(Duration.ofDays(3)));
        assertThat(expired.state()).isEqualTo(ExpiryState.EXPIRED);
        assertThat(expired.daysLeft()).isEqualTo(-3);
        assertThat(expired.secondsLeft()).isEqualTo(-3 * 86_400);
        assertThat(policy.at(ISSUED, NODE_EXPIRES, NODE_EXPIRES).state()).isEqualTo(ExpiryState.EXPIRED);
    }
}
