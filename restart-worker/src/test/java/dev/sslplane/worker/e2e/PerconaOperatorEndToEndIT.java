package dev.sslplane.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.PerconaTarget;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.nodeclient.FreePorts;
import dev.sslplane.security.Role;
import dev.sslplane.testsupport.FleetProcess;
import dev.sslplane.testsupport.SecretScanner;
import dev.sslplane.worker.node.MongodConfig;
import dev.sslplane.worker.node.NodeTlsConfig;
import dev.sslplane.worker.node.percona.PerconaApiServer;
import dev.sslplane.worker.node.percona.PerconaStandIn;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Hello;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.WireReplicaSetClient;
import dev.sslplane.worker.support.HealthySet;
import dev.sslplane.worker.support.WorkerProcess;
import dev.sslplane.worker.support.WorkerStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Enable → Rotate → Disable through the public API on a {@code PerconaServerMongoDB}: the command service and a
 * worker serving {@code percona} run as their own processes; the worker reaches a model of the Kubernetes API
 * (fabric8's CRUD mock server with the Percona CRD) through a kubeconfig file in its credentials directory; a
 * stand-in Percona operator in this JVM rolls the resource out onto three local-fleet nodes, member by member
 * (secondaries first, the primary stepped down last), from {@code spec.tls.mode} and the secrets the worker wrote,
 * so the worker's health gate checks real nodes. A rollout held in {@code error} fails the Disable with the
 * operator's message, and Retry completes it. The secrets hold exactly each pass's chain and CA file, and no
 * private key is anywhere outside the Kubernetes secret: not in either service's log nor in any Kafka record.
 */
class PerconaOperatorEndToEndIT {

    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String ID = "rs-percona";

    @TempDir
    Path work;

    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final List<byte[]> records = new ArrayList<>();
    private final List<NodeRestartStartedEvent> started = new ArrayList<>();

    @Test
    void enableRotateAndDisableThroughThePerconaOperator() throws Exception {
        Path fleetData = work.resolve("fleet");
        List<NodeSpec> nodes = List.of(node("rs0-0", NodeRole.PRIMARY), node("rs0-1", NodeRole.SECONDARY),
                node("rs0-2", NodeRole.SECONDARY));
        var client = new WireReplicaSetClient(Duration.ofSeconds(1), Duration.ofSeconds(10));
        var target = new PerconaTarget("mongo", "orders", "rs0",
                work.resolve("kube").resolve("kubeconfig").toString());
        try (var stack = new WorkerStack(3);
             var fleet = new FleetProcess(fleetData, "percona-e2e-token", "300ms").start();
             var kubernetes = new PerconaApiServer();
             var events = stack.consumer(Topics.EVENTS);
             var progress = stack.consumer(Topics.RESTART_PROGRESS);
             var commandService = new WorkerProcess("command-service.jar", stack.commandServiceEnv())) {
            nodes.forEach(node -> fleet.createNode(ID, node, "4.2"));
            HealthySet.waitFor(client, ID, nodes, Connection.plain(), WAIT);
            kubernetes.createCluster(target, nodes.stream().map(n -> "orders-" + n.name()).toList());
            kubernetes.writeKubeconfig(Path.of(target.kubeconfigFile()));
            try (var standIn = new PerconaStandIn(kubernetes.client, target,
                    new FleetPods(fleet, client, nodes, work.resolve("pods"))).start();
                 var worker = new WorkerProcess(workerEnv(stack, commandService, fleet))) {
                var api = WebClient.builder().baseUrl("http://127.0.0.1:" + commandService.port)
                        .defaultHeader("Authorization", "Bearer " + stack.token(Role.OPERATOR)).build();
                api.post().uri("/api/v1/instances").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(new RegisterInstanceRequest(ID, "4.2", Topology.REPLICA_SET, nodes, 50,
                                NodeOperatorTarget.percona(target)))
                        .retrieve().toBodilessEntity().block(Duration.ofSeconds(60));

                assertThat(run(api, events, stack, "ssl:enable")).isEqualTo("COMPLETED");
                assertNodes(fleet, nodes, "prefer");
                assertThat(standIn.rollouts()).extracting(PerconaStandIn.RolledOut::mode)
                        .containsExactly("allowTLS", "preferTLS");
                var enabled = standIn.rollouts().get(0).secret();
                String firstCa = enabled.get("ca.crt");
                assertThat(enabled.get("tls.crt")).as("the chain: certificate, then its CA").endsWith(firstCa);
                assertThat(kubernetes.client.secrets().inNamespace("mongo").withName("orders-ssl-internal").get()
                        .getData()).isEqualTo(kubernetes.client.secrets().inNamespace("mongo")
                        .withName("orders-ssl").get().getData());

                String rotate = start(api, "ssl:rotate");
                awaitOutcomes(events, stack, List.of(rotate));
                assertThat(outcomes.get(rotate)).isEqualTo("COMPLETED");
                assertNodes(fleet, nodes, "prefer");
                var rotation = standIn.rollouts().subList(2, 5);
                String newCa = rotation.get(2).secret().get("ca.crt");
                assertThat(newCa).isNotEqualTo(firstCa);
                String bundle = newCa + firstCa;
                // pass 1: old certificate, both CAs; pass 2: new certificate, both CAs; pass 3: the new CA alone
                assertThat(rotation.get(0).secret()).containsEntry("tls.crt", enabled.get("tls.crt"))
                        .containsEntry("tls.key", enabled.get("tls.key")).containsEntry("ca.crt", bundle);
                assertThat(rotation.get(1).secret().get("tls.crt")).isNotEqualTo(enabled.get("tls.crt"))
                        .endsWith(newCa);
                assertThat(rotation.get(1).secret()).containsEntry("ca.crt", bundle);
                assertThat(rotation.get(2).secret()).containsEntry("tls.crt", rotation.get(1).secret().get("tls.crt"))
                        .containsEntry("tls.key", rotation.get(1).secret().get("tls.key"));
                // per-node progress: each pass a step per node, the primary's last (the events the read models fold)
                for (int pass = 1; pass <= 3; pass++) {
                    int p = pass;
                    var steps = started.stream().filter(e -> e.operationId().equals(rotate) && e.pass() == p)
                            .toList();
                    assertThat(steps).as("rotation pass " + p).hasSize(3);
                    assertThat(steps.get(2).role()).as("rotation pass " + p).isEqualTo(NodeRole.PRIMARY);
                }

                // the Percona operator stays in error: the Disable fails with its words; Retry completes it
                standIn.failWith("pod orders-rs0-1: ImagePullBackOff pulling percona/percona-server-mongodb");
                String failed = start(api, "ssl:disable");
                awaitOutcomes(events, stack, List.of(failed));
                assertThat(outcomes.get(failed)).startsWith("FAILED").contains("ImagePullBackOff");
                standIn.clearFailure();
                outcomes.remove(failed);
                api.post().uri("/api/v1/instances/" + ID + "/operations/" + failed + ":retry").retrieve()
                        .toBodilessEntity().block(Duration.ofSeconds(60));
                awaitOutcomes(events, stack, List.of(failed));
                assertThat(outcomes.get(failed)).as("Disable retried").isEqualTo("COMPLETED");
                assertNodes(fleet, nodes, "disabled");
                var resource = kubernetes.read(target);
                assertThat((Object) resource.get("spec", "tls", "mode")).isEqualTo("disabled");
                assertThat((Object) resource.get("spec", "unsafeFlags", "tls")).isEqualTo(true);
                assertThat((Object) resource.get("spec", "backup", "enabled")).as("backups untouched").isEqualTo(true);

                var scanner = new SecretScanner();
                int keys = 0;
                for (var rollout : standIn.rollouts()) {
                    if (rollout.secret().get("tls.key") != null) {
                        keys += scanner.privateKeysIn("secret", rollout.secret().get("tls.key"));
                    }
                }
                assertThat(keys).as("the keys the secrets held").isGreaterThanOrEqualTo(2);
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    progress.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.value()));
                    return true;
                });
                records.forEach(r -> scanner.scan("Kafka record", r));
                scanner.scan("worker log", worker.log());
                scanner.scan("command-service log", commandService.log());
                assertThat(worker.log()).contains("ImagePullBackOff");
                assertThat(scanner.findings()).as("private keys outside the Kubernetes secret").isEmpty();
            }
        }
    }

    private String run(WebClient api, KafkaConsumer<String, byte[]> events, WorkerStack stack, String action) {
        String operation = start(api, action);
        awaitOutcomes(events, stack, List.of(operation));
        return outcomes.get(operation);
    }

    private static String start(WebClient api, String action) {
        JsonNode accepted = api.post().uri("/api/v1/instances/" + ID + "/" + action).retrieve()
                .bodyToMono(JsonNode.class).block(Duration.ofSeconds(60));
        return accepted.path("operationId").asText();
    }

    private void awaitOutcomes(KafkaConsumer<String, byte[]> events, WorkerStack stack,
                               Collection<String> operations) {
        await().atMost(WAIT).until(() -> {
            for (var record : events.poll(Duration.ofMillis(200))) {
                records.add(record.value());
                if (stack.codec.decode(record.value()) instanceof Decoded.Ok<Object> ok) {
                    if (ok.value() instanceof NodeRestartStartedEvent step) {
                        started.add(step);
                    } else if (ok.value() instanceof RestartCompletedEvent done) {
                        outcomes.put(done.operationId(), "COMPLETED");
                    } else if (ok.value() instanceof RestartFailedEvent failed) {
                        outcomes.put(failed.operationId(), "FAILED: " + failed.reason());
                    }
                }
            }
            return operations.stream().allMatch(outcomes::containsKey);
        });
    }

    private static void assertNodes(FleetProcess fleet, List<NodeSpec> nodes, String mode) {
        nodes.forEach(node -> {
            JsonNode status = fleet.status(ID, node.name());
            assertThat(status.path("state").asText()).as(node.name()).isEqualTo("RUNNING");
            assertThat(status.path("tlsMode").asText()).as(node.name()).isEqualTo(mode);
        });
    }

    /** Every node with the same names: one certificate serves them all, as in a Percona cluster. */
    private static NodeSpec node(String name, NodeRole role) {
        return new NodeSpec(name, "127.0.0.1", FreePorts.next(), role, List.of("localhost"));
    }

    private Map<String, String> workerEnv(WorkerStack stack, WorkerProcess commandService, FleetProcess fleet)
            throws Exception {
        Map<String, String> env = stack.workerProcessEnv(commandService.port, fleet, work);
        env.put("SSLPLANE_WORKER_NODE_OPERATOR", "percona");
        env.put("SSLPLANE_WORKER_PERCONA_CREDENTIALS_DIRECTORY", work.resolve("kube").toString());
        env.put("SSLPLANE_WORKER_PERCONA_ERROR_GRACE", "3s");
        env.put("LOGGING_LEVEL_DEV_SSLPLANE", "DEBUG");
        return env;
    }

    /**
     * What "a pod restarts" means for the stand-in: the fleet node gets the secret's files (key and chain in one
     * PEM, as mongod reads it; the CA file) and a mongod config with the mode, and restarts through the fleet's
     * API; the primary is stepped down first, as the Percona operator does.
     */
    private record FleetPods(FleetProcess fleet, WireReplicaSetClient client, List<NodeSpec> nodes, Path dir)
            implements PerconaStandIn.Members {

        @Override
        public List<String> rollingOrder() {
            var secondaries = new ArrayList<String>();
            String primary = null;
            for (NodeSpec node : nodes) {
                if (isPrimary(node)) {
                    primary = "orders-" + node.name();
                } else {
                    secondaries.add("orders-" + node.name());
                }
            }
            secondaries.sort(null);
            if (primary != null) {
                secondaries.add(primary);
            }
            return secondaries;
        }

        @Override
        public void restart(String member, String mode, Map<String, String> secret) throws Exception {
            NodeSpec node = node(member);
            TlsMode tlsMode = switch (mode) {
                case "disabled" -> TlsMode.DISABLED;
                case "allowTLS" -> TlsMode.ALLOW;
                case "preferTLS" -> TlsMode.PREFER;
                default -> TlsMode.REQUIRE;
            };
            Path pod = dir.resolve(node.name());
            Files.createDirectories(pod);
            Path keyFile = pod.resolve("tls.pem");
            Path caFile = pod.resolve("ca.pem");
            NodeTlsConfig config;
            if (tlsMode == TlsMode.DISABLED) {
                config = new NodeTlsConfig(EngineVersion.V4_2, tlsMode, NodeTlsConfig.Certificate.none(),
                        NodeTlsConfig.CaFile.none());
            } else {
                write(keyFile, secret.get("tls.key") + secret.get("tls.crt"));
                write(caFile, secret.get("ca.crt"));
                config = new NodeTlsConfig(EngineVersion.V4_2, tlsMode, NodeTlsConfig.Certificate.replaceWith("x"),
                        NodeTlsConfig.CaFile.replaceWith(List.of("x")));
            }
            fleet.putConfig(ID, node.name(), MongodConfig.render(fleet.config(ID, node.name()), config,
                    new MongodConfig.Files(keyFile.toString(), caFile.toString())));
            if (isPrimary(node)) {
                client.stepDown(Member.of(ID, node), Connection.plain(), Duration.ofSeconds(10),
                        Duration.ofSeconds(10)).block(Duration.ofSeconds(30));
            }
            JsonNode answer = fleet.post(ID, node.name(), "restart");
            if (answer.path("status").asInt() >= 400) {
                throw new IllegalStateException(answer.path("detail").asText(answer.toString()));
            }
            HealthySet.waitFor(client, ID, nodes, Connection.plain(), Duration.ofSeconds(60));
        }

        @Override
        public String stateAfterRestart(String member) {
            return isPrimary(node(member)) ? "PRIMARY" : "SECONDARY";
        }

        private boolean isPrimary(NodeSpec node) {
            try {
                return client.isMaster(Member.of(ID, node), Connection.plain()).map(Hello::primary)
                        .block(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                return false;
            }
        }

        private NodeSpec node(String member) {
            return nodes.stream().filter(n -> member.equals("orders-" + n.name())).findFirst().orElseThrow();
        }

        private static void write(Path file, String text) throws Exception {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
