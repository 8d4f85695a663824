package dev.sslplane.worker.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.worker.job.JobStore;
import dev.sslplane.worker.support.Events;
import dev.sslplane.worker.support.FleetProcess;
import dev.sslplane.worker.support.SigningEndpoint;
import dev.sslplane.worker.support.TestCaSigner;
import dev.sslplane.worker.support.WorkerProcess;
import dev.sslplane.worker.support.WorkerStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The worker as its own process on a real broker, with the fleet as another process: the worker is killed
 * (SIGKILL) mid-operation while the fleet keeps running, and a new worker process completes the job from the
 * checkpoint without restarting the nodes that were done.
 */
class WorkerCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(240);

    @TempDir
    Path fleetData;

    @Test
    void aNewWorkerCompletesTheOperationOfAKilledOne() throws Exception {
        Map<String, List<String>> sans = new ConcurrentHashMap<>();
        var signer = new TestCaSigner(sans::get);
        try (var stack = new WorkerStack(3);
             var fleet = new FleetProcess(fleetData, "crash-it-token", "3s").start();
             var signing = new SigningEndpoint(signer, "sslp_crash-it-worker-token");
             var mongo = MongoClients.create(stack.mongoUri);
             var progress = stack.consumer(Topics.RESTART_PROGRESS)) {
            var jobs = new JobStore(mongo.getDatabase("sslplane_worker").getCollection("restart_jobs"));
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka.getBrokersAsString());
            env.put("MONGODB_URI", stack.mongoUri);
            env.put("NODE_OPERATOR", "local-fleet");
            env.put("FLEET_URL", fleet.url());
            env.put("FLEET_TOKEN", fleet.token);
            env.put("COMMAND_SERVICE_URL", signing.url());
            env.put("COMMAND_SERVICE_TOKEN", "sslp_crash-it-worker-token");
            env.put("SSLPLANE_SECURITY_TOKENS_FILE", stack.tokensFile.toString());
            env.put("WORKER_LEASE", "5s");
            env.put("WORKER_LEASE_RENEW_INTERVAL", "1s");
            env.put("WORKER_POLL_INTERVAL", "500ms");
            env.put("WORKER_HEALTH_POLL_INTERVAL", "200ms");

            List<NodeSpec> nodes = List.of(
                    new NodeSpec("n0", "127.0.0.1", FleetProcess.freePort(), NodeRole.PRIMARY, List.of("localhost")),
                    new NodeSpec("n1", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY, List.of()),
                    new NodeSpec("n2", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY, List.of()));
            nodes.forEach(n -> sans.put("rs-crash/" + n.name(), n.subjectAltNames()));

            var first = new WorkerProcess(env);
            stack.publish(new SslEnabledEvent("rs-crash", "op-crash", Events.caInfo(signer.ca("rs-crash")), nodes,
                    10), 1);
            stack.flush();
            await().atMost(WAIT).until(() -> {
                var job = jobs.find("op-crash").block(Duration.ofSeconds(10));
                return job != null && job.completedNodes().size() == 1;
            });
            first.kill();
            Set<String> doneBeforeCrash = jobs.find("op-crash").block(Duration.ofSeconds(10)).completedNodes();

            String secondLog;
            try (var second = new WorkerProcess(env)) {
                await().atMost(WAIT).until(() -> {
                    for (var record : progress.poll(Duration.ofMillis(200))) {
                        if (stack.codec.decode(record.value()) instanceof Decoded.Ok<Object> ok
                                && ok.value() instanceof RestartCompletedReport report
                                && report.operationId().equals("op-crash")) {
                            return true;
                        }
                    }
                    return false;
                });
                secondLog = second.log();
            }

            JsonNode status = WebClient.create(fleet.url()).get().uri("/api/v1/instances/rs-crash/nodes")
                    .header("Authorization", "Bearer " + fleet.token).retrieve().bodyToMono(JsonNode.class)
                    .block(Duration.ofSeconds(30));
            for (JsonNode node : status) {
                assertThat(node.get("tls").asBoolean()).as(node.get("name").asText()).isTrue();
                if (doneBeforeCrash.contains(node.get("name").asText())) {
                    assertThat(node.get("restartsSinceFleetStart").asInt()).as("restarted once").isEqualTo(1);
                }
            }
            assertThat(jobs.find("op-crash").block(Duration.ofSeconds(10)).completedNodes())
                    .containsExactlyInAnyOrder("n0", "n1", "n2");
            // every signing request carried the worker's token, and neither worker wrote it to its log
            assertThat(signing.presentedAuthorizations()).isNotEmpty()
                    .containsOnly("Bearer sslp_crash-it-worker-token");
            assertThat(first.log()).contains("Started WorkerApplication").doesNotContain("sslp_crash-it-worker-token");
            assertThat(secondLog).contains("Started WorkerApplication").doesNotContain("sslp_crash-it-worker-token");
        }
    }
}
