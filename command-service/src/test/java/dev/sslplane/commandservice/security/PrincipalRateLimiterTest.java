package dev.sslplane.commandservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PrincipalRateLimiterTest {

    @Test
    void eachPrincipalHasItsOwnCapacityAndIsToldWhenToRetry() {
        var limiter = new PrincipalRateLimiter("t", 3, Duration.ofMinutes(10), 100);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("token:a")).isEmpty();
        }
        OptionalLong retryAfter = limiter.tryAcquire("token:a");
        assertThat(retryAfter).isPresent();
        assertThat(retryAfter.getAsLong()).isBetween(1L, 600L);
        assertThat(limiter.tryAcquire("token:b")).as("another principal is not limited").isEmpty();
    }

    @Test
    void theCapacityComesBackAfterTheRefillPeriod() {
        // a refill long enough that a loaded machine cannot let it pass between the two calls
        var limiter = new PrincipalRateLimiter("t", 1, Duration.ofMillis(2_000), 100);
        assertThat(limiter.tryAcquire("token:a")).isEmpty();
        OptionalLong retryAfter = limiter.tryAcquire("token:a");
        assertThat(retryAfter).isPresent();
        assertThat(retryAfter.getAsLong()).as("rounded up to whole seconds").isBetween(1L, 2L);
        await().atMost(Duration.ofSeconds(10)).until(() -> limiter.tryAcquire("token:a").isEmpty());
    }
}
