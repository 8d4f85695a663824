package dev.sslplane.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a running launcher publishes for {@code run-local.sh status}: who it is and its children.
 *
 * @param launcherPid     the launcher's process ({@code run-local.sh} execs into it)
 * @param launcherStarted when that process started, as the OS says: tells the launcher from a later process that
 *                        got the same pid after the launcher was killed
 */
record StackStatus(long launcherPid, Instant launcherStarted, Instant updated, List<ChildStatus> children) {

    /** Start times read at different moments may differ by rounding; a reused pid is not that close. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    StackStatus {
        children = List.copyOf(children);
    }

    /** The status of this JVM as the launcher. */
    static StackStatus ofThisProcess(Instant updated, List<ChildStatus> children) {
        ProcessHandle self = ProcessHandle.current();
        return new StackStatus(self.pid(), self.info().startInstant().orElse(null), updated, children);
    }

    /**
     * Whether the launcher that wrote this still runs. False for a file left by a launcher that was killed (its
     * shutdown hook never ran) or that ended, even if its pid now belongs to another process.
     */
    boolean launcherRunning() {
        return ProcessHandle.of(launcherPid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> launcherStarted == null || process.info().startInstant()
                        .map(started -> Duration.between(started, launcherStarted).abs().compareTo(SAME_START) < 0)
                        .orElse(true))
                .isPresent();
    }
}
