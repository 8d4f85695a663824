package dev.sslplane.localstack;

import java.io.PrintStream;

/** Start-up progress for a person watching: one line per step with how long it took. */
final class Console {

    private final PrintStream out;
    private long stepStarted;
    private int step;

    Console(PrintStream out) {
        this.out = out;
    }

    void step(String what) {
        step++;
        stepStarted = System.nanoTime();
        out.printf("[%d] %-48s", step, what + " …");
        out.flush();
    }

    void done() {
        doneWith("ready");
    }

    void doneWith(String result) {
        out.printf(" %s (%.1f s)%n", result, (System.nanoTime() - stepStarted) / 1e9);
    }

    void info(String line) {
        out.println(line);
    }

    void blank() {
        out.println();
    }
}
