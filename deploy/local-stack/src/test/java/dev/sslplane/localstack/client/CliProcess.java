package dev.sslplane.localstack.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code cli/sslplane} (the launcher script, the built jar) as an operator would, as a child process with its
 * own environment; keeps every output it produced, so a test can check that no token ever appears in any.
 */
final class CliProcess {

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final Path launcher;
    private final Map<String, String> env;
    private final Path outputs;
    private final List<String> printed = new ArrayList<>();
    private int runs;

    CliProcess(Path projectRoot, Map<String, String> env) throws IOException {
        this.launcher = projectRoot.resolve("cli/sslplane");
        this.env = Map.copyOf(env);
        this.outputs = Files.createTempDirectory("sslplane-cli-it");
    }

    /** Everything every run printed so far, stdout and stderr. */
    List<String> printed() {
        return printed;
    }

    Result run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        Process process = start(extraEnv, args);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("sslplane " + String.join(" ", args) + " did not end in 5 minutes");
        }
        return collect(process, runs);
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** Starts a run that the caller ends (audit --follow); read it with {@link #outputSoFar}. */
    Process start(Map<String, String> extraEnv, String... args) throws IOException {
        runs++;
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command)
                .redirectOutput(outputs.resolve(runs + ".out").toFile())
                .redirectError(outputs.resolve(runs + ".err").toFile());
        // only what an operator's shell would hand over: no SSLPLANE_* of the test's own environment
        builder.environment().keySet().removeIf(name -> name.startsWith("SSLPLANE_"));
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extraEnv);
        builder.environment().putAll(all);
        return builder.start();
    }

    String outputSoFar(int run) throws IOException {
        return Files.readString(outputs.resolve(run + ".out"));
    }

    int lastRun() {
        return runs;
    }

    Result collect(Process process, int run) throws IOException, InterruptedException {
        process.waitFor(10, TimeUnit.SECONDS);
        String out = Files.readString(outputs.resolve(run + ".out"));
        String err = Files.readString(outputs.resolve(run + ".err"));
        printed.add(out);
        printed.add(err);
        return new Result(process.isAlive() ? -1 : process.exitValue(), out, err);
    }

    static Duration patience() {
        return Duration.ofMinutes(4);
    }
}
