package dev.sslplane.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code run-local.sh status}: the children of the stack running on this data directory, from the status file its
 * launcher keeps. Exit codes as for an LSB init script's status: 0 running, 1 not running but a status file is
 * left (the launcher was killed or has ended), 3 never started with this data directory.
 */
final class StatusCommand {

    static final int RUNNING = 0;
    static final int LAUNCHER_GONE = 1;
    static final int NEVER_STARTED = 3;

    private static final String ROW = "%-20s %-11s %-8s %-9s %-9s %s%n";

    private final StatusFile file;
    private final Clock clock;
    private final PrintStream out;

    StatusCommand(StatusFile file, Clock clock, PrintStream out) {
        this.file = file;
        this.clock = clock;
        this.out = out;
    }

    int run() throws IOException {
        Optional<StackStatus> read = file.read();
        if (read.isEmpty()) {
            out.println("No local stack is running: none was started with this data directory (no "
                    + file.path() + ").");
            return NEVER_STARTED;
        }
        StackStatus status = read.get();
        if (!status.launcherRunning()) {
            out.println("No local stack is running: its launcher (pid " + status.launcherPid() + ") is gone."
                    + " Its last status, from " + status.updated() + ":");
            table(status.children(), false);
            leftBehind(status.children());
            return LAUNCHER_GONE;
        }
        Duration up = status.launcherStarted() == null ? null
                : Duration.between(status.launcherStarted(), clock.instant());
        out.println("Local stack running: launcher pid " + status.launcherPid()
                + (up == null ? "" : ", up " + human(up)) + " (" + file.path().getParent() + ")");
        table(status.children(), true);
        return RUNNING;
    }

    private void table(List<ChildStatus> children, boolean live) {
        out.printf(ROW, "CHILD", "STATE", "PID", "UPTIME", "RESTARTS", "LOG");
        for (ChildStatus child : children) {
            boolean running = child.state() == ChildState.RUNNING;
            out.printf(ROW, child.name(), child.state().label(), child.pid() == 0 ? "-" : child.pid(),
                    live && running ? human(Duration.between(child.since(), clock.instant())) : "-",
                    child.restarts(), child.logFile());
        }
    }

    /** Children of a killed launcher keep running in their own sessions: say which, so they can be stopped. */
    private void leftBehind(List<ChildStatus> children) {
        List<ChildStatus> alive = children.stream()
                .filter(c -> c.pid() != 0 && ProcessHandle.of(c.pid()).map(ProcessHandle::isAlive).orElse(false))
                .toList();
        if (!alive.isEmpty()) {
            out.println("Processes with those pids still run (children left by a killed launcher?): "
                    + alive.stream().map(c -> c.name() + " (pid " + c.pid() + ")").collect(Collectors.joining(", ")));
            out.println("Stop them with: kill " + alive.stream().map(c -> String.valueOf(c.pid()))
                    .collect(Collectors.joining(" ")));
        }
    }

    static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + seconds % 60 + "s";
        }
        return seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
    }
}
