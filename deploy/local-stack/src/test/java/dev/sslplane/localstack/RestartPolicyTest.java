package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final RestartPolicy policy = new RestartPolicy(RestartPolicy.Limits.STANDARD, clock);

    @Test
    void theDelayDoublesFromOneSecondAndStopsAtThirty() {
        // 20 s between failures: never five within a minute, and never a whole minute of running
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            policy.running();
            clock.advance(Duration.ofSeconds(20));
            delays.add(((RestartPolicy.Restart) policy.failed()).delay());
        }
        assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void aChildThatRanForAMinuteStartsOverAtOneSecond() {
        policy.running();
        clock.advance(Duration.ofSeconds(20));
        policy.failed();
        policy.running();
        clock.advance(Duration.ofSeconds(20));
        assertThat(policy.failed()).isEqualTo(new RestartPolicy.Restart(Duration.ofSeconds(2)));

        policy.running();
        clock.advance(Duration.ofMinutes(1));
        assertThat(policy.failed()).isEqualTo(new RestartPolicy.Restart(Duration.ofSeconds(1)));
    }

    @Test
    void aChildThatNeverBecameReadyKeepsItsBackOff() {
        // failures while starting (not ready in time) do not call running(): the waits add up, no reset
        policy.failed();
        clock.advance(Duration.ofMinutes(3));
        assertThat(policy.failed()).isEqualTo(new RestartPolicy.Restart(Duration.ofSeconds(2)));
    }

    @Test
    void theFifthFailureWithinAMinuteGivesUp() {
        for (int i = 1; i <= 4; i++) {
            assertThat(policy.failed()).as("failure %d", i).isInstanceOf(RestartPolicy.Restart.class);
            clock.advance(Duration.ofSeconds(14));
        }
        // 56 s after the first
        assertThat(policy.failed()).isEqualTo(new RestartPolicy.GiveUp(5));
    }

    @Test
    void failuresAMinuteAgoNoLongerCount() {
        for (int i = 1; i <= 4; i++) {
            policy.failed();
            clock.advance(Duration.ofSeconds(15));
        }
        // the fifth comes exactly a minute after the first: four within the last minute
        assertThat(policy.failed()).isInstanceOf(RestartPolicy.Restart.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(policy.failed()).as("five within the minute before now").isEqualTo(new RestartPolicy.GiveUp(5));
    }
}
