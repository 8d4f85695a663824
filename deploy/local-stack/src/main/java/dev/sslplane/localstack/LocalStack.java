package dev.sslplane.localstack;

import dev.sslplane.security.LocalTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Starts the whole system on one machine, each part as its own process, each only when what it needs is healthy:
 * MongoDB-wire server, Kafka (KRaft), the local fleet, command-service, query-service, restart-worker. A child
 * that exits is restarted ({@link Supervisor}); one that keeps failing ends the whole stack with exit code 1. Ctrl-C
 * stops everything in reverse order; data stays in the data directory for the next start.
 */
public final class LocalStack {

    private final StackSettings settings;
    private final String classpath;
    private final Console console = new Console(System.out);
    private final Supervisor supervisor;
    private final AtomicBoolean stopped = new AtomicBoolean();

    LocalStack(StackSettings settings, String classpath) {
        this.settings = settings;
        this.classpath = classpath;
        this.supervisor = new Supervisor(RestartPolicy.Limits.STANDARD, Clock.systemUTC(), console::notice,
                new StatusPublisher(settings.dataDir(), Clock.systemUTC(), console::notice));
    }

    public static void main(String[] args) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        StackSettings settings;
        try {
            settings = StackSettings.from(env);
            String command = args.length > 0 ? args[0] : "start";
            switch (command) {
                case "demo" -> System.exit(new Demo(settings, System.out).run());
                case "tokens" -> System.exit(writeTokens(args.length > 1 ? Path.of(args[1])
                        : settings.dataDir().resolve("secrets")));
                case "status" -> System.exit(new StatusCommand(StatusFile.in(settings.dataDir()), Clock.systemUTC(),
                        System.out).run());
                case "start" -> { }
                default -> {
                    System.err.println("usage: run-local.sh [start|status|demo|tokens [dir]]");
                    System.exit(2);
                }
            }
            var stack = new LocalStack(settings, System.getProperty("java.class.path"));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
            stack.start();
            ChildStatus lost = stack.supervisor.givenUp().get();
            // a stack without one of its parts looks alive but leaves operations waiting: end it, loudly
            System.err.println("✗ Stopping the whole stack because " + lost.name() + " keeps failing; see "
                    + lost.logFile());
            stack.stop();
            System.exit(1);
        } catch (StackException e) {
            System.err.println();
            System.err.println("✗ " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("✗ the local stack failed to start: " + e);
            System.exit(1);
        }
    }

    /**
     * One API token per role in {@code dir} (kept if there already), for the local stack or for compose and
     * Kubernetes secrets. Says where the files are, never what is in them.
     */
    static int writeTokens(Path dir) throws IOException {
        LocalTokens.ensure(dir);
        System.out.println("Plain API tokens (for people and scripts, owner-only): "
                + dir.resolve(LocalTokens.PLAIN_FILE).toAbsolutePath());
        System.out.println("Hashed API tokens (for the services, SSLPLANE_SECURITY_TOKENS_FILE): "
                + dir.resolve(LocalTokens.HASHED_FILE).toAbsolutePath());
        return 0;
    }

    void start() throws Exception {
        long t0 = System.nanoTime();
        Ports.checkFree(settings);
        Path data = settings.dataDir();
        Files.createDirectories(data);
        var secrets = LocalSecrets.in(data.resolve("secrets"));
        LocalSecrets.ownerOnlyDirectory(settings.sshDir());
        Path logs = data.resolve("logs");
        console.info("Data directory: " + data);

        console.step("MongoDB-wire server (H2 on disk)");
        supervisor.start(new Launch("mongo", logs.resolve("mongo.log"),
                (name, log) -> ChildProcess.startJava(name, List.of("-Xmx384m", "-cp", classpath),
                        List.of(DurableMongoServer.class.getName(), String.valueOf(settings.mongoPort()),
                                data.resolve("mongo/sslplane.mv").toString()), Map.of(), log),
                process -> Health.awaitTcp(process, "127.0.0.1", settings.mongoPort(), Duration.ofMinutes(1))));
        console.done();

        console.step("Kafka broker (KRaft)");
        var broker = new KafkaBroker(data.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
        supervisor.start(new Launch("kafka", logs.resolve("kafka.log"), (name, log) -> broker.start(classpath, log),
                process -> broker.awaitReady(process, Duration.ofMinutes(2))));
        console.done();

        for (ServiceSpec service : ServiceSpec.all(settings, secrets)) {
            console.step(service.title());
            supervisor.start(new Launch(service.name(), logs.resolve(service.name() + ".log"),
                    (name, log) -> ChildProcess.startJava(name, List.of("-Xmx" + service.heap(),
                            "-XX:TieredStopAtLevel=1", "-jar", jar(service.module()).toString()), List.of(),
                            service.env(), log),
                    process -> Health.awaitHttpUp(process, service.healthUrl(), Duration.ofMinutes(3))));
            console.done();
        }

        if (settings.registerDemoInstance()) {
            console.step("Demo instance " + DemoInstance.ID + " (3 nodes, engine 4.2)");
            console.doneWith(new DemoInstance(settings, secrets).ensureRegistered());
        }

        console.blank();
        console.info(String.format("Started in %.1f s. Logs: %s", (System.nanoTime() - t0) / 1e9, logs));
        console.info("Command API     " + settings.commandUrl() + "/api/v1   (Swagger UI "
                + settings.commandUrl() + "/swagger-ui.html)");
        console.info("Query API       " + settings.queryUrl() + "/api/v1   (Swagger UI "
                + settings.queryUrl() + "/swagger-ui.html)");
        replicas("command-service", settings.commandPort(), settings.commandReplicas());
        console.info("Restart worker  " + settings.workerUrl() + "/actuator/health");
        replicas("restart-worker", settings.workerPort(), settings.workerReplicas());
        console.info("Kafka           " + settings.kafkaBootstrap() + "   MongoDB " + settings.mongoUri(""));
        console.info("Console         " + settings.consoleUrl());
        console.info("Vault master key file: " + secrets.vaultMasterKeyFile() + " (generated on first start)");
        // where the tokens are, never the tokens: this output often ends up in a log
        console.info("API tokens (one per role: admin, operator, viewer, auditor, worker, metrics): "
                + secrets.apiTokensFile());
        console.info("  e.g. curl -H \"Authorization: Bearer $(jq -r .viewer " + secrets.apiTokensFile() + ")\" "
                + settings.queryUrl() + "/api/v1/instances");
        console.info("A child that exits is restarted; ./deploy/run-local.sh status lists them all.");
        console.info("Try it: ./deploy/run-local.sh demo      Stop: Ctrl-C (data is kept)");
    }

    private void replicas(String name, int base, int replicas) {
        for (int i = 2; i <= replicas; i++) {
            console.info("  " + name + "-" + i + "  http://127.0.0.1:" + StackSettings.replicaPort(base, i));
        }
    }

    /** Stops every child in reverse start order; safe to call twice (a give-up, then the shutdown hook). */
    void stop() {
        if (supervisor.statuses().isEmpty() || stopped.getAndSet(true)) {
            return;
        }
        console.blank();
        console.info("Stopping…");
        supervisor.stopAll(Duration.ofSeconds(30), name -> console.info("  stopped " + name));
    }

    private Path jar(String module) throws IOException {
        Path target = settings.projectRoot().resolve(module).resolve("target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                var jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            }
        }
        throw new StackException("no runnable jar in " + target + ". Build first: ./mvnw -DskipTests package");
    }
}
