package dev.sslplane.commandservice.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the calling thread to Linux's {@code SCHED_IDLE} class (or, failing that, nice 19), so background work
 * such as RSA key generation only gets a core nobody else wants. Java's thread priorities do nothing on Linux
 * without root; an unprivileged process may still lower its own threads. Best effort: elsewhere it does nothing.
 */
final class IdleCpuPriority {

    private static final Logger log = LoggerFactory.getLogger(IdleCpuPriority.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private IdleCpuPriority() {
    }

    /** @return whether the calling thread now runs at idle priority */
    static boolean lowerCurrentThread() {
        Optional<String> tid = currentThreadId();
        if (tid.isEmpty()) {
            return false;
        }
        for (List<String> command : List.of(List.of("chrt", "--idle", "--pid", "0", tid.get()),
                List.of("renice", "-n", "19", "-p", tid.get()))) {
            if (run(command)) {
                log.debug("Thread {} (tid {}) lowered with {}", Thread.currentThread().getName(), tid.get(),
                        command.get(0));
                return true;
            }
        }
        log.info("Could not lower the CPU priority of {}: it competes with request threads",
                Thread.currentThread().getName());
        return false;
    }

    /** The kernel's id of the calling thread, from {@code /proc/thread-self -> <pid>/task/<tid>}. */
    static Optional<String> currentThreadId() {
        try {
            Path target = Files.readSymbolicLink(THREAD_SELF);
            return Optional.of(target.getFileName().toString());
        } catch (IOException | UnsupportedOperationException noProcFs) {
            return Optional.empty();
        }
    }

    private static boolean run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
