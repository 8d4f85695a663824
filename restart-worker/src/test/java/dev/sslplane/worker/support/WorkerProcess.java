package dev.sslplane.worker.support;

import static org.awaitility.Awaitility.await;

import dev.sslplane.testsupport.FleetProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The worker's runnable jar as its own process, so a test can kill it like a crash (SIGKILL). */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    public final int port;

    public WorkerProcess(Map<String, String> env) throws IOException {
        this("restart-worker.jar", env);
    }

    /** Any Spring Boot service's runnable jar, named by a system property Failsafe sets. */
    public WorkerProcess(String jarProperty, Map<String, String> env) throws IOException {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("runnable jar not found: " + jar + " (build that module first)");
        }
        port = FleetProcess.freePort();
        // with the build output (module directory), not in /tmp: kept for a failed run, gone with `clean`
        log = Files.createTempFile(Files.createDirectories(Path.of("target", "process-logs")), "worker", ".log");
        var builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", FleetProcess.QUICK_JIT, "-jar", jar))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        process = builder.start();
        var http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker exited: " + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Like a crash: no shutdown hooks, leases are not given back. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
