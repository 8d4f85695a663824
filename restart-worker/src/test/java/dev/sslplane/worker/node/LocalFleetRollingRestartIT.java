package dev.sslplane.worker.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.worker.health.MongoDriverProbe;
import dev.sslplane.worker.job.JobEngine;
import dev.sslplane.worker.node.fleet.LocalFleetNodeOperator;
import dev.sslplane.worker.signing.CommandServiceSigner;
import dev.sslplane.worker.support.CollectingProgress;
import dev.sslplane.worker.support.Events;
import dev.sslplane.worker.support.FleetProcess;
import dev.sslplane.worker.support.Harness;
import dev.sslplane.worker.support.SigningEndpoint;
import dev.sslplane.worker.support.TestCa;
import dev.sslplane.worker.support.TestCaSigner;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Rolling restarts on the local fleet (its own process) through the worker's local-fleet operator, CSRs relayed
 * over HTTP to a signing endpoint, and health gates with the real reactive driver and real TLS handshakes.
 */
class LocalFleetRollingRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    Path fleetData;
    private FleetProcess fleet;
    private final Harness harness = new Harness();
    private final Map<String, List<String>> sans = new ConcurrentHashMap<>();
    private final TestCaSigner signer = new TestCaSigner(sans::get);
    private final CollectingProgress progress = new CollectingProgress();
    private SigningEndpoint signing;
    private JobEngine engine;

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.halt();
        }
        harness.close();
        if (signing != null) {
            signing.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void enableRotateAndDisableOnRealNodes() throws Exception {
        fleet = new FleetProcess(fleetData, "worker-it-token").start();
        signing = new SigningEndpoint(signer, "sslp_fleet-it-worker-token");
        var operator = new LocalFleetNodeOperator(WebClient.builder(), fleet.url(), fleet.token, Duration.ofSeconds(60));
        engine = harness.engine("fleet-worker", operator,
                new MongoDriverProbe(Duration.ofSeconds(2), Duration.ofSeconds(1)),
                new CommandServiceSigner(WebClient.builder(), signing.url(), "sslp_fleet-it-worker-token",
                        Duration.ofSeconds(30)),
                progress, Duration.ofSeconds(90));
        engine.start();

        List<NodeSpec> nodes = List.of(
                new NodeSpec("a", "127.0.0.1", FleetProcess.freePort(), NodeRole.PRIMARY, List.of("localhost")),
                new NodeSpec("b", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY, List.of("localhost")),
                new NodeSpec("c", "127.0.0.1", FleetProcess.freePort(), NodeRole.SECONDARY, List.of()));
        nodes.forEach(n -> sans.put("rs-fleet/" + n.name(), n.subjectAltNames()));
        operator.provision(new InstanceRef("rs-fleet", 10), nodes).block(WAIT);
        // the primary has moved since registration: b is primary now, so b must go last
        WebClient.create(fleet.url()).post().uri("/api/v1/instances/rs-fleet/nodes/a/step-down")
                .header("Authorization", "Bearer " + fleet.token).retrieve().toBodilessEntity().block(WAIT);
        for (NodeSpec node : nodes) {
            awaitTrue(() -> ping(node.port(), null));
        }

        TestCa ca1 = signer.ca("rs-fleet");
        record(new SslEnabledEvent("rs-fleet", "op-enable", Events.caInfo(ca1), nodes, 10));
        await().atMost(WAIT).until(() -> progress.completed("op-enable"));
        assertThat(progress.of("op-enable").stream().filter(s -> s.report() instanceof NodeRestartStartedReport)
                .map(s -> ((NodeRestartStartedReport) s.report()).nodeName())).containsExactly("a", "c", "b");
        for (NodeSpec node : nodes) {
            awaitTrue(() -> ping(node.port(), trusting(ca1)));
            awaitTrue(() -> ping(node.port(), null));
        }

        var ca2 = new TestCa("rotated CA");
        // the command service signs with the operation's new CA
        signer.useCa("rs-fleet", ca2);
        record(new CertificateRotatedEvent("rs-fleet", "op-rotate", Events.caInfo(ca2), "00", nodes, 10));
        await().atMost(WAIT).until(() -> progress.completed("op-rotate"));
        for (NodeSpec node : nodes) {
            awaitTrue(() -> ping(node.port(), trusting(ca2)));
            assertThat(ping(node.port(), trusting(ca1))).as("old CA on " + node.name()).isFalse();
        }

        record(new SslDisabledEvent("rs-fleet", "op-disable", "00", nodes, 10));
        await().atMost(WAIT).until(() -> progress.completed("op-disable"));
        for (NodeSpec node : nodes) {
            awaitTrue(() -> ping(node.port(), null));
            assertThat(ping(node.port(), trusting(ca2))).as("TLS after disable").isFalse();
        }
        assertThat(progress.failures("op-enable")).isEmpty();
    }

    private void record(Object event) {
        harness.store.record((dev.sslplane.contracts.event.OperationStartingEvent) event, Instant.now()).block();
        engine.kick();
    }

    static SSLContext trusting(TestCa ca) throws Exception {
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        var context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static boolean ping(int port, SSLContext tls) {
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
