package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sslplane.nodeclient.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/run-local.sh} started for a test exactly as the README says, with the build skipped (Maven just
 * built it), free ports and a data directory of its own. Ready once the launcher printed the last line of its start
 * output; {@link #close} stops it as Ctrl-C would.
 */
public final class StackLauncher implements AutoCloseable {

    private static final List<String> PORTS =
            List.of("KAFKA", "KAFKA_CONTROLLER", "MONGO", "FLEET", "COMMAND", "QUERY", "WORKER");

    private final Path dataDir;
    private final Map<String, String> env;
    private final Process process;
    private final Path log;

    private StackLauncher(Path dataDir, Map<String, String> env, Process process, Path log) {
        this.dataDir = dataDir;
        this.env = env;
        this.process = process;
        this.log = log;
    }

    /**
     * @param name     prefix of the temporary data directory
     * @param settings more variables for the launcher and, through it, the services (they inherit its environment)
     */
    public static StackLauncher start(String name, Map<String, String> settings) throws IOException {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Path dataDir = Files.createTempDirectory(name);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SSLPLANE_SKIP_BUILD", "true");
        env.put("SSLPLANE_ROOT", root.toString());
        env.put("SSLPLANE_DATA_DIR", dataDir.toString());
        for (String port : PORTS) {
            env.put("SSLPLANE_" + port + "_PORT", String.valueOf(FreePorts.next()));
        }
        env.putAll(settings);
        Path log = dataDir.resolve("run-local.log");
        var builder = new ProcessBuilder("bash", "deploy/run-local.sh").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        var launcher = new StackLauncher(dataDir, Map.copyOf(env), builder.start(), log);
        try {
            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(launcher.process.isAlive()).as("run-local.sh is running; its output:%n%s", launcher.log())
                        .isTrue();
                // the last line of the start output: the lines after "Started in" may not be written yet
                return launcher.log().contains("Stop: Ctrl-C");
            });
        } catch (RuntimeException | Error e) {
            launcher.close();
            throw e;
        }
        return launcher;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Every variable the launcher was started with. */
    public Map<String, String> env() {
        return env;
    }

    public StackSettings settings() {
        return StackSettings.from(env);
    }

    public int port(String name) {
        return Integer.parseInt(env.get("SSLPLANE_" + name + "_PORT"));
    }

    /** The local fleet's control API, for a test that acts on the nodes as the hosts' administrator would. */
    public String fleetUrl() {
        return settings().fleetUrl();
    }

    /** The bearer token of {@link #fleetUrl()}. */
    public String fleetToken() throws IOException {
        return LocalSecrets.in(dataDir.resolve("secrets")).fleetToken();
    }

    /** The launcher's own output file. */
    public Path logFile() {
        return log;
    }

    /** The launcher's output so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** What {@code run-local.sh status} printed, and its exit code. */
    public record Status(int exitCode, String output) {
    }

    /** Runs {@code run-local.sh status} as a person would, in a second terminal with the same settings. */
    public Status status() throws IOException, InterruptedException {
        Path root = Path.of(env.get("SSLPLANE_ROOT"));
        var builder = new ProcessBuilder("bash", "deploy/run-local.sh", "status").directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process status = builder.start();
        String output = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!status.waitFor(1, TimeUnit.MINUTES)) {
            status.destroyForcibly();
            throw new IllegalStateException("run-local.sh status did not end; its output:\n" + output);
        }
        return new Status(status.exitValue(), output);
    }

    /** Waits for the launcher to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("run-local.sh still runs after " + timeout + "; its output:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
