package dev.sslplane.worker.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
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
public final class FleetProcess implements AutoCloseable {

    public final int port;
    final Path dataDir;
    public final String token;
    final int nodePortBase;
    private final Path log;
    private Process process;

    private final String restartDowntime;

    public FleetProcess(Path dataDir, String token) throws IOException {
        this(dataDir, token, "300ms");
    }

    public FleetProcess(Path dataDir, String token, String restartDowntime) throws IOException {
        this.restartDowntime = restartDowntime;
        this.port = freePort();
        this.dataDir = dataDir;
        this.token = token;
        this.nodePortBase = 30_000 + (int) (Math.random() * 25_000);
        // with the build output (module directory), not in /tmp: kept for a failed run, gone with `clean`
        this.log = Files.createTempFile(Files.createDirectories(Path.of("target", "process-logs")), "fleet", ".log");
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public FleetProcess start() throws IOException {
        String jar = System.getProperty("local-fleet.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("runnable fleet jar not found: " + jar + " (run mvn package first)");
        }
        var builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("FLEET_PORT", String.valueOf(port));
        builder.environment().put("FLEET_DATA_DIR", dataDir.toString());
        builder.environment().put("FLEET_TOKEN", token);
        builder.environment().put("FLEET_NODE_PORT_BASE", String.valueOf(nodePortBase));
        builder.environment().put("FLEET_NODE_PORT_MAX", String.valueOf(nodePortBase + 500));
        builder.environment().put("FLEET_RESTART_DOWNTIME", restartDowntime);
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

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
