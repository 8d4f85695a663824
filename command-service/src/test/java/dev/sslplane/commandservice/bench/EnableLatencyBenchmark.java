package dev.sslplane.commandservice.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.commandservice.CommandServiceApplication;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.Topology;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;
import dev.sslplane.commandservice.it.TestTokens;
import dev.sslplane.security.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Enable latency as a client sees it: from sending {@code POST /api/v1/instances/{id}/ssl:enable} to receiving
 * the 202, on the whole service in-process (real HTTP, Axon aggregate, MongoDB-wire event store, vault, PKI with
 * its background key pool, Kafka publisher running alongside), once with RSA-2048 CAs and once with EC P-256.
 *
 * <p>Run: {@code ./mvnw -q -B -o -f command-service/pom.xml test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.sslplane.commandservice.bench.EnableLatencyBenchmark}
 * (system properties {@code bench.requests} (default 200), {@code bench.warmup} (50), {@code bench.intervalMs}
 * (500), {@code bench.jitWarmup} (600) and {@code bench.algorithms} ({@code RSA_2048,EC_P256}). Before measuring,
 * a JIT warm-up (as JMH's) runs {@code bench.jitWarmup} Enables back to back per algorithm on a throw-away service
 * and databases, so that the measured services start on empty databases in a JVM whose code is compiled: with
 * only the 50 paced warm-up Enables the C2 compiler still took ~100 ms of CPU per measured Enable on the same two
 * cores. {@code 0} skips it. Enables arrive one at a time, every interval,
 * like operator actions; a sustained rate above the key pool's refill rate makes RSA key generation inline, and
 * the benchmark prints how often that happened).
 */
public final class EnableLatencyBenchmark {

    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
        30, 31, 32});

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        quiet("org.apache.kafka", "kafka", "org.apache.zookeeper", "org.springframework", "org.axonframework",
                "org.mongodb.driver", "de.bwaldvogel", "dev.sslplane");
        int requests = Integer.getInteger("bench.requests", 200);
        int warmup = Integer.getInteger("bench.warmup", 50);
        int jitWarmup = Integer.getInteger("bench.jitWarmup", 600);
        long intervalMs = Long.getLong("bench.intervalMs", 500);
        List<String> algorithms = List.of(System.getProperty("bench.algorithms", "RSA_2048,EC_P256").split(","));
        String loadBefore = loadAverage();

        var mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        var kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.afterPropertiesSet();
        var results = new ArrayList<String>();
        try {
            // JIT warm-up (as JMH does) on throw-away databases, Enables back to back: the measured services then
            // start on empty databases in a JVM whose code is compiled (a service that has been running a while)
            for (String algorithm : jitWarmup > 0 ? algorithms : List.<String>of()) {
                try (var service = start(algorithm, "jit_", mongo, kafka.getBrokersAsString())) {
                    int port = ((WebServerApplicationContext) service).getWebServer().getPort();
                    new EnableLatencyBenchmark().run(port, algorithm + "-jit", jitWarmup, 0);
                }
            }
            for (String algorithm : algorithms) {
                try (var service = start(algorithm, "bench_", mongo, kafka.getBrokersAsString())) {
                    int port = ((WebServerApplicationContext) service).getWebServer().getPort();
                    var bench = new EnableLatencyBenchmark();
                    bench.run(port, algorithm + "-warmup", warmup, intervalMs);
                    var pool = service.getBean(dev.sslplane.commandservice.pki.KeyPairPool.class);
                    // Idle CPU of the in-process stack (broker, consumers, processors, driver monitors), so the
                    // CPU that the requests themselves cost can be told apart from the background.
                    long idleWall = System.nanoTime();
                    long idleCpu = processCpuNanos();
                    LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
                    double idleCpuPerWallNano = (processCpuNanos() - idleCpu) / (double) (System.nanoTime() - idleWall);
                    double inlineBefore = pool.inlineGenerations();
                    long cpuBefore = processCpuNanos();
                    long[] gcBefore = gcPauses();
                    long jitBefore = jitMillis();
                    long wallBefore = System.nanoTime();
                    List<Long> nanos = bench.run(port, algorithm, requests, intervalMs);
                    long cpu = processCpuNanos() - cpuBefore;
                    long[] gc = gcPauses();
                    long jit = jitMillis() - jitBefore;
                    long idle = (long) (idleCpuPerWallNano * (System.nanoTime() - wallBefore));
                    results.add(summary(algorithm, nanos) + String.format(Locale.ROOT,
                            "%n          key pool %d, keys generated inline: %.0f; CPU per instance above the idle "
                                    + "stack (register + enable + key generation + publishing both events + "
                                    + "broker + MongoDB server): %.1f ms; idle stack: %.0f%% of one core"
                                    + "%n          while measuring: %d GC pauses (%d ms in all), JIT compiling %.0f ms "
                                    + "per instance",
                            pool.capacity(), pool.inlineGenerations() - inlineBefore,
                            ms(Math.max(0, cpu - idle) / requests), idleCpuPerWallNano * 100,
                            gc[0] - gcBefore[0], gc[1] - gcBefore[1], jit / (double) requests));
                }
            }
        } finally {
            kafka.destroy();
            mongo.shutdownNow();
        }
        System.out.printf("%nEnable latency, REST request sent -> 202 received (%d requests, one every %d ms, "
                + "%d cores, load average before %s, after %s, collectors %s)%n", requests, intervalMs,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(), collectors());
        results.forEach(System.out::println);
        System.exit(0);
    }

    private static ConfigurableApplicationContext start(String algorithm, String databasePrefix, MongoServer mongo,
                                                        String brokers) {
        String suffix = algorithm.toLowerCase(Locale.ROOT);
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--sslplane.mongodb.uri=mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/"
                        + databasePrefix + suffix,
                "--sslplane.vault.database=" + databasePrefix + "vault_" + suffix,
                "--sslplane.vault.master-key=" + MASTER_KEY,
                "--sslplane.pki.key-algorithm=" + algorithm,
                "--sslplane.kafka.partitions=2",
                "--sslplane.security.tokens-file=" + TestTokens.hashedFile(),
                // measures latency, not the limiter: every request must be served
                "--sslplane.rate-limit.enabled=false",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
    }

    private List<Long> run(int port, String label, int requests, long intervalMs) throws Exception {
        var nanos = new ArrayList<Long>(requests);
        var nodes = List.of(new NodeSpec("n0", "10.9.0.1", 27017, NodeRole.PRIMARY, List.of()),
                new NodeSpec("n1", "10.9.0.2", 27017, NodeRole.SECONDARY, List.of()),
                new NodeSpec("n2", "10.9.0.3", 27017, NodeRole.SECONDARY, List.of()));
        for (int i = 0; i < requests; i++) {
            String id = "bench-" + label.toLowerCase(Locale.ROOT).replace('_', '-') + "-" + i;
            var registered = post(port, "/api/v1/instances",
                    json.writeValueAsString(new RegisterInstanceRequest(id, "4.2", Topology.REPLICA_SET, nodes, 10)));
            check(registered, 201);
            long next = System.nanoTime() + intervalMs * 1_000_000;
            long start = System.nanoTime();
            var enabled = post(port, "/api/v1/instances/" + id + "/ssl:enable", null);
            long took = System.nanoTime() - start;
            check(enabled, 202);
            nanos.add(took);
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
        return nanos;
    }

    private HttpResponse<String> post(int port, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", TestTokens.bearer(Role.OPERATOR))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static String summary(String algorithm, List<Long> nanos) {
        var sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%-9s median %6.2f ms   p90 %6.2f ms   p99 %6.2f ms   max %6.2f ms",
                algorithm, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(sorted.get(sorted.size() - 1)));
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** CPU time of this whole JVM (service, broker, MongoDB-wire server, client). */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }

    /** Stop-the-world collections so far and their total time in ms (what can stall a request in the tail). */
    private static long[] gcPauses() {
        long count = 0;
        long millis = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent GC") && !gc.getName().contains("Cycles")) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
        }
        return new long[] {count, millis};
    }

    /** Which garbage collector measured (G1 and ZGC tails differ), e.g. {@code [G1 Young Generation, …]}. */
    private static List<String> collectors() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList();
    }

    /** Time the JIT compilers spent so far (they share the two cores with the requests), in ms. */
    private static long jitMillis() {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** The machine's 1-minute load average (Linux), to judge how noisy a run was. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static void quiet(String... loggers) {
        for (String name : loggers) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
        }
    }
}
