package dev.sslplane.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A JVM the stack starts, with its output in a log file, stopped gracefully (SIGTERM) before forcibly. */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code java <jvmArgs> <args>} with the given environment additions. */
    static ChildProcess startJava(String name, List<String> jvmArgs, List<String> args, Map<String, String> env,
            Path logFile) throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(args);
        return start(name, command, env, logFile);
    }

    /** Starts {@code command} with the given environment additions, its output appended to {@code logFile}. */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logFile)
            throws IOException {
        var line = new ArrayList<String>();
        // Own session: Ctrl-C reaches only the launcher, which then stops the children in reverse start order.
        // setsid execs the command (it is not a group leader), so the pid is the command's own.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            line.add("/usr/bin/setsid");
        }
        line.addAll(command);
        Files.createDirectories(logFile.getParent());
        var builder = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        return new ChildProcess(name, builder.start(), logFile);
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the process has exited, however it ended. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The exit code (128 + the signal's number if a signal ended it); only once it has exited. */
    int exitValue() {
        return process.exitValue();
    }

    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the process to exit and fails unless it exited with 0. */
    void waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + logFile);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with exit code " + process.exitValue() + "; see " + logFile);
        }
    }

    /** SIGKILL, as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
