package dev.sslplane.localstack;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One child as the supervisor last saw it.
 *
 * @param pid      of its current process; 0 while it has none (back-off, given up, stopped)
 * @param since    when it entered this state (for a running child: its uptime starts here)
 * @param restarts how many times the supervisor started it again
 */
record ChildStatus(String name, ChildState state, long pid, Instant since, int restarts, Path logFile) {

    ChildStatus with(ChildState newState, long newPid, Instant at) {
        return new ChildStatus(name, newState, newPid, at, restarts, logFile);
    }

    ChildStatus restarted() {
        return new ChildStatus(name, state, pid, since, restarts + 1, logFile);
    }
}
