package dev.sslplane.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.nodeclient.FreePorts;
import dev.sslplane.security.Role;
import dev.sslplane.testsupport.SecretScanner;
import dev.sslplane.worker.node.systemd.SystemdHosts;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.WireReplicaSetClient;
import dev.sslplane.testsupport.FleetProcess;
import dev.sslplane.worker.support.HealthySet;
import dev.sslplane.worker.support.SshHost;
import dev.sslplane.worker.support.WorkerProcess;
import dev.sslplane.worker.support.WorkerStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Enable → Rotate → Disable through the public API on a 3.4 and a 4.2 set of three nodes each, driven by the
 * systemd operator over real SSH: the command service and the worker run as their own processes, the worker logs
 * in to an SSH server (Apache MINA SSHD, in this JVM) whose commands act on local-fleet nodes, and those nodes
 * start from the config files the operator wrote. A full disk on one host fails that Enable with the host's words
 * and leaves its config as it was; Retry completes it once there is room. At the end no node's private key is anywhere but on its host:
 * not in the SSH transcript (every command, its input and its output) and not in the worker's log.
 */
class SystemdOperatorEndToEndIT {

    private static final Duration WAIT = Duration.ofMinutes(5);

    @TempDir
    Path work;

    private final Map<String, String> outcomes = new ConcurrentHashMap<>();

    @Test
    void enableRotateAndDisableOnA34AndA42SetOverSsh() throws Exception {
        Path fleetData = work.resolve("fleet");
        try (var stack = new WorkerStack(3);
             var fleet = new FleetProcess(fleetData, "systemd-e2e-token", "300ms").start();
             var ssh = SshHost.start(work.resolve("ssh"));
             var events = stack.consumer(Topics.EVENTS);
             var commandService = new WorkerProcess("command-service.jar", stack.commandServiceEnv());
             var worker = new WorkerProcess(workerEnv(stack, commandService, fleet, ssh))) {
            var hosts = new SystemdHosts(fleet, fleetData, ssh, work.resolve("scripts"));
            var api = WebClient.builder().baseUrl("http://127.0.0.1:" + commandService.port)
                    .defaultHeader("Authorization", "Bearer " + stack.token(Role.OPERATOR)).build();
            Map<String, List<NodeSpec>> sets = new HashMap<>();
            for (EngineVersion engine : List.of(EngineVersion.V3_4, EngineVersion.V4_2)) {
                String id = "rs-sd-" + engine.version().replace(".", "");
                List<NodeSpec> nodes = threeNodes();
                nodes.forEach(node -> fleet.createNode(id, node, engine.version()));
                HealthySet.waitFor(new WireReplicaSetClient(Duration.ofSeconds(1), Duration.ofSeconds(5)), id, nodes,
                        Connection.plain(), WAIT);
                api.post().uri("/api/v1/instances").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(new RegisterInstanceRequest(id, engine.version(), Topology.REPLICA_SET, nodes, 50,
                                hosts.target(id, nodes)))
                        .retrieve().toBodilessEntity().block(Duration.ofSeconds(60));
                sets.put(id, nodes);
            }

            // a full disk on one host of the 3.4 set: that Enable fails there with the host's words, and its
            // config file is left as it was; once there is room again, Retry completes it
            Path full = hosts.configFile("rs-sd-34", "b").resolveSibling("mongod.conf.sslplane-new");
            Files.createSymbolicLink(full, Path.of("/dev/full"));
            String before = Files.readString(hosts.configFile("rs-sd-34", "b"));
            Map<String, String> enabled = run(api, events, stack, sets.keySet(), "ssl:enable");
            String failed = enabled.get("rs-sd-34");
            assertThat(outcomes.get(failed)).startsWith("FAILED").contains("disk full", "No space left on device");
            assertThat(outcomes.get(enabled.get("rs-sd-42"))).isEqualTo("COMPLETED");
            assertThat(Files.readString(hosts.configFile("rs-sd-34", "b"))).isEqualTo(before);
            Files.deleteIfExists(full);
            outcomes.remove(failed);
            api.post().uri("/api/v1/instances/rs-sd-34/operations/" + failed + ":retry").retrieve()
                    .toBodilessEntity().block(Duration.ofSeconds(60));
            awaitOutcomes(events, stack, List.of(failed));
            assertThat(outcomes.get(failed)).as("Enable retried").isEqualTo("COMPLETED");
            assertNodes(fleet, sets, "prefer");
            sets.forEach((id, nodes) -> nodes.forEach(node -> assertThat(config(hosts, id, node))
                    .contains(id.endsWith("34") ? "  ssl:\n    mode: preferSSL" : "  tls:\n    mode: preferTLS")));
            Map<String, String> enabledCa = caSerials(fleet, sets);

            runEverywhere(api, events, stack, sets.keySet(), "ssl:rotate");
            assertNodes(fleet, sets, "prefer");
            Map<String, String> rotatedCa = caSerials(fleet, sets);
            rotatedCa.forEach((node, serial) -> assertThat(serial).as(node).isNotEqualTo(enabledCa.get(node)));

            runEverywhere(api, events, stack, sets.keySet(), "ssl:disable");
            assertNodes(fleet, sets, "disabled");

            var scanner = new SecretScanner();
            assertThat(privateKeysOnTheHosts(hosts, sets, scanner)).as("each node's key, still on its host")
                    .isGreaterThanOrEqualTo(6);
            for (SshHost.Exchange exchange : ssh.transcript()) {
                scanner.scan("SSH: " + exchange.command(), exchange.stdin() + exchange.stdout() + exchange.stderr());
            }
            assertThat(worker.log()).as("the failure with the host's words").contains("No space left on device");
            scanner.scan("worker log", worker.log());
            scanner.scan("command-service log", commandService.log());
            assertThat(ssh.transcript()).as("the transcript").hasSizeGreaterThan(50);
            assertThat(scanner.findings()).as("private keys outside their hosts").isEmpty();
        }
    }

    private void runEverywhere(WebClient api, KafkaConsumer<String, byte[]> events, WorkerStack stack,
                               Iterable<String> instances, String action) {
        run(api, events, stack, instances, action).values().forEach(op -> assertThat(outcomes.get(op))
                .as(action + " " + op).isEqualTo("COMPLETED"));
    }

    /** Starts {@code action} on every instance and waits until each operation completed or failed. */
    private Map<String, String> run(WebClient api, KafkaConsumer<String, byte[]> events, WorkerStack stack,
                                    Iterable<String> instances, String action) {
        Map<String, String> operations = new HashMap<>();
        for (String id : instances) {
            JsonNode accepted = api.post().uri("/api/v1/instances/" + id + "/" + action).retrieve()
                    .bodyToMono(JsonNode.class).block(Duration.ofSeconds(60));
            operations.put(id, accepted.path("operationId").asText());
        }
        awaitOutcomes(events, stack, operations.values());
        return operations;
    }

    private void awaitOutcomes(KafkaConsumer<String, byte[]> events, WorkerStack stack,
                               Collection<String> operations) {
        await().atMost(WAIT).until(() -> {
            for (var record : events.poll(Duration.ofMillis(200))) {
                if (stack.codec.decode(record.value()) instanceof Decoded.Ok<Object> ok) {
                    if (ok.value() instanceof RestartCompletedEvent done) {
                        outcomes.put(done.operationId(), "COMPLETED");
                    } else if (ok.value() instanceof RestartFailedEvent failed) {
                        outcomes.put(failed.operationId(), "FAILED: " + failed.reason());
                    }
                }
            }
            return operations.stream().allMatch(outcomes::containsKey);
        });
    }

    private static void assertNodes(FleetProcess fleet, Map<String, List<NodeSpec>> sets, String mode) {
        sets.forEach((id, nodes) -> nodes.forEach(node -> {
            JsonNode status = fleet.status(id, node.name());
            assertThat(status.path("state").asText()).as(node.name()).isEqualTo("RUNNING");
            assertThat(status.path("tlsMode").asText()).as(id + "/" + node.name()).isEqualTo(mode);
        }));
    }

    private static Map<String, String> caSerials(FleetProcess fleet, Map<String, List<NodeSpec>> sets) {
        Map<String, String> serials = new HashMap<>();
        sets.forEach((id, nodes) -> nodes.forEach(node -> {
            JsonNode cas = fleet.status(id, node.name()).path("trustedCas");
            assertThat(cas.size()).as("one CA on " + node.name()).isEqualTo(1);
            serials.put(id + "/" + node.name(), cas.get(0).path("serial").asText());
        }));
        return serials;
    }

    private static String config(SystemdHosts hosts, String id, NodeSpec node) {
        try {
            return Files.readString(hosts.configFile(id, node.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers every private key the hosts' TLS directories hold with {@code scanner}; answers how many. */
    private static int privateKeysOnTheHosts(SystemdHosts hosts, Map<String, List<NodeSpec>> sets,
                                             SecretScanner scanner) throws IOException {
        int keys = 0;
        for (var set : sets.entrySet()) {
            for (NodeSpec node : set.getValue()) {
                try (Stream<Path> files = Files.list(hosts.tlsDirectory(set.getKey(), node.name()))) {
                    for (Path file : files.toList()) {
                        keys += scanner.privateKeysIn(file.toString(), Files.readString(file));
                    }
                }
            }
        }
        return keys;
    }

    private static List<NodeSpec> threeNodes() {
        return List.of(new NodeSpec("a", "127.0.0.1", FreePorts.next(), NodeRole.PRIMARY, List.of("localhost")),
                new NodeSpec("b", "127.0.0.1", FreePorts.next(), NodeRole.SECONDARY, List.of()),
                new NodeSpec("c", "127.0.0.1", FreePorts.next(), NodeRole.SECONDARY, List.of()));
    }

    private Map<String, String> workerEnv(WorkerStack stack, WorkerProcess commandService, FleetProcess fleet,
                                          SshHost ssh) throws IOException {
        Map<String, String> env = stack.workerProcessEnv(commandService.port, fleet, work);
        // both operators at once: these instances name systemd; the fleet's own API stays reachable too
        env.put("SSLPLANE_WORKER_NODE_OPERATOR", "systemd,local-fleet");
        env.put("SSLPLANE_WORKER_SYSTEMD_CREDENTIALS_DIRECTORY", ssh.privateKeyFile().getParent().toString());
        env.put("LOGGING_LEVEL_DEV_SSLPLANE", "DEBUG");
        return env;
    }
}
