package dev.sslplane.localstack;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How to start one child and how to tell it is ready: the same at first start and at every restart, so a
 * restarted child gets the same command line, environment and ports, and the same readiness check.
 */
record Launch(String name, Path logFile, Starter starter, Readiness readiness) {

    interface Starter {
        ChildProcess start(String name, Path logFile) throws IOException, InterruptedException;
    }

    /** Returns once the process serves; throws (a {@link StackException}) if it dies or is not ready in time. */
    interface Readiness {
        void await(ChildProcess process) throws InterruptedException;
    }

    ChildProcess start() throws IOException, InterruptedException {
        return starter.start(name, logFile);
    }
}
