package dev.sslplane.localstack;

import java.io.PrintStream;

/**
 * Start-up progress for a person watching: one line per step with how long it took; and the supervisor's notices,
 * which come from other threads at any time.
 */
final class Console {

    private final PrintStream out;
    private long stepStarted;
    private int step;
    /** A step's line waits for its result: a notice must start a line of its own. */
    private boolean stepOpen;

    Console(PrintStream out) {
        this.out = out;
    }

    synchronized void step(String what) {
        step++;
        stepStarted = System.nanoTime();
        out.printf("[%d] %-48s", step, what + " …");
        out.flush();
        stepOpen = true;
    }

    void done() {
        doneWith("ready");
    }

    synchronized void doneWith(String result) {
        out.printf(" %s (%.1f s)%n", result, (System.nanoTime() - stepStarted) / 1e9);
        stepOpen = false;
    }

    synchronized void info(String line) {
        out.println(line);
    }

    /** A line from elsewhere (the supervisor), on a line of its own even in the middle of a step. */
    synchronized void notice(String line) {
        if (stepOpen) {
            out.println();
            stepOpen = false;
        }
        out.println(line);
    }

    synchronized void blank() {
        out.println();
    }
}
