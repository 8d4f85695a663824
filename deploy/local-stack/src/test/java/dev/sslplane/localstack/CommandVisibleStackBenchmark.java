package dev.sslplane.localstack;

import dev.sslplane.nodeclient.FreePorts;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Command → visible: from sending a command to seeing its operation in the query service's status, under a steady
 * command rate across many instances, with every part in a process of its own — the MongoDB-wire server (in
 * memory), Kafka (KRaft), command-service, query-service and restart-worker from their runnable jars with the
 * manifests' heaps (75 % of each limit), and the client (this JVM) outside them, all on this machine's cores.
 *
 * <p>The client ({@link CommandVisibleLoad}) sends {@code bench.rate} (20) commands a second, open loop, over
 * {@code bench.instances} (200) instances in turn, each alternating Enable and Disable; after each {@code 202} it
 * reads, at once and side by side, the {@code Location} (a 404 there is what read-your-writes rules out) and the
 * status at the answered position, whose arrival showing the operation is "visible". First {@code bench.warmup}
 * (60 s) at the same rate for the JIT, then {@code bench.seconds} (120 s) measured.
 *
 * <p>Restarts are the worker's {@code simulated} operator (real jobs, leases, checkpoints, Ed25519 node CSRs signed
 * by the command service, progress events; no fleet process): 200 instances × 3 fleet nodes would measure the
 * fleet's CPU on two cores, not the control plane. Each restart takes 30 s × {@code bench.timeScale} (0.001), and
 * the worker's health gate and job polls are shortened to match, so an operation can end long before its instance's
 * next command (10 s later at 20/s over 200); one that has not is refused (409) and counted. CAs are EC P-256
 * ({@code bench.keyAlgorithm}): ten RSA CA keys a second would take more than both cores by themselves.
 *
 * <p>Run: {@code ./deploy/bench/command-visible.sh}. Other options: {@code bench.commandEnv},
 * {@code bench.queryEnv}, {@code bench.workerEnv} ({@code A=1,B=2}: more environment for one service, to tune it),
 * {@code bench.jvmArgs} (extra JVM options for the three services). Never a test: it asserts nothing, it reports.
 */
public final class CommandVisibleStackBenchmark {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", "../..")).toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("sslplane-visible-bench");
        Path logs = dir.resolve("logs");
        String classpath = root.resolve("deploy/local-stack/target/test-classes") + java.io.File.pathSeparator
                + root.resolve("deploy/local-stack/target/classes") + java.io.File.pathSeparator
                + Files.readString(root.resolve("deploy/local-stack/target/classpath.txt")).trim();
        Deque<ChildProcess> started = new ArrayDeque<>();
        String loadBefore = BenchProcesses.loadAverage();
        try {
            int mongoPort = FreePorts.next();
            ChildProcess mongo = ChildProcess.startJava("mongo", List.of("-Xmx1g", "-cp", classpath),
                    List.of(BenchMongoServer.class.getName(), String.valueOf(mongoPort)), Map.of(),
                    logs.resolve("mongo.log"));
            started.push(mongo);
            Health.awaitTcp(mongo, "127.0.0.1", mongoPort, Duration.ofMinutes(1));
            var broker = new KafkaBroker(dir.resolve("kafka"), FreePorts.next(), FreePorts.next());
            ChildProcess kafka = broker.start(classpath, logs.resolve("kafka.log"));
            started.push(kafka);
            broker.awaitReady(kafka, Duration.ofMinutes(2));

            var secrets = LocalSecrets.in(dir.resolve("secrets"));
            var services = new Services(root, logs, "mongodb://127.0.0.1:" + mongoPort + "/", broker.bootstrapServers(),
                    secrets, started);
            services.startAll();

            List<String> instances = IntStream.range(0, Integer.getInteger("bench.instances", 200))
                    .mapToObj(i -> "bench-" + i).toList();
            var load = new CommandVisibleLoad(services.commandUrl(), secrets.apiToken(Role.OPERATOR),
                    secrets.apiToken(Role.VIEWER), instances);
            load.registerAll();
            int rate = Integer.getInteger("bench.rate", 20);
            System.out.println("warm-up: " + CommandVisibleLoad.report(
                    load.run(rate, Duration.ofSeconds(Integer.getInteger("bench.warmup", 60)))));
            var timers = new ServiceTimers(Map.of("command", services.commandUrl(), "query", services.queryUrl()),
                    secrets.apiToken(Role.ADMIN));
            var timersBefore = timers.read();
            Map<String, Long> cpuBefore = BenchProcesses.cpuMillis(started);
            var samples = load.run(rate, Duration.ofSeconds(Integer.getInteger("bench.seconds", 120)));
            Map<String, Long> cpuAfter = BenchProcesses.cpuMillis(started);
            System.out.printf("%nCommand -> visible (%d commands/s over %d instances, Enable/Disable alternating; "
                            + "%d cores; load average before %s, after %s)%n%s%nCPU per command, ms:%s%n"
                            + "Inside the services while measuring:%n%s%nLogs: %s%n",
                    rate, instances.size(), Runtime.getRuntime().availableProcessors(), loadBefore,
                    BenchProcesses.loadAverage(), CommandVisibleLoad.report(samples),
                    perCommand(cpuBefore, cpuAfter, samples.size()),
                    ServiceTimers.between(timersBefore, timers.read()), logs);
        } finally {
            while (!started.isEmpty()) {
                started.pop().stop(Duration.ofSeconds(30));
            }
        }
        System.exit(0);
    }

    /** The three services, each from its runnable jar, with what this benchmark sets and what the options add. */
    private record Services(Path root, Path logs, String mongo, String kafka, LocalSecrets secrets,
                            Deque<ChildProcess> started) {

        private static final int COMMAND = FreePorts.next();
        private static final int QUERY = FreePorts.next();
        private static final int WORKER = FreePorts.next();

        String commandUrl() {
            return "http://127.0.0.1:" + COMMAND;
        }

        String queryUrl() {
            return "http://127.0.0.1:" + QUERY;
        }

        void startAll() throws Exception {
            String tokens = secrets.hashedApiTokensFile().toString();
            start("command-service", COMMAND, "768m", env(
                    "MONGODB_URI", mongo + "sslplane_command",
                    "SSLPLANE_VAULT_MASTER_KEY_FILE", secrets.vaultMasterKeyFile().toString(),
                    "SSLPLANE_PKI_KEY_ALGORITHM", System.getProperty("bench.keyAlgorithm", "EC_P256"),
                    "SSLPLANE_API_QUERY_BASE_URL", queryUrl(),
                    // measures visibility, not the limiter: every command must be served
                    "SSLPLANE_RATE_LIMIT_ENABLED", "false",
                    "SSLPLANE_SECURITY_TOKENS_FILE", tokens), "bench.commandEnv");
            start("query-service", QUERY, "576m", env("MONGODB_URI", mongo + "sslplane_query",
                    "SSLPLANE_SECURITY_TOKENS_FILE", tokens), "bench.queryEnv");
            start("restart-worker", WORKER, "576m", env("MONGODB_URI", mongo + "sslplane_worker",
                    "SPRING_PROFILES_ACTIVE", "local", // the simulated operator is refused outside local or dev
                    "SSLPLANE_WORKER_NODE_OPERATOR", "simulated",
                    "SSLPLANE_WORKER_SIMULATED_TIME_SCALE", System.getProperty("bench.timeScale", "0.001"),
                    // restarts of 30 ms: gate and job polls to match, so an operation ends well within the 10 s
                    // before its instance's next command
                    "SSLPLANE_WORKER_HEALTH_POLL_INTERVAL", "50ms",
                    "SSLPLANE_WORKER_JOBS_POLL_INTERVAL", "250ms",
                    "SSLPLANE_WORKER_SIGNING_COMMAND_SERVICE_URL", commandUrl(),
                    "SSLPLANE_WORKER_SIGNING_BEARER_TOKEN", secrets.apiToken(Role.WORKER),
                    "SSLPLANE_SECURITY_TOKENS_FILE", tokens), "bench.workerEnv");
        }

        private void start(String name, int port, String heap, Map<String, String> env, String option)
                throws Exception {
            env.put("SERVER_PORT", String.valueOf(port));
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
            env.putAll(BenchProcesses.keyValues(System.getProperty(option, "")));
            var jvmArgs = new ArrayList<>(List.of("-Xmx" + heap));
            jvmArgs.addAll(keyValuesList(System.getProperty("bench.jvmArgs", "")));
            jvmArgs.addAll(List.of("-jar", jar(name).toString()));
            ChildProcess process = ChildProcess.startJava(name, jvmArgs, List.of(), env, logs.resolve(name + ".log"));
            started.push(process);
            Health.awaitHttpUp(process, "http://127.0.0.1:" + port + "/actuator/health", Duration.ofMinutes(3));
        }

        private Path jar(String module) throws IOException {
            try (Stream<Path> files = Files.list(root.resolve(module).resolve("target"))) {
                return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("build first: " + module + " has no -exec.jar"));
            }
        }

        private static Map<String, String> env(String... pairs) {
            var map = new LinkedHashMap<String, String>();
            for (int i = 0; i < pairs.length; i += 2) {
                map.put(pairs[i], pairs[i + 1]);
            }
            return map;
        }
    }

    private static List<String> keyValuesList(String spaceSeparated) {
        return Stream.of(spaceSeparated.split(" ")).filter(s -> !s.isBlank()).toList();
    }

    private static String perCommand(Map<String, Long> before, Map<String, Long> after, int commands) {
        var out = new StringJoiner(",");
        after.forEach((name, ms) -> out.add(String.format(java.util.Locale.ROOT, " %s %.1f", name,
                (ms - before.getOrDefault(name, 0L)) / (double) Math.max(1, commands))));
        return out.toString();
    }

    private CommandVisibleStackBenchmark() {
    }
}
