package dev.sslplane.commandservice.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * One resilience4j {@link RateLimiter} per principal: {@code capacity} permits per {@code refillPeriod}, never
 * waiting. Limiters live in a bounded Caffeine cache and expire after a period without use, when they would be
 * full again anyway, so memory stays bounded however many principals call.
 */
final class PrincipalRateLimiter {

    private final String name;
    private final RateLimiterConfig config;
    private final Cache<String, AtomicRateLimiter> limiters;

    PrincipalRateLimiter(String name, int capacity, Duration refillPeriod, long maxPrincipals) {
        this.name = name;
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(capacity)
                .limitRefreshPeriod(refillPeriod)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.limiters = Caffeine.newBuilder()
                .maximumSize(maxPrincipals)
                .expireAfterAccess(refillPeriod)
                .build();
    }

    /** Empty when the principal may go ahead; otherwise the seconds (at least 1) until it may try again. */
    OptionalLong tryAcquire(String principal) {
        AtomicRateLimiter limiter = limiters.get(principal, p -> new AtomicRateLimiter(name + ":" + p, config));
        if (limiter.acquirePermission()) {
            return OptionalLong.empty();
        }
        long nanos = Math.max(0, limiter.getDetailedMetrics().getNanosToWait());
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }
}
