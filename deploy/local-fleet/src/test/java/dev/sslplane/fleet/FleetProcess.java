package dev.sslplane.fleet;

import dev.sslplane.nodeclient.FreePorts;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The fleet's runnable jar started as its own process, as in production. */
final class FleetProcess implements AutoCloseable {

    final int port;
    final Path dataDir;
    final String token;
    private final Path log;
    private Process process;

    FleetProcess(Path dataDir, String token) throws IOException {
        this.port = freePort();
        this.dataDir = dataDir;
        this.token = token;
        // with the build output (module directory), not in /tmp: kept for a failed run, gone with `clean`
        this.log = Files.createTempFile(Files.createDirectories(Path.of("target", "process-logs")), "fleet", ".log");
    }

    /** See {@link FreePorts}: a port outside the range outgoing connections take theirs from. */
    static int freePort() {
        return FreePorts.next();
    }

    FleetProcess start() throws IOException {
        String jar = System.getProperty("fleet.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("runnable fleet jar not found: " + jar + " (run mvn package first)");
        }
        var builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", jar))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("FLEET_PORT", String.valueOf(port));
        builder.environment().put("FLEET_DATA_DIR", dataDir.toString());
        builder.environment().put("FLEET_TOKEN", token);
        builder.environment().put("FLEET_RESTART_DOWNTIME", "200ms");
        // short heartbeats keep the module's tests quick: a member is down after 1 s, elections wait 2 s
        builder.environment().put("FLEET_HEARTBEAT_INTERVAL", "200ms");
        builder.environment().put("FLEET_HEARTBEAT_TIMEOUT", "1s");
        process = builder.start();
        var http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("fleet exited: " + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The fleet's own log, for assertions on what it reported. */
    String log() throws IOException {
        return Files.readString(log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
