package dev.sslplane.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller), started from the Kafka Maven
 * artifacts on this module's classpath as its own JVM, with its log dirs on disk so data survives restarts.
 */
final class KafkaBroker {

    private final Path dir;
    private final int port;
    private final int controllerPort;

    KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    ChildProcess start(String classpath, Path logFile) throws IOException, InterruptedException {
        Path config = writeConfig();
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            format(classpath, config, logFile);
        }
        return ChildProcess.startJava("kafka", List.of("-Xmx512m", "-cp", classpath),
                List.of("kafka.Kafka", config.toString()), Map.of(), logFile);
    }

    /** Waits until the broker answers a cluster description. */
    void awaitReady(ChildProcess process, Duration timeout) throws InterruptedException {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(props)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited while starting; see " + process.logFile());
                }
                try {
                    var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                            .nodes().get(4, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (InterruptedException stopping) {
                    // the stack stops while a restarted broker starts: do not wait out the timeout
                    throw stopping;
                } catch (Exception notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Kafka was not ready within " + timeout + "; see " + process.logFile());
    }

    private Path writeConfig() throws IOException {
        Files.createDirectories(dir);
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs").toAbsolutePath(),
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // ssl.events is the replay source for read models: keep every record
                "log.retention.ms=-1",
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=1500",
                "");
        Path file = dir.resolve("server.properties");
        Files.writeString(file, config);
        return file;
    }

    private void format(String classpath, Path config, Path logFile) throws IOException, InterruptedException {
        Path clusterIdFile = dir.resolve("cluster.id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(clusterIdFile).trim();
        var format = ChildProcess.startJava("kafka-format", List.of("-Xmx256m", "-cp", classpath),
                List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString(),
                        "--ignore-formatted"),
                Map.of(), logFile);
        format.waitFor(Duration.ofMinutes(2));
    }
}
