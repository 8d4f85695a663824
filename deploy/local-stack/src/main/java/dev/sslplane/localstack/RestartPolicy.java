package dev.sslplane.localstack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * For one supervised child: how long to wait before restarting it after a failure, and when to stop trying.
 *
 * <p>The delay doubles with each failure in a row (1 s, 2 s, 4 s… up to 30 s), so a child that cannot come up
 * does not take the machine's cores from the others; a child that then ran for a whole window counts as
 * recovered and starts again at 1 s. Five failures within a minute mean restarting will not help (a child that
 * dies as soon as it starts: a broken build, an unreadable data file): the supervisor gives up on the child. A child
 * whose failed start takes longer (a service that fails its readiness check after 20 s) cannot fail five times in a
 * minute: it is retried every 30 s, each failure reported, until it comes up or someone stops the stack.
 */
final class RestartPolicy {

    /** The numbers, so tests can run the same rules faster. */
    record Limits(Duration firstDelay, Duration maxDelay, int giveUpAfter, Duration window) {

        static final Limits STANDARD = new Limits(Duration.ofSeconds(1), Duration.ofSeconds(30), 5,
                Duration.ofMinutes(1));
    }

    sealed interface Decision permits Restart, GiveUp {
    }

    /** Start the child again after {@code delay}. */
    record Restart(Duration delay) implements Decision {
    }

    /** Do not start it again: {@code failures} failures within the window. */
    record GiveUp(int failures) implements Decision {
    }

    private final Limits limits;
    private final Clock clock;
    /** Failures within the last window, oldest first. */
    private final Deque<Instant> recent = new ArrayDeque<>();
    private int inARow;
    private Instant runningSince;

    RestartPolicy(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    Limits limits() {
        return limits;
    }

    /** The child passed its readiness check: from now on, a long enough run resets the back-off. */
    void running() {
        runningSince = clock.instant();
    }

    /** The child exited, or did not become ready: restart it (after how long) or give up. */
    Decision failed() {
        Instant now = clock.instant();
        if (runningSince != null && !Duration.between(runningSince, now).minus(limits.window()).isNegative()) {
            inARow = 0;
        }
        runningSince = null;
        inARow++;
        recent.addLast(now);
        while (!now.minus(limits.window()).isBefore(recent.peekFirst())) {
            recent.removeFirst();
        }
        if (recent.size() >= limits.giveUpAfter()) {
            return new GiveUp(recent.size());
        }
        return new Restart(delay(inARow));
    }

    private Duration delay(int failuresInARow) {
        // shifting past 2^20 s would overflow long before the cap matters
        Duration delay = limits.firstDelay().multipliedBy(1L << Math.min(failuresInARow - 1, 20));
        return delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay;
    }
}
