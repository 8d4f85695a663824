package dev.sslplane.worker.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.PassAction;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.OperationStoppedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import dev.sslplane.contracts.progress.NodeStatesObservedReport;
import dev.sslplane.worker.health.NodeStateReader;
import dev.sslplane.worker.job.AbortReadBack;
import dev.sslplane.worker.job.JobEngine;
import dev.sslplane.worker.job.RunSettings;
import dev.sslplane.worker.node.fleet.LocalFleetNodeOperator;
import dev.sslplane.worker.nodeclient.Connection;
import dev.sslplane.worker.nodeclient.Member;
import dev.sslplane.worker.nodeclient.WireReplicaSetClient;
import dev.sslplane.worker.signing.CommandServiceSigner;
import dev.sslplane.worker.support.ClientLoop;
import dev.sslplane.worker.support.CollectingProgress;
import dev.sslplane.worker.support.Events;
import dev.sslplane.testsupport.FleetProcess;
import dev.sslplane.worker.support.HealthySet;
import dev.sslplane.worker.support.Harness;
import dev.sslplane.worker.support.SetMonitor;
import dev.sslplane.worker.support.SigningEndpoint;
import dev.sslplane.testsupport.TestCa;
import dev.sslplane.worker.support.TestCaSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClient;
import org.yaml.snakeyaml.Yaml;

/**
 * The worker against the local fleet as its own process: 3-member 4.0 sets (wire 7, {@code net.ssl} dialect),
 * real TLS, CSRs relayed over HTTP to a signing endpoint, the nodes reached only at their registered addresses
 * through the worker's node client. One fleet and one worker for the class; each test has its own instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalFleetRollingRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);
    private static final String WORKER_TOKEN = "sslp_fleet-it-worker-token";

    private FleetProcess fleet;
    private Harness harness;
    private SigningEndpoint signing;
    private JobEngine engine;
    private AbortReadBack readBack;
    private final Map<String, List<String>> sans = new ConcurrentHashMap<>();
    private final TestCaSigner signer = new TestCaSigner(sans::get);
    private final CollectingProgress progress = new CollectingProgress();
    private final WireReplicaSetClient client = new WireReplicaSetClient(Duration.ofSeconds(1), Duration.ofSeconds(5));

    @BeforeAll
    void start(@TempDir Path fleetData) throws Exception {
        fleet = new FleetProcess(fleetData, "worker-it-token", "300ms").start();
        harness = new Harness();
        signing = new SigningEndpoint(signer, WORKER_TOKEN);
        var operator = new LocalFleetNodeOperator(WebClient.builder(), fleet.url(), fleet.token, Duration.ofSeconds(60));
        var settings = new RunSettings(STEP_TIMEOUT, Duration.ofSeconds(1), Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(1));
        engine = harness.engine("fleet-worker", operator, client,
                new CommandServiceSigner(WebClient.builder(), signing.url(), WORKER_TOKEN, Duration.ofSeconds(30)),
                progress, settings);
        engine.start();
        readBack = new AbortReadBack(harness.store, new NodeStateReader(client, operator), progress,
                java.time.Clock.systemUTC(), Duration.ofHours(1));
    }

    @AfterAll
    void stop() throws Exception {
        if (engine != null) {
            engine.halt();
        }
        if (harness != null) {
            harness.close();
        }
        if (signing != null) {
            signing.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void enableRotateAndDisableKeepTheSetHealthyAndItsClientsConnected() throws Exception {
        String id = "rs-life";
        List<NodeSpec> nodes = createSet(id);
        List<Member> members = members(id, nodes);
        TestCa ca1 = signer.ca(id);

        try (var monitor = new SetMonitor(client, members, m -> Connection.plain())) {
            try (var plainClient = new ClientLoop("plain-client", client, members, Connection.plain(), runOf(id))) {
                run(Events.enabled(id, "op-life-enable", ca1, nodes));
                assertThat(plainClient.rounds()).isPositive();
                assertThat(plainClient.failures()).as("a plain client through Enable").isEmpty();
            }
            for (NodeSpec node : nodes) {
                JsonNode status = fleet.status(id, node.name());
                assertThat(status.path("tlsMode").asText()).as(node.name()).isEqualTo("prefer");
                assertThat(status.path("restartsSinceFleetStart").asInt()).as("one restart pass").isEqualTo(1);
                assertThat(serials(status)).containsExactly(Events.caInfo(ca1).serial());
                assertThat(answers(id, node, Connection.verified(List.of(ca1.pem())))).isTrue();
            }
            assertObserved("op-life-enable", 1, TlsMode.ALLOW, Events.caInfo(ca1).serial());
            assertObserved("op-life-enable", 2, TlsMode.PREFER, Events.caInfo(ca1).serial());

            var ca2 = new TestCa("rotated CA");
            signer.useCa(id, ca2);
            var bundle = Connection.verified(List.of(ca2.pem(), ca1.pem()));
            try (var bundleClient = new ClientLoop("bundle-client", client, members, bundle, runOf(id))) {
                run(Events.rotated(id, "op-life-rotate", ca2, ca1, nodes, TlsMode.PREFER, false));
                assertThat(bundleClient.rounds()).isPositive();
                assertThat(bundleClient.failures()).as("a TLS client holding the bundle through Rotate").isEmpty();
            }
            for (NodeSpec node : nodes) {
                assertThat(answers(id, node, Connection.verified(List.of(ca2.pem())))).as(node.name()).isTrue();
                assertThat(answers(id, node, Connection.verified(List.of(ca1.pem())))).as("old CA, " + node.name())
                        .isFalse();
                assertThat(serials(fleet.status(id, node.name()))).containsExactly(Events.caInfo(ca2).serial());
            }
            assertObserved("op-life-rotate", 1, TlsMode.PREFER, Events.caInfo(ca2).serial(),
                    Events.caInfo(ca1).serial());
            assertObserved("op-life-rotate", 3, TlsMode.PREFER, Events.caInfo(ca2).serial());

            run(Events.disabled(id, "op-life-disable", ca2, nodes, TlsMode.PREFER));
            for (NodeSpec node : nodes) {
                assertThat(answers(id, node, Connection.plain())).as(node.name()).isTrue();
                assertThat(answers(id, node, Connection.anyCertificate())).as("TLS after disable").isFalse();
                assertThat(fleet.status(id, node.name()).path("tlsMode").asText()).isEqualTo("disabled");
            }
            assertObserved("op-life-disable", 2, TlsMode.DISABLED);
            monitor.close();
            assertHealthyOutsideSteps(monitor.samples(), List.of("op-life-enable", "op-life-rotate",
                    "op-life-disable"));
        }
        for (String op : List.of("op-life-enable", "op-life-rotate", "op-life-disable")) {
            assertPrimaryLastInRestartPasses(op);
        }
    }

    @Test
    void badInputFailsTheStepWithTheNodesReasonAndARetryWorksOnceTheCauseIsFixed() throws Exception {
        String id = "rs-bad";
        List<NodeSpec> nodes = createSet(id);
        TestCa ca = signer.ca(id);

        // a config file mongod refuses: the node's file names another port, which the worker keeps
        String fine = fleet.config(id, "c");
        fleet.putConfig(id, "c", withPort(fine, nodes.get(2).port() + 1));
        var enable = Events.enabled(id, "op-bad-enable", ca, nodes);
        RestartFailedReport refused = runFailing(enable);
        assertThat(refused.code()).isEqualTo("NODE_START_FAILED");
        assertThat(refused.nodeName()).isEqualTo("c");
        assertThat(refused.reason()).contains("mongod did not start").containsIgnoringCase("port");
        fleet.putConfig(id, "c", fine);
        run(Events.retried(enable, done("op-bad-enable"), 2));
        assertThat(fleet.status(id, "b").path("restartsSinceFleetStart").asInt()).as("b not again").isEqualTo(1);

        // a runtime change mongod refuses: c was taken back to allowSSL, which cannot go to requireSSL directly
        fleet.putConfig(id, "c", fleet.config(id, "c").replace("preferSSL", "allowSSL"));
        fleet.post(id, "c", "restart");
        awaitHealthy(id, nodes, Connection.verified(List.of(ca.pem())));
        var enforce = Events.enforced(id, "op-bad-enforce", ca, nodes, true);
        refused = runFailing(enforce);
        assertThat(refused.code()).isEqualTo("RUNTIME_MODE_REFUSED");
        assertThat(refused.nodeName()).isEqualTo("c");
        assertThat(refused.reason()).contains(
                "Illegal state transition for sslMode, attempt to change from allowSSL to requireSSL");
        // the read-back an abort of it would trigger: c never took its step (it still allows TLS, which the command
        // side could only compute as "preferTLS or requireTLS"), and each node is read as it really is. The job is
        // not ended here, so the retry below still runs (the rotation test further down ends its job first)
        NodeStatesObservedReport seen = readBack(enforce.operationId());
        assertReadBackIsWhatTheNodesHave(id, nodes, seen, List.of(ca));
        assertThat(seen.nodes()).filteredOn(n -> n.node().equals("c")).singleElement()
                .satisfies(c -> assertThat(c.mode()).isEqualTo(TlsMode.ALLOW));
        client.setMode(Member.of(id, nodes.get(2)), Connection.plain(), EngineVersion.V4_0, TlsMode.PREFER).block();
        run(Events.retried(enforce, done("op-bad-enforce"), 2));
        assertThat(nodes).allSatisfy(n -> assertThat(fleet.status(id, n.name()).path("tlsMode").asText())
                .isEqualTo("require"));

        // a step-down with no electable member: the secondaries stop once their steps are done
        var relax = Events.enforced(id, "op-bad-relax", ca, nodes, false);
        var restarted = new AtomicInteger();
        var stopped = new ArrayList<String>();
        progress.once(r -> r instanceof NodeRestartedReport n && n.operationId().equals(relax.operationId())
                && restarted.incrementAndGet() == 2, report -> {
                    String primary = primary(id, nodes, Connection.verified(List.of(ca.pem())));
                    nodes.stream().map(NodeSpec::name).filter(n -> !n.equals(primary)).forEach(n -> {
                        fleet.post(id, n, "stop");
                        stopped.add(n);
                    });
                });
        refused = runFailing(relax);
        assertThat(stopped).hasSize(2);
        assertThat(refused.code()).isEqualTo("STEP_DOWN_FAILED");
        assertThat(refused.nodeName()).isNotIn(stopped);
        assertThat(refused.reason()).contains("No electable secondaries caught up");
        stopped.forEach(n -> fleet.post(id, n, "start"));
        awaitHealthy(id, nodes, Connection.verified(List.of(ca.pem())));
        run(Events.retried(relax, done("op-bad-relax"), 2));

        // a member that never becomes healthy: another member stops while the first step of Disable runs
        var disable = Events.disabled(id, "op-bad-disable", ca, nodes, TlsMode.PREFER);
        var victim = new String[1];
        String primary = primary(id, nodes, Connection.plain());
        progress.once(r -> r instanceof NodeRestartStartedReport s && s.operationId().equals(disable.operationId()),
                first -> {
                    String stepping = ((NodeRestartStartedReport) first).nodeName();
                    victim[0] = nodes.stream().map(NodeSpec::name)
                            .filter(n -> !n.equals(primary) && !n.equals(stepping)).findFirst().orElseThrow();
                    fleet.post(id, victim[0], "stop");
                });
        refused = runFailing(disable);
        assertThat(refused.code()).isEqualTo("UNHEALTHY");
        assertThat(refused.reason()).contains("health gate").contains("node " + victim[0] + " (");
        fleet.post(id, victim[0], "start");
        awaitHealthy(id, nodes, Connection.plain());
        run(Events.retried(disable, done("op-bad-disable"), 2));
        assertThat(nodes).allSatisfy(n -> assertThat(fleet.status(id, n.name()).path("tlsMode").asText())
                .isEqualTo("disabled"));
    }

    @Test
    void thePreFlightCheckRefusesAnUnhealthySetOrAMisregisteredNodeAndTouchesNothing() throws Exception {
        String id = "rs-pre";
        List<NodeSpec> nodes = createSet(id);
        TestCa ca = signer.ca(id);
        Map<String, String> configs = nodes.stream().collect(Collectors.toMap(NodeSpec::name,
                n -> fleet.config(id, n.name())));
        NodeSpec c = nodes.get(2);
        int nowhere = FleetProcess.freePort();
        var misregistered = List.of(nodes.get(0), nodes.get(1),
                new NodeSpec(c.name(), c.host(), nowhere, c.role(), c.altNames()));

        RestartFailedReport refused = runFailing(Events.enabled(id, "op-pre", ca, misregistered));
        assertThat(refused.code()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(refused.nodeName()).isEqualTo("c");
        assertThat(refused.reason()).contains("node c does not answer at 127.0.0.1:" + nowhere);
        assertUntouched(id, nodes, configs);

        var enable = Events.enabled(id, "op-pre", ca, nodes); // the registration fixed: the retry carries it
        fleet.post(id, "b", "stop");
        record(Events.retried(enable, Set.of(), 2));
        await().atMost(WAIT).until(() -> progress.failures("op-pre").size() == 2);
        refused = progress.failures("op-pre").get(1);
        assertThat(refused.code()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(refused.nodeName()).isEqualTo("b");
        assertUntouched(id, nodes, configs);

        fleet.post(id, "b", "start");
        awaitHealthy(id, nodes, Connection.plain());
        run(Events.retried(enable, Set.of(), 3));
        assertThat(nodes).allSatisfy(n -> assertThat(fleet.status(id, n.name()).path("tlsMode").asText())
                .isEqualTo("prefer"));
    }

    @Test
    void aRotationAbortedInItsSecondPassStopsAfterTheStepInProgressAndItsRollbackRestoresThePreviousCa()
            throws Exception {
        String id = "rs-abort";
        List<NodeSpec> nodes = createSet(id);
        TestCa ca1 = signer.ca(id);
        run(Events.enabled(id, "op-abort-enable", ca1, nodes));
        var ca2 = new TestCa("rotated CA then rolled back");
        signer.useCa(id, ca2);
        var rotation = Events.rotated(id, "op-abort-rotate", ca2, ca1, nodes, TlsMode.PREFER, false);

        // the abort is asked for while the second node's step of pass 2 (new certificates) runs
        var startedInPassTwo = new AtomicInteger();
        progress.once(r -> r instanceof NodeRestartStartedReport s && s.operationId().equals(rotation.operationId())
                        && s.pass() == 2 && startedInPassTwo.incrementAndGet() == 2,
                r -> harness.store.requestAbort(rotation.operationId(), Instant.now()).subscribe());
        record(rotation);
        await().atMost(WAIT).until(() -> harness.store.find(rotation.operationId()).block().state()
                == dev.sslplane.worker.job.JobState.ABORTED);

        var reports = progress.of(rotation.operationId()).stream().map(s -> s.report()).toList();
        assertThat(reports.stream().filter(OperationStoppedReport.class::isInstance)).hasSize(1);
        assertThat(reports.get(reports.size() - 1)).isInstanceOf(OperationStoppedReport.class);
        assertThat(reports.stream().filter(r -> r instanceof NodeRestartStartedReport s && s.pass() == 2))
                .as("no step after the one in progress").hasSize(2);
        assertThat(reports.stream().filter(r -> r instanceof NodeRestartedReport n && n.pass() == 2))
                .as("the step in progress finished").hasSize(2);
        assertThat(reports.stream().filter(r -> r instanceof NodeRestartStartedReport s && s.pass() == 3)).isEmpty();
        assertThat(harness.store.find(rotation.operationId()).block().completedSteps()).hasSize(5);
        assertThat(reports).noneMatch(RestartCompletedReport.class::isInstance);

        // the command side records the abort: the worker reads every node back, as it really is (two present the
        // rotation's certificates, one still the previous CA's; all trust both)
        assertReadBackIsWhatTheNodesHave(id, nodes, abortAndReadBack(rotation.operationId()), List.of(ca1, ca2));

        // the rollback the command service starts: the nodes present and trust the CA before the rotation again
        signer.useCa(id, ca1);
        var rollback = Events.rollingBack(rotation, "op-abort-rollback", 2, TlsMode.PREFER, ca1, ca2);
        assertThat(rollback.passes()).extracting(p -> p.name()).containsExactly("PREVIOUS_CA_CERTIFICATES",
                "PREVIOUS_CA_ONLY");
        run(rollback);
        String serial1 = Events.caInfo(ca1).serial();
        for (NodeSpec node : nodes) {
            JsonNode status = fleet.status(id, node.name());
            assertThat(serials(status)).as("%s trusts the previous CA alone", node.name()).containsExactly(serial1);
            assertThat(status.path("tlsMode").asText()).isEqualTo("prefer");
            assertThat(answers(id, node, Connection.verified(List.of(ca1.pem()))))
                    .as("%s presents a certificate of the previous CA", node.name()).isTrue();
            assertThat(answers(id, node, Connection.verified(List.of(ca2.pem()))))
                    .as("%s presents no certificate of the aborted rotation's CA", node.name()).isFalse();
        }
        assertObserved(rollback.operationId(), 1, TlsMode.PREFER, serial1, Events.caInfo(ca2).serial());
        assertObserved(rollback.operationId(), 2, TlsMode.PREFER, serial1);
    }

    /** What the command side's {@code OperationAborted} makes the worker do: end the job, read its nodes, report. */
    private NodeStatesObservedReport abortAndReadBack(String operationId) {
        harness.store.abort(operationId, Instant.now()).block();
        return readBack(operationId);
    }

    /** The read-back an {@code OperationAborted} starts: marked durably, read outside, reported, marked done. */
    private NodeStatesObservedReport readBack(String operationId) {
        long began = System.nanoTime();
        assertThat(harness.store.markReadBack(operationId).block()).isTrue();
        readBack.offer(operationId);
        await().atMost(WAIT).until(() -> harness.store.pendingReadBacks().collectList().block().isEmpty());
        System.out.printf("read-back of %s reported in %d ms%n", operationId, (System.nanoTime() - began) / 1_000_000);
        return progress.of(operationId).stream().map(s -> s.report())
                .filter(NodeStatesObservedReport.class::isInstance).map(NodeStatesObservedReport.class::cast)
                .reduce((first, second) -> second).orElseThrow();
    }

    /**
     * Each node as the report says is what it has, checked another way: the mode the fleet runs it with, the CAs in
     * the CA file its config names, and the CA whose key signed the certificate it presents in a TLS handshake.
     */
    private void assertReadBackIsWhatTheNodesHave(String id, List<NodeSpec> nodes, NodeStatesObservedReport report,
                                                 List<TestCa> cas) throws Exception {
        assertThat(report.unreadNodes()).isEmpty();
        assertThat(report.nodes()).extracting(n -> n.node()).containsExactlyInAnyOrder("a", "b", "c");
        for (NodeSpec node : nodes) {
            var state = report.nodes().stream().filter(n -> n.node().equals(node.name())).findFirst().orElseThrow();
            JsonNode status = fleet.status(id, node.name());
            assertThat(state.mode()).as(node.name())
                    .isEqualTo(TlsMode.valueOf(status.path("tlsMode").asText().toUpperCase(java.util.Locale.ROOT)));
            assertThat(state.trustedCaSerials()).as(node.name())
                    .containsExactlyInAnyOrderElementsOf(caFileSerials(id, node.name()));
            assertThat(state.certificateCaSerial()).as(node.name()).isEqualTo(presentedIssuer(node, cas));
            assertThat(state.settled()).isTrue();
        }
    }

    /** The serials of the CAs in the CA file the node's config names, read from the file. */
    private List<String> caFileSerials(String id, String node) throws Exception {
        Map<String, Object> root = new Yaml().load(fleet.config(id, node));
        @SuppressWarnings("unchecked")
        Map<String, Object> ssl = (Map<String, Object>) ((Map<String, Object>) root.get("net")).get("ssl");
        String pem = java.nio.file.Files.readString(Path.of((String) ssl.get("CAFile")));
        return dev.sslplane.nodeclient.Pems.certificates(pem).stream()
                .map(c -> c.getSerialNumber().toString(16)).toList();
    }

    /** The serial of the CA whose key signed the certificate the node presents in a handshake. */
    private static String presentedIssuer(NodeSpec node, List<TestCa> cas) throws Exception {
        var context = dev.sslplane.nodeclient.Pems.trusting(String.join("\n",
                cas.stream().map(ca -> ca.pem()).toList()));
        java.security.cert.X509Certificate presented;
        try (var socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(node.host(),
                node.port())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            presented = (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
        for (TestCa ca : cas) {
            try {
                presented.verify(ca.certificate().getPublicKey());
                return ca.certificate().getSerialNumber().toString(16);
            } catch (java.security.GeneralSecurityException notThisOne) {
                // signed by another CA
            }
        }
        throw new AssertionError(node.name() + " presents a certificate of none of the CAs");
    }

    // --- set-up and helpers ---

    /** Three 4.0 members at free ports, created on the fleet (the worker never creates nodes), healthy. */
    private List<NodeSpec> createSet(String id) throws Exception {
        List<NodeSpec> nodes = List.of(
                new NodeSpec("a", "127.0.0.1", FleetProcess.freePort(), NodeRole.PRIMARY, List.of("localhost")),
                new NodeSpec("b", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY, List.of("localhost")),
                new NodeSpec("c", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY, List.of()));
        for (NodeSpec node : nodes) {
            JsonNode created = fleet.createNode(id, node, "4.0");
            assertThat(created.path("port").asInt()).as("created: " + created).isEqualTo(node.port());
            sans.put(id + "/" + node.name(), node.subjectAltNames());
        }
        awaitHealthy(id, nodes, Connection.plain());
        return nodes;
    }

    private void awaitHealthy(String id, List<NodeSpec> nodes, Connection connection) {
        HealthySet.waitFor(client, id, nodes, connection, WAIT);
    }

    private void record(OperationStartingEvent event) {
        harness.store.record(event, Instant.now()).block();
        engine.kick();
    }

    /** Records the event and waits for the operation to complete; a failure report fails the test with its reason. */
    private void run(OperationStartingEvent event) {
        int failuresBefore = progress.failures(event.operationId()).size();
        record(event);
        await().atMost(WAIT).until(() -> progress.completed(event.operationId())
                || progress.failures(event.operationId()).size() > failuresBefore);
        assertThat(progress.failures(event.operationId())).hasSize(failuresBefore);
    }

    private RestartFailedReport runFailing(OperationStartingEvent event) {
        int failuresBefore = progress.failures(event.operationId()).size();
        record(event);
        await().atMost(WAIT).until(() -> progress.failures(event.operationId()).size() > failuresBefore
                || progress.completed(event.operationId()));
        assertThat(progress.completed(event.operationId())).as("expected a failure").isFalse();
        await().atMost(WAIT).until(() -> !harness.store.find(event.operationId()).block().outstanding());
        return progress.failures(event.operationId()).get(failuresBefore);
    }

    /** The steps the aggregate would have seen done (what a RestartRetried carries). */
    private Set<String> done(String operationId) {
        return progress.of(operationId).stream().map(s -> s.report()).filter(NodeRestartedReport.class::isInstance)
                .map(r -> r.nodeKey()).collect(Collectors.toSet());
    }

    private List<Member> members(String id, List<NodeSpec> nodes) {
        return nodes.stream().map(n -> Member.of(id, n)).toList();
    }

    /** The member's run as the fleet counts it (its restarts so far), or null while it does not run. */
    private Function<Member, String> runOf(String id) {
        return member -> {
            JsonNode status = fleet.status(id, member.name());
            return "RUNNING".equals(status.path("state").asText())
                    ? status.path("restartsSinceFleetStart").asText() : null;
        };
    }

    private boolean answers(String id, NodeSpec node, Connection connection) {
        try {
            client.isMaster(Member.of(id, node), connection).block(Duration.ofSeconds(10));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String primary(String id, List<NodeSpec> nodes, Connection connection) {
        return nodes.stream().filter(n -> {
            try {
                return client.isMaster(Member.of(id, n), connection).block(Duration.ofSeconds(10)).primary();
            } catch (RuntimeException e) {
                return false;
            }
        }).map(NodeSpec::name).findFirst().orElseThrow(() -> new AssertionError("no primary"));
    }

    private static List<String> serials(JsonNode status) {
        var serials = new ArrayList<String>();
        status.path("trustedCas").forEach(ca -> serials.add(ca.path("serial").asText()));
        return serials;
    }

    private static String withPort(String config, int port) {
        var yaml = new Yaml();
        Map<String, Object> root = config == null || config.isBlank() ? new java.util.LinkedHashMap<>()
                : yaml.load(config);
        @SuppressWarnings("unchecked")
        Map<String, Object> net = (Map<String, Object>) root.computeIfAbsent("net",
                k -> new java.util.LinkedHashMap<String, Object>());
        net.put("port", port);
        return yaml.dump(root);
    }

    private void assertUntouched(String id, List<NodeSpec> nodes, Map<String, String> configs) {
        for (NodeSpec node : nodes) {
            JsonNode status = fleet.status(id, node.name());
            assertThat(status.path("restartsSinceFleetStart").asInt()).as(node.name()).isZero();
            if ("RUNNING".equals(status.path("state").asText())) {
                assertThat(status.path("tlsMode").asText()).as(status.toString()).isEqualTo("disabled");
            }
            assertThat(fleet.config(id, node.name())).isEqualTo(configs.get(node.name()));
        }
    }

    /** Each node's read-back after its step of {@code pass}. */
    private void assertObserved(String operationId, int pass, TlsMode mode, String... serials) {
        var reports = progress.of(operationId).stream().map(s -> s.report())
                .filter(NodeRestartedReport.class::isInstance).map(NodeRestartedReport.class::cast)
                .filter(r -> r.pass() == pass).toList();
        assertThat(reports).hasSize(3).allSatisfy(r -> {
            assertThat(r.observed().mode()).isEqualTo(mode);
            assertThat(r.observed().trustedCaSerials()).containsExactlyInAnyOrder(serials);
            assertThat(r.observed().role()).isNotNull();
        });
    }

    /** In each restart pass the node that was primary when the pass began goes last, and only it. */
    private void assertPrimaryLastInRestartPasses(String operationId) {
        var started = progress.of(operationId).stream().map(s -> s.report())
                .filter(NodeRestartStartedReport.class::isInstance).map(NodeRestartStartedReport.class::cast).toList();
        var passes = harness.store.find(operationId).block().passes();
        for (var pass : passes) {
            var roles = started.stream().filter(r -> r.pass() == pass.number()).map(NodeRestartStartedReport::role)
                    .toList();
            assertThat(roles).as("%s pass %d", operationId, pass.number()).hasSize(3);
            if (pass.action() == PassAction.RESTART) {
                assertThat(roles).containsOnlyOnce(NodeRole.PRIMARY).endsWith(NodeRole.PRIMARY);
            }
        }
    }

    /**
     * Every sample of the set, from any member, shows every member healthy and at most one primary, except around
     * a node's own step: while it restarts (and a heartbeat or two after it) its peers may miss it, and it may miss
     * them right after it started.
     */
    private void assertHealthyOutsideSteps(List<SetMonitor.Sample> samples, List<String> operationIds) {
        record Window(String node, Instant from, Instant to) {
            boolean covers(String name, Instant at) {
                return node.equals(name) && !at.isBefore(from) && !at.isAfter(to);
            }
        }
        var windows = new ArrayList<Window>();
        for (String op : operationIds) {
            var sent = progress.of(op);
            for (var started : sent) {
                if (started.report() instanceof NodeRestartStartedReport s) {
                    Instant end = sent.stream().filter(x -> x.report() instanceof NodeRestartedReport r
                                    && r.nodeKey().equals(s.nodeKey())).map(x -> x.at()).findFirst()
                            .orElse(Instant.now());
                    windows.add(new Window(s.nodeName(), started.at().minusMillis(500), end.plusSeconds(3)));
                }
            }
        }
        Predicate<SetMonitor.Sample> primaryStep = sample -> sample.primaries().stream()
                .anyMatch(p -> windows.stream().anyMatch(w -> w.covers(p, sample.at())));
        var violations = new ArrayList<String>();
        for (var sample : samples) {
            boolean observerInStep = windows.stream().anyMatch(w -> w.covers(sample.observer(), sample.at()));
            for (String sick : sample.unhealthy()) {
                if (!observerInStep && windows.stream().noneMatch(w -> w.covers(sick, sample.at()))) {
                    violations.add(sample.at() + ": " + sample.observer() + " saw " + sick + " unhealthy");
                }
            }
            if (sample.primaries().size() > 1 && !primaryStep.test(sample)) {
                violations.add(sample.at() + ": " + sample.observer() + " saw primaries " + sample.primaries());
            }
        }
        assertThat(samples).hasSizeGreaterThan(20);
        assertThat(violations).isEmpty();
    }
}
