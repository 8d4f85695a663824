package dev.sslplane.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.event.MemberReplacedEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.CollectionCountRequest;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.RenewNodeCertificatesRequest;
import dev.sslplane.contracts.messaging.ReplaceMemberRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.procedure.StepKey;
import dev.sslplane.security.Role;
import dev.sslplane.worker.job.JobStore;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.WireReplicaSetClient;
import dev.sslplane.testsupport.FleetProcess;
import dev.sslplane.worker.support.HealthySet;
import dev.sslplane.worker.support.WorkerProcess;
import dev.sslplane.worker.support.WorkerStack;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The whole write path with real processes: the command service (its runnable jar), the local fleet (three 4.2
 * nodes, {@code net.tls} dialect), and two worker processes on a real KRaft broker and a MongoDB-wire server.
 * Enable over REST -> the worker relays the nodes' CSRs to the command service, restarts them on the fleet, sets
 * preferTLS at run time and reports progress -> the aggregate records the operation as completed
 * (RestartCompleted on ssl.events), although the first worker was killed (SIGKILL) mid-operation: the second one
 * carries on from the checkpoint without restarting the nodes that were done. Then a renewal of the node
 * certificates: every node presents a new certificate, signed by the same CA, and a client holding only that CA
 * connects as before. Then a dead member of a second instance is replaced while its Enable has failed, and the
 * Retry completes on the replacement ({@link #replaceADeadMemberThenRetry}); then another member of it is replaced
 * while it is idle and the replacement alone gets a certificate of the current CA through a single-node renewal
 * ({@link #renewTheReplacementAlone}).
 */
class CommandServiceRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(300);

    @TempDir
    Path fleetData;
    @TempDir
    Path secrets;

    private WorkerProcess killedOrNot;

    @AfterEach
    void stopTheFirstWorker() throws InterruptedException {
        if (killedOrNot != null) {
            killedOrNot.close();
        }
    }

    @Test
    void enableCompletesInTheAggregateAcrossAWorkerCrash() throws Exception {
        try (var stack = new WorkerStack(3);
             var fleet = new FleetProcess(fleetData, "e2e-token", "3s").start();
             var mongo = MongoClients.create(stack.mongoUri);
             var events = stack.consumer(Topics.EVENTS)) {
            try (var commandService = new WorkerProcess("command-service.jar", stack.commandServiceEnv())) {
                Map<String, String> workerEnv = stack.workerProcessEnv(commandService.port, fleet, secrets);
                workerEnv.put("SSLPLANE_WORKER_NODE_OPERATOR", "local-fleet");
                // the previous release's names, still read in a real process (DeprecatedWorkerSettings)
                workerEnv.put("WORKER_LEASE", "5s");
                workerEnv.put("WORKER_LEASE_RENEW_INTERVAL", "1s");
                // the killed worker stays in the consumer group for a session timeout (45 s by default): until it
                // is gone the second worker's group join, and so its graceful shutdown, wait for it
                workerEnv.put("SSLPLANE_WORKER_KAFKA_SESSION_TIMEOUT_MS", "6000");
                var first = new WorkerProcess(workerEnv);
                killedOrNot = first; // the test kills it; if the test fails first, @AfterEach must

                // the nodes exist where they are registered: the fleet stands in for their hosts
                List<NodeSpec> nodes = List.of(
                        new NodeSpec("rs0-0", "127.0.0.1", FleetProcess.freePort(), NodeRole.PRIMARY,
                                List.of("localhost")),
                        new NodeSpec("rs0-1", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY, List.of()),
                        new NodeSpec("rs0-2", "127.0.0.1", FleetProcess.freePort(), NodeRole.HIDDEN, List.of()));
                nodes.forEach(node -> fleet.createNode("rs-e2e", node, "4.2"));
                // as an operator registers a set that runs, not one being born
                HealthySet.waitFor(new WireReplicaSetClient(Duration.ofSeconds(1), Duration.ofSeconds(5)), "rs-e2e",
                        nodes, Connection.plain(), WAIT);
                var api = WebClient.builder().baseUrl("http://127.0.0.1:" + commandService.port)
                        .defaultHeader("Authorization", "Bearer " + stack.token(Role.OPERATOR)).build();
                api.post().uri("/api/v1/instances").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(new RegisterInstanceRequest("rs-e2e", "4.2", Topology.REPLICA_SET, nodes, 50))
                        .retrieve().toBodilessEntity().block(Duration.ofSeconds(60));
                JsonNode accepted = api.post().uri("/api/v1/instances/rs-e2e/ssl:enable").retrieve()
                        .bodyToMono(JsonNode.class).block(Duration.ofSeconds(60));
                String operationId = accepted.path("operationId").asText();
                assertThat(operationId).isNotBlank();

                var jobs = new JobStore(mongo.getDatabase("sslplane_worker").getCollection("restart_jobs"));
                await().atMost(WAIT).until(() -> {
                    var job = jobs.find(operationId).block(Duration.ofSeconds(10));
                    return job != null && job.completedSteps().size() == 1;
                });
                first.kill();
                Set<String> doneBeforeCrash = jobs.find(operationId).block(Duration.ofSeconds(10)).completedSteps()
                        .stream().map(StepKey::node).collect(java.util.stream.Collectors.toSet());

                var ca = new AtomicReference<String>();
                String secondLog;
                String workerToken = stack.token(Role.WORKER);
                try (var second = new WorkerProcess(workerEnv)) {
                    await().atMost(WAIT).until(() -> {
                        for (var record : events.poll(Duration.ofMillis(200))) {
                            if (stack.codec.decode(record.value()) instanceof Decoded.Ok<Object> ok) {
                                if (ok.value() instanceof SslEnabledEvent enabled
                                        && enabled.operationId().equals(operationId)) {
                                    ca.set(enabled.ca().pem());
                                }
                                if (ok.value() instanceof RestartCompletedEvent completed
                                        && completed.operationId().equals(operationId)) {
                                    return true;
                                }
                            }
                        }
                        return false;
                    });
                    assertThat(jobs.find(operationId).block(Duration.ofSeconds(10)).completedSteps()).as("two passes")
                            .isEqualTo(Set.of("1/rs0-0", "1/rs0-1", "1/rs0-2", "2/rs0-0", "2/rs0-1", "2/rs0-2"));
                    // the worker's token went to the command service (it signed) but into no log
                    assertThat(first.log()).contains("Started WorkerApplication").doesNotContain(workerToken);
                    assertThat(commandService.log()).doesNotContain(workerToken)
                            .doesNotContain(stack.token(Role.OPERATOR));
                    for (NodeSpec node : nodes) {
                        JsonNode status = fleet.status("rs-e2e", node.name());
                        assertThat(status.path("tlsMode").asText()).as(node.name()).isEqualTo("prefer");
                        if (doneBeforeCrash.contains(node.name())) {
                            assertThat(status.path("restartsSinceFleetStart").asInt())
                                    .as("%s restarted once", node.name()).isEqualTo(1);
                        }
                        int port = node.port();
                        awaitTrue(() -> ping(port, trusting(ca.get())));
                        awaitTrue(() -> ping(port, null));
                    }
                    // Renewal: new node certificates from the CA the clients already trust, one rolling restart
                    SSLContext trustingTheCa = trusting(ca.get());
                    X509Certificate caCertificate = certificate(ca.get());
                    Map<String, String> servedBefore = new java.util.HashMap<>();
                    Map<String, JsonNode> trustedBefore = new java.util.HashMap<>();
                    Map<String, Integer> restartsBefore = restarts(fleet, "rs-e2e", nodes);
                    for (NodeSpec node : nodes) {
                        servedBefore.put(node.name(), presented(node.port(), trustingTheCa).getSerialNumber()
                                .toString(16));
                        trustedBefore.put(node.name(), fleet.status("rs-e2e", node.name()).path("trustedCas"));
                    }
                    JsonNode renewal = api.post().uri("/api/v1/instances/rs-e2e/ssl:renew-node-certificates")
                            .header("Idempotency-Key", "e2e-renew-1").retrieve().bodyToMono(JsonNode.class)
                            .block(Duration.ofSeconds(60));
                    assertThat(renewal.path("kind").asText()).isEqualTo("RENEW_NODE_CERTIFICATES");
                    String renewalId = renewal.path("operationId").asText();
                    var renewingCa = new AtomicReference<String>();
                    Map<String, String> issuedBy = new ConcurrentHashMap<>();
                    await().atMost(WAIT).until(() -> {
                        for (var record : events.poll(Duration.ofMillis(200))) {
                            if (stack.codec.decode(record.value()) instanceof Decoded.Ok<Object> ok) {
                                if (ok.value() instanceof NodeCertificatesRenewingEvent renewing
                                        && renewing.operationId().equals(renewalId)) {
                                    renewingCa.set(renewing.ca().serial());
                                }
                                if (ok.value() instanceof NodeCertificateIssuedEvent issued
                                        && issued.operationId().equals(renewalId)) {
                                    issuedBy.put(issued.nodeName(), issued.caSerial());
                                }
                                if (ok.value() instanceof RestartCompletedEvent completed
                                        && completed.operationId().equals(renewalId)) {
                                    assertThat(completed.kind()).isEqualTo(OperationKind.RENEW_NODE_CERTIFICATES);
                                    return true;
                                }
                            }
                        }
                        return false;
                    });
                    for (NodeSpec node : nodes) {
                        // read back from the node itself: a handshake trusting only the CA from before the renewal
                        var served = new AtomicReference<X509Certificate>();
                        awaitTrue(() -> {
                            served.set(presented(node.port(), trustingTheCa));
                            return true;
                        });
                        X509Certificate now = served.get();
                        String serial = now.getSerialNumber().toString(16);
                        assertThat(serial).as("%s presents a new certificate", node.name())
                                .isNotEqualToIgnoringCase(servedBefore.get(node.name()));
                        now.verify(caCertificate.getPublicKey());
                        assertThat(now.getIssuerX500Principal()).isEqualTo(caCertificate.getSubjectX500Principal());
                        JsonNode status = fleet.status("rs-e2e", node.name());
                        assertThat(status.path("certificateSerial").asText()).isEqualToIgnoringCase(serial);
                        assertThat(status.path("trustedCas")).as("%s trusts what it trusted", node.name())
                                .isEqualTo(trustedBefore.get(node.name()));
                        assertThat(status.path("tlsMode").asText()).isEqualTo("prefer");
                        // a client that only has the CA from before connects as it did
                        awaitTrue(() -> ping(node.port(), trustingTheCa));
                    }
                    // and the records agree: the renewal named that CA, and it signed every node's certificate
                    String caSerial = caCertificate.getSerialNumber().toString(16);
                    assertThat(renewingCa.get()).as("the renewal names the CA enable made")
                            .isEqualToIgnoringCase(caSerial);
                    assertThat(issuedBy).as("every node signed by that CA")
                            .containsOnlyKeys("rs0-0", "rs0-1", "rs0-2")
                            .allSatisfy((node, serial) -> assertThat(serial).isEqualToIgnoringCase(caSerial));
                    assertThat(jobs.find(renewalId).block(Duration.ofSeconds(10)).completedSteps())
                            .as("one pass").isEqualTo(Set.of("1/rs0-0", "1/rs0-1", "1/rs0-2"));
                    // negative control of the single-node check below: this renewal covered every node, and the
                    // check that only rs0-2 restarted and changed its certificate refuses it
                    Map<String, String> servedAfter = served(nodes, trustingTheCa);
                    Map<String, Integer> restartsAfter = restarts(fleet, "rs-e2e", nodes);
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> onlyRenewed("rs0-2", servedBefore,
                            servedAfter, restartsBefore, restartsAfter)).isInstanceOf(AssertionError.class);
                    replaceADeadMemberThenRetry(stack, fleet, api, events, jobs, fleetData);
                    secondLog = second.log();
                }
                assertThat(secondLog).contains("Started WorkerApplication").doesNotContain(workerToken)
                        .contains("WORKER_LEASE -> SSLPLANE_WORKER_JOBS_LEASE",
                                "WORKER_LEASE_RENEW_INTERVAL -> SSLPLANE_WORKER_JOBS_RENEW_INTERVAL");
            }
        }
    }

    /**
     * Issue 19 section 5 on a second instance of the same fleet and workers: an Enable fails because a member is
     * dead (stopped); a Retry without a replacement fails again (negative control); the DBA drops the dead member
     * from the set and starts a new host, the member is replaced in the product and the collection count updated;
     * the Retry then completes, drives the new node instead of the dead one with the step timeout of the latest
     * collection count, and the new node presents a certificate from the instance's CA (read back over TLS).
     */
    private static void replaceADeadMemberThenRetry(WorkerStack stack, FleetProcess fleet, WebClient api,
                                                    org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>
                                                            events, JobStore jobs, Path fleetData) throws Exception {
        String id = "rs-replace";
        List<NodeSpec> nodes = List.of(
                new NodeSpec("rp-0", "127.0.0.1", FleetProcess.freePort(), NodeRole.PRIMARY, List.of("localhost")),
                new NodeSpec("rp-1", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY, List.of()),
                new NodeSpec("rp-2", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY, List.of()));
        NodeSpec replacement = new NodeSpec("rp-3", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY,
                List.of());
        nodes.forEach(node -> fleet.createNode(id, node, "4.2"));
        var replicaSets = new WireReplicaSetClient(Duration.ofSeconds(1), Duration.ofSeconds(5));
        HealthySet.waitFor(replicaSets, id, nodes, Connection.plain(), WAIT);
        api.post().uri("/api/v1/instances").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new RegisterInstanceRequest(id, "4.2", Topology.REPLICA_SET, nodes, 50))
                .retrieve().toBodilessEntity().block(Duration.ofSeconds(60));
        fleet.post(id, "rp-2", "stop");

        String operationId = api.post().uri("/api/v1/instances/" + id + "/ssl:enable").retrieve()
                .bodyToMono(JsonNode.class).block(Duration.ofSeconds(60)).path("operationId").asText();
        List<Object> seen = new java.util.ArrayList<>();
        RestartFailedEvent first = (RestartFailedEvent) awaitEvent(stack, events, seen,
                e -> e instanceof RestartFailedEvent f && f.operationId().equals(operationId));
        assertThat(first.nodeName()).isEqualTo("rp-2");

        // negative control: the same operation retried without a replacement fails again on the dead node
        retry(api, id, operationId);
        RestartFailedEvent again = (RestartFailedEvent) awaitEvent(stack, events, seen,
                e -> e instanceof RestartFailedEvent f && f.operationId().equals(operationId) && f != first);
        assertThat(again.nodeName()).isEqualTo("rp-2");

        // the DBA drops the dead member from the set and starts the new host; then the product learns of both
        fleet.remove(id, "rp-2");
        fleet.createNode(id, replacement, "4.2");
        List<NodeSpec> after = List.of(nodes.get(0), nodes.get(1), replacement);
        HealthySet.waitFor(replicaSets, id, after, Connection.plain(), WAIT);
        JsonNode replaced = api.post().uri("/api/v1/instances/" + id + "/members/rp-2:replace")
                .header("Idempotency-Key", "e2e-replace-1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new ReplaceMemberRequest(null, replacement)).retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(60));
        assertThat(replaced.path("changeId").asText()).isNotBlank();
        api.post().uri("/api/v1/instances/" + id + "/collection-count:update").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new CollectionCountRequest(25_000)).retrieve().toBodilessEntity()
                .block(Duration.ofSeconds(60));
        retry(api, id, operationId);
        awaitEvent(stack, events, seen,
                e -> e instanceof RestartCompletedEvent c && c.operationId().equals(operationId));

        String caPem = seen.stream().filter(SslEnabledEvent.class::isInstance).map(SslEnabledEvent.class::cast)
                .filter(e -> e.operationId().equals(operationId)).findFirst().orElseThrow().ca().pem();
        X509Certificate ca = certificate(caPem);
        presentsACertificateFrom(replacement.port(), caPem, ca);
        assertThat(fleet.status(id, "rp-3").path("tlsMode").asText()).isEqualTo("prefer");
        assertThat(seen).filteredOn(MemberReplacedEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((MemberReplacedEvent) e).nodes()).isEqualTo(after));
        assertThat(seen).filteredOn(NodeCertificateIssuedEvent.class::isInstance)
                .map(e -> (NodeCertificateIssuedEvent) e).filteredOn(e -> e.operationId().equals(operationId))
                .extracting(NodeCertificateIssuedEvent::nodeName).containsExactlyInAnyOrder("rp-0", "rp-1", "rp-3");
        // every step of the retry ran with the timeout of the latest count: 5 min + 2 s per 1,000 beyond 10,000
        assertThat(seen).filteredOn(NodeRestartStartedEvent.class::isInstance)
                .map(e -> (NodeRestartStartedEvent) e).filteredOn(e -> e.operationId().equals(operationId))
                .isNotEmpty().extracting(NodeRestartStartedEvent::stepTimeout)
                .containsOnly(Duration.ofMinutes(5).plusSeconds(30));
        assertThat(jobs.find(operationId).block(Duration.ofSeconds(10)).completedSteps())
                .contains("1/rp-0", "1/rp-1", "1/rp-3", "2/rp-0", "2/rp-1", "2/rp-3")
                .noneMatch(step -> step.endsWith("/rp-2"));
        renewTheReplacementAlone(stack, fleet, api, events, jobs, fleetData, seen, after, caPem);
    }

    /**
     * Issue 19 section 5, "at once through a single-node operation": on the same instance, now idle with SSL on,
     * the DBA replaces rp-1 by rp-4, built from rp-1's host (its config, certificate and CA file, so that the set,
     * which talks TLS, reaches it); the product learns of the replacement, and a renewal of rp-4 alone gives it a
     * certificate of its own from the current CA. Read back from the nodes: only rp-4 restarted, it presents a
     * certificate signed by the instance's CA, and the others present the certificates they had.
     */
    private static void renewTheReplacementAlone(WorkerStack stack, FleetProcess fleet, WebClient api,
                                                 org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>
                                                         events, JobStore jobs, Path fleetData, List<Object> seen,
                                                 List<NodeSpec> before, String caPem) throws Exception {
        long started = System.nanoTime();
        String id = "rs-replace";
        NodeSpec leaving = before.get(1);
        NodeSpec replacement = new NodeSpec("rp-4", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY,
                List.of());
        Path leavingDir = fleetData.resolve("nodes").resolve(id).resolve(leaving.name());
        String config = fleet.config(id, leaving.name());
        String serverPem = Files.readString(leavingDir.resolve("server.pem"));
        String caFile = Files.readString(leavingDir.resolve("ca.pem"));
        fleet.remove(id, leaving.name());
        fleet.createNode(id, replacement, "4.2");
        Path dir = fleetData.resolve("nodes").resolve(id).resolve(replacement.name());
        Files.writeString(dir.resolve("server.pem"), serverPem);
        Files.writeString(dir.resolve("ca.pem"), caFile);
        fleet.putConfig(id, replacement.name(), config.replace("/" + leaving.name() + "/", "/" + replacement.name()
                + "/").replace(String.valueOf(leaving.port()), String.valueOf(replacement.port())));
        fleet.post(id, replacement.name(), "restart");
        List<NodeSpec> after = List.of(before.get(0), replacement, before.get(2));
        var replicaSets = new WireReplicaSetClient(Duration.ofSeconds(1), Duration.ofSeconds(5));
        HealthySet.waitFor(replicaSets, id, after, Connection.plain(), WAIT);
        api.post().uri("/api/v1/instances/" + id + "/members/" + leaving.name() + ":replace")
                .header("Idempotency-Key", "e2e-replace-2").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new ReplaceMemberRequest(null, replacement)).retrieve().toBodilessEntity()
                .block(Duration.ofSeconds(60));

        SSLContext trustingTheCa = trusting(caPem);
        Map<String, String> servedBefore = served(after, trustingTheCa);
        Map<String, Integer> restartsBefore = restarts(fleet, id, after);
        String renewalId = api.post().uri("/api/v1/instances/" + id + "/ssl:renew-node-certificates")
                .header("Idempotency-Key", "e2e-renew-one").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new RenewNodeCertificatesRequest(null, List.of(replacement.name()))).retrieve()
                .bodyToMono(JsonNode.class).block(Duration.ofSeconds(60)).path("operationId").asText();
        awaitEvent(stack, events, seen,
                e -> e instanceof RestartCompletedEvent c && c.operationId().equals(renewalId));

        X509Certificate ca = certificate(caPem);
        presentsACertificateFrom(replacement.port(), caPem, ca);
        Map<String, String> servedAfter = served(after, trustingTheCa);
        onlyRenewed(replacement.name(), servedBefore, servedAfter, restartsBefore, restarts(fleet, id, after));
        assertThat(seen).filteredOn(NodeCertificateIssuedEvent.class::isInstance)
                .map(e -> (NodeCertificateIssuedEvent) e).filteredOn(e -> e.operationId().equals(renewalId))
                .singleElement().satisfies(e -> {
                    assertThat(e.nodeName()).isEqualTo(replacement.name());
                    assertThat(e.caSerial()).isEqualToIgnoringCase(ca.getSerialNumber().toString(16));
                    assertThat(e.certificate().serial()).isEqualToIgnoringCase(servedAfter.get(replacement.name()));
                });
        assertThat(fleet.status(id, replacement.name()).path("tlsMode").asText()).isEqualTo("prefer");
        assertThat(seen).filteredOn(NodeCertificatesRenewingEvent.class::isInstance)
                .map(e -> (NodeCertificatesRenewingEvent) e).filteredOn(e -> e.operationId().equals(renewalId))
                .singleElement().satisfies(e -> {
                    assertThat(e.nodes()).as("every member, still").isEqualTo(after);
                    assertThat(e.targets()).containsExactly(replacement.name());
                });
        assertThat(seen).filteredOn(NodeRestartStartedEvent.class::isInstance)
                .map(e -> (NodeRestartStartedEvent) e).filteredOn(e -> e.operationId().equals(renewalId))
                .extracting(NodeRestartStartedEvent::nodeName).containsExactly(replacement.name());
        assertThat(jobs.find(renewalId).block(Duration.ofSeconds(10)).completedSteps()).containsExactly("1/rp-4");
        System.out.printf("[single-node renewal] replacement set-up, renewal and read-back took %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The serial of the certificate each node presents now (none: absent). */
    private static Map<String, String> served(List<NodeSpec> nodes, SSLContext tls) throws Exception {
        Map<String, String> serials = new java.util.HashMap<>();
        for (NodeSpec node : nodes) {
            var served = new AtomicReference<X509Certificate>();
            awaitTrue(() -> {
                served.set(presented(node.port(), tls));
                return true;
            });
            serials.put(node.name(), served.get().getSerialNumber().toString(16));
        }
        return serials;
    }

    /** How often each node restarted since the fleet started, as the fleet counts. */
    private static Map<String, Integer> restarts(FleetProcess fleet, String instanceId, List<NodeSpec> nodes) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        nodes.forEach(node -> counts.put(node.name(), fleet.status(instanceId, node.name())
                .path("restartsSinceFleetStart").asInt()));
        return counts;
    }

    /** {@code renewed} restarted and presents another certificate; every other node neither. */
    private static void onlyRenewed(String renewed, Map<String, String> servedBefore, Map<String, String> servedAfter,
                                    Map<String, Integer> restartsBefore, Map<String, Integer> restartsAfter) {
        for (String node : servedAfter.keySet()) {
            if (node.equals(renewed)) {
                assertThat(restartsAfter.get(node)).as("%s restarted", node).isGreaterThan(restartsBefore.get(node));
                assertThat(servedAfter.get(node)).as("%s presents a new certificate", node)
                        .isNotEqualToIgnoringCase(servedBefore.get(node));
            } else {
                assertThat(restartsAfter.get(node)).as("%s not restarted", node).isEqualTo(restartsBefore.get(node));
                assertThat(servedAfter.get(node)).as("%s keeps its certificate", node)
                        .isEqualToIgnoringCase(servedBefore.get(node));
            }
        }
    }

    /** The new node presents a certificate signed by the instance's CA, and a client trusting only it connects. */
    private static void presentsACertificateFrom(int port, String caPem, X509Certificate ca) throws Exception {
        SSLContext trustingTheCa = trusting(caPem);
        var served = new AtomicReference<X509Certificate>();
        awaitTrue(() -> {
            served.set(presented(port, trustingTheCa));
            return true;
        });
        served.get().verify(ca.getPublicKey());
        assertThat(served.get().getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        awaitTrue(() -> ping(port, trustingTheCa));
    }

    private static void retry(WebClient api, String instanceId, String operationId) {
        api.post().uri("/api/v1/instances/" + instanceId + "/operations/" + operationId + ":retry").retrieve()
                .toBodilessEntity().block(Duration.ofSeconds(60));
    }

    /** Polls ssl.events until an event matches, keeping every event read in {@code seen}. */
    private static Object awaitEvent(WorkerStack stack,
                                     org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> events,
                                     List<Object> seen, java.util.function.Predicate<Object> wanted) {
        var found = new AtomicReference<Object>();
        seen.stream().filter(wanted).findFirst().ifPresent(found::set);
        await().atMost(WAIT).until(() -> {
            if (found.get() != null) {
                return true;
            }
            for (var record : events.poll(Duration.ofMillis(200))) {
                if (stack.codec.decode(record.value()) instanceof Decoded.Ok<Object> ok) {
                    seen.add(ok.value());
                    if (found.get() == null && wanted.test(ok.value())) {
                        found.set(ok.value());
                    }
                }
            }
            return found.get() != null;
        });
        return found.get();
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The certificate the node presents in a TLS handshake that trusts {@code tls}'s CA. */
    private static X509Certificate presented(int port, SSLContext tls) throws Exception {
        try (var socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static SSLContext trusting(String caPem) throws Exception {
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        var context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static boolean ping(int port, SSLContext tls) {
        var settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSslSettings(b -> {
                    b.enabled(tls != null);
                    if (tls != null) {
                        b.context(tls);
                    }
                })
                .build();
        try (var client = MongoClients.create(settings)) {
            Mono.from(client.getDatabase("admin").runCommand(new Document("ping", 1))).block(Duration.ofSeconds(10));
            return true;
        } catch (MongoException e) {
            return false;
        }
    }

    /** Positive checks may wait: on a loaded machine a cold TLS handshake can outlast one selection timeout. */
    private static void awaitTrue(java.util.concurrent.Callable<Boolean> check) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                .pollInterval(java.time.Duration.ofMillis(500)).until(check);
    }
}
