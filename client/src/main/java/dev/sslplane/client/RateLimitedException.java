package dev.sslplane.client;

import java.time.Duration;

/**
 * 429 {@code RATE_LIMITED} after every attempt the settings allow, or with a {@code Retry-After} longer than the
 * client was allowed to wait ({@link #retryAfter()}, {@code null} when the service sent none).
 */
public class RateLimitedException extends ProblemException {

    private final Duration retryAfter;

    public RateLimitedException(Problem problem, Duration retryAfter) {
        super(problem);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
