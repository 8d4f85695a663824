package dev.sslplane.localstack;

import dev.sslplane.nodeclient.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Enable latency as a client sees it (REST {@code POST …/ssl:enable} sent → {@code 202} received) against the
 * system as it is deployed: the command-service's runnable jar in a JVM of its own with the production JVM
 * options, Kafka (KRaft) and the MongoDB-wire server in their own JVMs, and the client (this JVM) outside them —
 * all on this machine's cores.
 *
 * <p>Per algorithm ({@code bench.algorithms}, default {@code RSA_2048,EC_P256}) a fresh service process: first a
 * JIT warm-up of {@code bench.jitWarmup} (600) Enables back to back on instances that are deleted from the
 * databases afterwards (the in-memory MongoDB-wire server scans whole collections where a real MongoDB uses its
 * indexes, so the measured Enables meet the same small collections as on a fresh service); then a wait until the
 * CA key pool is full again (as in a service that was idle); then {@code bench.warmup} (50) paced Enables, then
 * {@code bench.requests} (200) measured ones, one every {@code bench.intervalMs} (500) ms, each on an instance
 * registered {@code bench.registerLeadMs} (250) ms before it (operators register an instance and enable SSL
 * later; {@code 0} registers right before the Enable).
 *
 * <p>Run: {@code ./deploy/bench/enable-latency.sh} (builds, then runs this class). Other options:
 * {@code bench.serviceEnv} (more environment for the service, e.g. {@code SSLPLANE_PKI_KEY_POOL_SIZE=384}),
 * {@code bench.serviceJvmArgs} (default {@code -Xmx768m}: the manifests' 75 % of a 1 GiB limit),
 * {@code bench.mongo} ({@code memory}, or {@code h2}: the local stack's durable server), {@code bench.serviceJar}
 * (another build of the service, for an A/B comparison in the same hour). Besides the summary it
 * leaves, in its logs directory, every measured Enable's start time and latency ({@code enable-<alg>.csv}) and
 * the GC logs of the service (with safepoints) and of the MongoDB-wire server, with wall-clock times, to be
 * lined up with each other.
 */
public final class EnableLatencyStackBenchmark {

    private static final String GC_PAUSES = "jvm.gc.pause";
    private static final String SERVED_ENABLES =
            "http.server.requests?tag=method:POST&tag=uri:/api/v1/instances/%7BinstanceId%7D/ssl:enable";
    private static final String MONGO_COMMANDS = "mongodb.driver.commands";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final String operatorToken;
    private final String adminToken;

    private EnableLatencyStackBenchmark(int port, LocalSecrets secrets) throws IOException {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.operatorToken = secrets.apiToken(Role.OPERATOR);
        this.adminToken = secrets.apiToken(Role.ADMIN);
    }

    public static void main(String[] args) throws Exception {
        var options = Options.fromSystemProperties();
        Path root = projectRoot();
        Path dir = Files.createTempDirectory("sslplane-enable-bench");
        Path logs = dir.resolve("logs");
        String classpath = root.resolve("deploy/local-stack/target/test-classes") + java.io.File.pathSeparator
                + root.resolve("deploy/local-stack/target/classes") + java.io.File.pathSeparator
                + Files.readString(root.resolve("deploy/local-stack/target/classpath.txt")).trim();
        String loadBefore = BenchProcesses.loadAverage();
        Deque<ChildProcess> started = new ArrayDeque<>();
        var results = new ArrayList<String>();
        try {
            int mongoPort = FreePorts.next();
            ChildProcess mongo = startMongo(options.mongo(), mongoPort, dir, classpath, logs);
            started.push(mongo);
            Health.awaitTcp(mongo, "127.0.0.1", mongoPort, Duration.ofMinutes(1));

            var broker = new KafkaBroker(dir.resolve("kafka"), FreePorts.next(), FreePorts.next());
            ChildProcess kafka = broker.start(classpath, logs.resolve("kafka.log"));
            started.push(kafka);
            broker.awaitReady(kafka, Duration.ofMinutes(2));

            var secrets = LocalSecrets.in(dir.resolve("secrets"));
            Path jar = options.serviceJar().isEmpty() ? commandServiceJar(root) : Path.of(options.serviceJar());
            for (String algorithm : options.algorithms()) {
                String database = "bench_" + algorithm.toLowerCase(Locale.ROOT);
                int port = FreePorts.next();
                var env = new LinkedHashMap<String, String>();
                env.put("SERVER_PORT", String.valueOf(port));
                env.put("MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort + "/" + database);
                env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
                env.put("SSLPLANE_VAULT_MASTER_KEY_FILE", secrets.vaultMasterKeyFile().toString());
                env.put("SSLPLANE_SECURITY_TOKENS_FILE", secrets.hashedApiTokensFile().toString());
                env.put("SSLPLANE_PKI_KEY_ALGORITHM", algorithm);
                // measures latency, not the limiter: every request must be served
                env.put("SSLPLANE_RATE_LIMIT_ENABLED", "false");
                env.putAll(options.serviceEnv());
                var jvmArgs = new ArrayList<>(options.serviceJvmArgs());
                // pauses and safepoints with wall-clock times, to be matched against the slow requests
                jvmArgs.add("-Xlog:gc,safepoint:file=" + logs.resolve("service-gc-" + algorithm + ".log") + ":time");
                jvmArgs.addAll(List.of("-jar", jar.toString()));
                ChildProcess service = ChildProcess.startJava("command-service-" + algorithm, jvmArgs, List.of(),
                        env, logs.resolve("command-service-" + algorithm + ".log"));
                started.push(service);
                try {
                    Health.awaitHttpUp(service, "http://127.0.0.1:" + port + "/actuator/health",
                            Duration.ofMinutes(3));
                    var bench = new EnableLatencyStackBenchmark(port, secrets);
                    if (options.jitWarmup() > 0) {
                        bench.run("jit-" + algorithm, options.jitWarmup(), 0, 0);
                        deleteInstances("mongodb://127.0.0.1:" + mongoPort, database, "jit-");
                    }
                    results.add(bench.measure(algorithm, options, started, logs));
                } finally {
                    started.pop().stop(Duration.ofSeconds(30));
                }
            }
        } finally {
            while (!started.isEmpty()) {
                started.pop().stop(Duration.ofSeconds(30));
            }
        }
        System.out.printf("%nEnable latency, REST request sent -> 202 received; service, Kafka and MongoDB-wire "
                        + "server (%s) in their own JVMs (%d requests, one every %d ms, registered %d ms before, "
                        + "%d cores, load average before %s, after %s, service JVM %s)%n", options.mongo(),
                options.requests(), options.intervalMs(), options.registerLeadMs(),
                Runtime.getRuntime().availableProcessors(), loadBefore, BenchProcesses.loadAverage(),
                options.serviceJvmArgs());
        results.forEach(System.out::println);
        System.out.println("Logs: " + logs);
        System.exit(0);
    }

    /** The {@code bench.*} system properties (see the class comment). */
    private record Options(int requests, int warmup, int jitWarmup, long intervalMs, long registerLeadMs,
                           List<String> algorithms, List<String> serviceJvmArgs, String mongo,
                           Map<String, String> serviceEnv, String serviceJar) {

        static Options fromSystemProperties() {
            return new Options(Integer.getInteger("bench.requests", 200), Integer.getInteger("bench.warmup", 50),
                    Integer.getInteger("bench.jitWarmup", 600), Long.getLong("bench.intervalMs", 500),
                    Long.getLong("bench.registerLeadMs", 250),
                    List.of(System.getProperty("bench.algorithms", "RSA_2048,EC_P256").split(",")),
                    List.of(System.getProperty("bench.serviceJvmArgs", "-Xmx768m").split(" ")),
                    System.getProperty("bench.mongo", "memory"),
                    BenchProcesses.keyValues(System.getProperty("bench.serviceEnv", "")),
                    System.getProperty("bench.serviceJar", ""));
        }
    }

    private static ChildProcess startMongo(String kind, int port, Path dir, String classpath, Path logs)
            throws IOException {
        List<String> mainAndArgs = kind.equals("h2")
                ? List.of(DurableMongoServer.class.getName(), String.valueOf(port),
                        dir.resolve("mongo/bench.mv").toString())
                : List.of(BenchMongoServer.class.getName(), String.valueOf(port));
        return ChildProcess.startJava("mongo", List.of("-Xmx512m",
                        "-Xlog:gc:file=" + logs.resolve("mongo-gc.log") + ":time", "-cp", classpath),
                mainAndArgs, Map.of(), logs.resolve("mongo.log"));
    }

    /**
     * With the key pool full (as in a service that was idle): the paced warm-up, then the measured Enables, then
     * the stack's idle background; returns the summary lines.
     */
    private String measure(String algorithm, Options options, Deque<ChildProcess> processes, Path logs)
            throws Exception {
        awaitFullKeyPool(algorithm);
        run("warmup-" + algorithm, options.warmup(), options.intervalMs(), options.registerLeadMs());
        Map<String, Long> cpuBefore = BenchProcesses.cpuMillis(processes);
        double[] gcBefore = serviceTimer(GC_PAUSES);
        double[] enablesBefore = serviceTimer(SERVED_ENABLES);
        double[] mongoBefore = serviceTimer(MONGO_COMMANDS);
        double jitBefore = serviceMetric("jvm.compilation.time");
        long[] machineBefore = machineCpuTicks();
        List<long[]> timed = run(algorithm, options.requests(), options.intervalMs(), options.registerLeadMs());
        Map<String, Long> cpuAfter = BenchProcesses.cpuMillis(processes);
        long[] machine = machineCpuTicks();
        double[] gc = serviceTimer(GC_PAUSES);
        double[] enables = serviceTimer(SERVED_ENABLES);
        double[] mongo = serviceTimer(MONGO_COMMANDS);
        double jit = serviceMetric("jvm.compilation.time") - jitBefore;
        writeCsv(logs.resolve("enable-" + algorithm + ".csv"), timed);

        // The stack's own background (consumers, processors, monitors), sampled after measuring so that the
        // measured Enables follow the warm-up as in a running service, and once the pool has refilled.
        awaitFullKeyPool(algorithm);
        Map<String, Long> idleBefore = BenchProcesses.cpuMillis(processes);
        LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
        Map<String, Long> idleAfter = BenchProcesses.cpuMillis(processes);

        var cpu = new StringJoiner(",");
        var idle = new StringJoiner(",");
        cpuAfter.forEach((name, ms) -> {
            String shortName = name.startsWith("command-service") ? "service" : name;
            cpu.add(String.format(Locale.ROOT, " %s %.1f", shortName,
                    (ms - cpuBefore.getOrDefault(name, 0L)) / (double) options.requests()));
            idle.add(String.format(Locale.ROOT, " %s %.1f %%", shortName,
                    (idleAfter.get(name) - idleBefore.get(name)) / 100.0));
        });
        return summary(algorithm, timed.stream().map(t -> t[1]).toList()) + String.format(Locale.ROOT,
                "%n          CPU per instance (register + enable + publishing, with the idle background), ms:%s"
                        + "%n          idle background, of one core:%s"
                        + "%n          service while measuring: %.0f GC pauses (%.0f ms in all), JIT compiling "
                        + "%.0f ms per instance"
                        + "%n          inside the service: Enable served in %.1f ms on average; MongoDB commands "
                        + "(all threads) %.1f per instance, %.1f ms in all"
                        + "%n          machine while measuring: the hypervisor gave %.1f %% of its CPU time to other guests, "
                        + "%.1f %% of the time it wanted to run",
                cpu, idle, gc[0] - gcBefore[0], gc[1] - gcBefore[1], jit / options.requests(),
                (enables[1] - enablesBefore[1]) / Math.max(1, enables[0] - enablesBefore[0]),
                (mongo[0] - mongoBefore[0]) / options.requests(), (mongo[1] - mongoBefore[1]) / options.requests(),
                100.0 * (machine[2] - machineBefore[2]) / Math.max(1, machine[0] - machineBefore[0]),
                100.0 * (machine[2] - machineBefore[2]) / Math.max(1, machine[1] - machineBefore[1]));
    }

    /**
     * Registers and enables {@code requests} instances, one Enable every {@code intervalMs} (back to back if 0),
     * each instance registered {@code registerLeadMs} before its Enable (right before it if 0).
     */
    private List<long[]> run(String label, int requests, long intervalMs, long registerLeadMs) throws Exception {
        var timed = new ArrayList<long[]>(requests);
        String prefix = label.toLowerCase(Locale.ROOT).replace('_', '-') + "-";
        register(prefix + 0);
        long nextEnable = System.nanoTime() + registerLeadMs * 1_000_000;
        for (int i = 0; i < requests; i++) {
            LockSupport.parkNanos(Math.max(0, nextEnable - System.nanoTime()));
            long startedAt = System.currentTimeMillis();
            long start = System.nanoTime();
            var enabled = post("/api/v1/instances/" + prefix + i + "/ssl:enable", null);
            timed.add(new long[] {startedAt, System.nanoTime() - start});
            check(enabled, 202);
            nextEnable = start + intervalMs * 1_000_000;
            if (i + 1 < requests) {
                LockSupport.parkNanos(Math.max(0, nextEnable - registerLeadMs * 1_000_000 - System.nanoTime()));
                register(prefix + (i + 1));
            }
        }
        return timed;
    }

    /** Start time (epoch ms) and latency (ms) of every measured Enable, to line up with the GC log. */
    private static void writeCsv(Path file, List<long[]> timed) throws IOException {
        var lines = new ArrayList<String>();
        lines.add("started_at_epoch_ms,latency_ms");
        timed.forEach(t -> lines.add(t[0] + "," + String.format(Locale.ROOT, "%.2f", ms(t[1]))));
        Files.write(file, lines);
    }

    private void register(String id) throws Exception {
        var nodes = List.of(
                Map.of("name", "n0", "host", "10.9.0.1", "port", 27017, "role", "PRIMARY"),
                Map.of("name", "n1", "host", "10.9.0.2", "port", 27017, "role", "SECONDARY"),
                Map.of("name", "n2", "host", "10.9.0.3", "port", 27017, "role", "SECONDARY"));
        check(post("/api/v1/instances", json.writeValueAsString(Map.of("instanceId", id, "engineVersion", "4.2",
                "topology", "REPLICA_SET", "nodes", nodes, "collectionCount", 10))), 201);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + operatorToken)
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the key pool is full again after the JIT warm-up emptied it, as in a service that was idle. */
    private void awaitFullKeyPool(String algorithm) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        String tag = "?tag=algorithm:" + (algorithm.equals("RSA_2048") ? "RSA-2048" : "EC-P256");
        double capacity = serviceMetric("sslplane.pki.keypool.capacity" + tag);
        if (Double.isNaN(capacity)) {
            throw new IllegalStateException("the service reports no key pool capacity (" + tag + ")");
        }
        while (serviceMetric("sslplane.pki.keypool.available" + tag) < capacity) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the key pool did not fill within 15 minutes");
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
    }

    /** Count and total milliseconds of a service timer so far; NaN if the service has no such timer. */
    private double[] serviceTimer(String nameAndQuery) throws Exception {
        JsonNode timer = metric(nameAndQuery);
        if (timer.isMissingNode()) {
            return new double[] {Double.NaN, Double.NaN}; // an older build, compared with -Dbench.serviceJar
        }
        double count = 0;
        double seconds = 0;
        for (JsonNode m : timer.path("measurements")) {
            if (m.path("statistic").asText().equals("COUNT")) {
                count = m.path("value").asDouble();
            } else if (m.path("statistic").asText().equals("TOTAL_TIME")) {
                seconds = m.path("value").asDouble();
            }
        }
        return new double[] {count, seconds * 1000};
    }

    /** The first measurement of a service metric (a counter's count, a gauge's value). */
    private double serviceMetric(String name) throws Exception {
        return metric(name).path("measurements").path(0).path("value").asDouble(Double.NaN);
    }

    /** A metric of the service, or a missing node if it has none of that name and tags. */
    private JsonNode metric(String nameAndQuery) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/metrics/" + nameAndQuery))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return json.missingNode();
        }
        check(response, 200);
        return json.readTree(response.body());
    }

    /** Removes the JIT warm-up's instances, so that the measured Enables meet collections of a fresh service. */
    private static void deleteInstances(String uri, String database, String prefix) {
        try (var client = MongoClients.create(uri)) {
            var db = client.getDatabase(database);
            db.getCollection("domainevents").deleteMany(Filters.regex("aggregateIdentifier", "^" + prefix));
            db.getCollection("ca_keys").deleteMany(Filters.regex("instanceId", "^" + prefix));
        }
    }

    /**
     * CPU time of the machine in clock ticks, from the first line of {@code /proc/stat}: all of it, the part it
     * wanted to run (busy or stolen), and the part the hypervisor gave to other guests while it wanted to run
     * ("steal"). On a shared virtual machine that, not the code, can explain a slow run.
     */
    private static long[] machineCpuTicks() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long[] ticks = new long[9]; // [1..8]: user nice system idle iowait irq softirq steal
        long total = 0;
        for (int i = 1; i <= 8; i++) {
            ticks[i] = Long.parseLong(fields[i]);
            total += ticks[i];
        }
        long wanted = total - ticks[4] - ticks[5];
        return new long[] {total, wanted, ticks[8]};
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

    /** test-classes → target → local-stack → deploy → project root. */
    private static Path projectRoot() throws Exception {
        return Path.of(EnableLatencyStackBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().getParent().getParent().getParent();
    }

    private static Path commandServiceJar(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("command-service/target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build first: ./mvnw -DskipTests install"));
        }
    }
}
