package dev.sslplane.worker.node.percona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.PerconaTarget;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.testsupport.TestCa;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.plan.OperationPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The percona operator against a model of the Kubernetes API (fabric8's CRUD mock server with the Percona CRD) and a
 * stand-in Percona operator that rolls the members out in status: every pass of Enable, Rotate and Disable as the
 * engine hands them over (the plan's node configs, one shared certificate), the secrets' content after each pass, a
 * concurrent edit of the custom resource kept, a rollout stuck in {@code error} failing with the operator's words.
 */
class PerconaNodeOperatorTest {

    private static final List<String> HOSTS = List.of("orders-rs0-0.orders-rs0.mongo.svc.cluster.local",
            "orders-rs0-1.orders-rs0.mongo.svc.cluster.local", "orders-rs0-2.orders-rs0.mongo.svc.cluster.local");

    @TempDir
    Path credentials;

    private PerconaApiServer api;
    private PerconaStandIn standIn;
    private PerconaNodeOperator operator;
    private final PerconaTarget target = new PerconaTarget("mongo", "orders", null, null);
    private InstanceRef instance;
    private final List<NodeSpec> nodes = new ArrayList<>();
    private final List<String> restarts = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        api = new PerconaApiServer();
        for (int i = 0; i < 3; i++) {
            nodes.add(new NodeSpec("rs0-" + i, HOSTS.get(i), 27017, i == 0 ? NodeRole.PRIMARY : NodeRole.SECONDARY,
                    HOSTS));
        }
        api.createCluster(target, List.of("orders-rs0-0", "orders-rs0-1", "orders-rs0-2"));
        Path kubeconfig = api.writeKubeconfig(credentials.resolve("kubeconfig"));
        var withFile = new PerconaTarget(target.namespace(), target.name(), null, kubeconfig.toString());
        instance = new InstanceRef("rs-orders", 10, EngineVersion.V4_2, NodeOperatorTarget.percona(withFile));
        operator = new PerconaNodeOperator(new PerconaSettings(credentials, Duration.ofSeconds(10),
                Duration.ofSeconds(2)));
        standIn = new PerconaStandIn(api.client, target, new PerconaStandIn.Members() {
            @Override
            public List<String> rollingOrder() {
                return List.of("orders-rs0-2", "orders-rs0-1", "orders-rs0-0");
            }

            @Override
            public void restart(String member, String mode, Map<String, String> secret) throws Exception {
                restarts.add(member + " " + mode);
                Thread.sleep(150);
            }

            @Override
            public String stateAfterRestart(String member) {
                return member.endsWith("-0") ? "PRIMARY" : "SECONDARY";
            }
        }).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        standIn.close();
        operator.close();
        api.close();
    }

    @Test
    void enableRotateAndDisableMoveTheModeAndTheSecretsPassByPass() {
        var oldCa = new TestCa("old CA", "EC");
        var newCa = new TestCa("new CA", "EC");

        String enabledChain = run(new OperationPlan(OperationKind.ENABLE, EngineVersion.V4_2,
                Procedures.enable(false), oldCa.pem(), null, null), oldCa);
        assertThat(mode()).isEqualTo("preferTLS");
        assertThat(secret("orders-ssl")).containsEntry("tls.crt", enabledChain).containsEntry("ca.crt",
                oldCa.pem().strip() + "\n").containsKey("tls.key");
        assertThat(secret("orders-ssl-internal")).isEqualTo(secret("orders-ssl"));
        assertThat(operator.trustedCaSerials(instance, nodes.get(0)).block()).containsExactly(
                oldCa.certificate().getSerialNumber().toString(16));

        var perPass = new ArrayList<Map<String, String>>();
        String rotatedChain = run(new OperationPlan(OperationKind.ROTATE, EngineVersion.V4_2,
                Procedures.rotate(TlsMode.PREFER), newCa.pem(), oldCa.pem(), null), newCa, perPass);
        // pass 1: the old certificate under the bundle; pass 2: the new one under the bundle; pass 3: new CA alone
        String bundle = newCa.pem().strip() + "\n" + oldCa.pem().strip() + "\n";
        assertThat(perPass.get(0)).containsEntry("tls.crt", enabledChain).containsEntry("ca.crt", bundle);
        assertThat(perPass.get(1)).containsEntry("tls.crt", rotatedChain).containsEntry("ca.crt", bundle);
        assertThat(perPass.get(2)).containsEntry("tls.crt", rotatedChain).containsEntry("ca.crt",
                newCa.pem().strip() + "\n");
        assertThat(perPass.get(1).get("tls.key")).isNotEqualTo(perPass.get(0).get("tls.key"));

        run(new OperationPlan(OperationKind.DISABLE, EngineVersion.V4_2, Procedures.disable(TlsMode.PREFER),
                null, newCa.pem(), null), null);
        assertThat(mode()).isEqualTo("disabled");
        assertThat((Object) api.read(target).get("spec", "unsafeFlags", "tls")).isEqualTo(true);
        assertThat((Object) api.read(target).get("spec", "backup", "enabled")).as("backup config untouched").isEqualTo(true);
        // every change rolled every member, secondaries first, primary last
        assertThat(standIn.rollouts()).extracting(PerconaStandIn.RolledOut::mode).containsExactly(
                "allowTLS", "preferTLS", "preferTLS", "preferTLS", "preferTLS", "allowTLS", "disabled");
        assertThat(standIn.rollouts()).allSatisfy(r -> assertThat(r.members()).containsExactly(
                "orders-rs0-2", "orders-rs0-1", "orders-rs0-0"));
    }

    @Test
    void aRotationAbortedAfterItsNewCertificatesIsRolledBackToThePreviousCaInTheSecrets() {
        var oldCa = new TestCa("CA before the rotation", "EC");
        var newCa = new TestCa("aborted rotation CA", "EC");
        run(new OperationPlan(OperationKind.ENABLE, EngineVersion.V4_2, Procedures.enable(false), oldCa.pem(), null,
                null), oldCa);
        List<Pass> rotation = Procedures.rotate(TlsMode.PREFER);
        String abortedChain = run(new OperationPlan(OperationKind.ROTATE, EngineVersion.V4_2, rotation.subList(0, 2),
                newCa.pem(), oldCa.pem(), null), newCa);

        var perPass = new ArrayList<Map<String, String>>();
        String restoredChain = run(new OperationPlan(OperationKind.ROLLBACK, EngineVersion.V4_2,
                Procedures.rollback(OperationKind.ROTATE, rotation, 2, TlsMode.PREFER), oldCa.pem(), newCa.pem(),
                null), oldCa, perPass);
        // PREVIOUS_CA_CERTIFICATES: a certificate of the CA before, under both CAs; PREVIOUS_CA_ONLY: that CA alone
        assertThat(restoredChain).isNotEqualTo(abortedChain);
        assertThat(perPass.get(0)).containsEntry("tls.crt", restoredChain);
        assertThat(perPass.get(0).get("ca.crt")).contains(oldCa.pem().strip()).contains(newCa.pem().strip());
        assertThat(perPass.get(1)).containsEntry("tls.crt", restoredChain).containsEntry("ca.crt",
                oldCa.pem().strip() + "\n");
        assertThat(mode()).isEqualTo("preferTLS");
        assertThat(operator.trustedCaSerials(instance, nodes.get(0)).block()).containsExactly(
                oldCa.certificate().getSerialNumber().toString(16));
    }

    @Test
    void aConcurrentEditOfTheResourceIsNotLost() {
        var cluster = new PerconaCluster(api.client, target);
        var calls = new AtomicInteger();

        boolean patched = cluster.patch(current -> {
            if (calls.incrementAndGet() == 1) {
                // someone else edits the resource between the worker's read and its patch
                var edited = api.read(target);
                @SuppressWarnings("unchecked")
                var spec = (Map<String, Object>) edited.getAdditionalProperties().get("spec");
                spec.put("pause", false);
                spec.put("replsets", List.of(Map.of("name", "rs0", "size", 5)));
                api.client.genericKubernetesResources(PerconaCluster.API_VERSION, PerconaCluster.KIND)
                        .inNamespace("mongo").resource(edited).update();
            }
            return Map.of("spec", Map.of("tls", Map.of("mode", "allowTLS")));
        });

        assertThat(patched).isTrue();
        assertThat(calls).as("refused once on the stale resourceVersion, computed again").hasValue(2);
        var now = api.read(target);
        assertThat((Object) now.get("spec", "tls", "mode")).isEqualTo("allowTLS");
        assertThat((Object) now.get("spec", "pause")).isEqualTo(false);
        assertThat((Object) now.get("spec", "replsets", 0, "size")).isEqualTo(5);
    }

    @Test
    void aRolloutThatStaysInErrorFailsTheStepWithThePerconaOperatorsMessage() {
        standIn.failWith("failed to reconcile: pod orders-rs0-2: back-off restarting failed container");
        var plan = new OperationPlan(OperationKind.ENABLE, EngineVersion.V4_2, Procedures.enable(false),
                new TestCa("CA", "EC").pem(), null, null);

        String csr = operator.createCsr(instance, nodes.get(0), HOSTS).block();
        assertThat(csr).doesNotContain("PRIVATE KEY");
        String chain = new TestCa("CA", "EC").sign(csr);
        assertThatThrownBy(() -> step(plan, plan.pass(1), nodes.get(2), chain))
                .isInstanceOfSatisfying(NodeOperatorException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo(NodeFailureCode.NODE_START_FAILED);
                    assertThat(e.getMessage()).contains("back-off restarting failed container");
                });
        standIn.clearFailure();
        // Retry, once the Percona operator has left error: the same change, found applied, rolls on to ready
        await().atMost(Duration.ofSeconds(10)).until(() -> !"error".equals(
                String.valueOf((Object) api.read(target).get("status", "state"))));
        step(plan, plan.pass(1), nodes.get(2), chain);
        assertThat(mode()).isEqualTo("allowTLS");
    }

    @Test
    void aKubeconfigOutsideTheCredentialsDirectoryIsNeverOpened() {
        var outside = new InstanceRef("rs-orders", 10, EngineVersion.V4_2, NodeOperatorTarget.percona(
                new PerconaTarget("mongo", "orders", null, "/etc/passwd")));
        var linked = new InstanceRef("rs-orders", 10, EngineVersion.V4_2, NodeOperatorTarget.percona(
                new PerconaTarget("mongo", "orders", null, credentials.resolve("../elsewhere").toString())));

        for (var instance : List.of(outside, linked)) {
            assertThatThrownBy(() -> operator.trustedCaSerials(instance, nodes.get(0)).block())
                    .isInstanceOfSatisfying(NodeOperatorException.class, e -> assertThat(e.retryable()).isFalse())
                    .hasMessageContaining("is outside the worker's credentials directory");
        }
    }

    /** The passes of {@code plan} as the engine runs them: one certificate for all, each node's step in turn. */
    private String run(OperationPlan plan, TestCa ca) {
        return run(plan, ca, new ArrayList<>());
    }

    private String run(OperationPlan plan, TestCa ca, List<Map<String, String>> perPass) {
        String chain = null;
        if (plan.certificatePass().isPresent()) {
            List<String> names = operator.sharedCertificateNames(instance, nodes).orElseThrow();
            assertThat(names).containsExactlyInAnyOrderElementsOf(HOSTS);
            String csr = operator.createCsr(instance, nodes.get(1), names).block();
            chain = ca.sign(csr) + ca.pem();
        }
        for (Pass pass : plan.passes()) {
            for (NodeSpec node : List.of(nodes.get(1), nodes.get(2), nodes.get(0))) {
                step(plan, pass, node, pass.issuesCertificates() ? chain : null);
            }
            perPass.add(secret("orders-ssl"));
        }
        return chain;
    }

    /** One node step: what the engine does, retrying the operator's "not yet" within a step timeout. */
    private void step(OperationPlan plan, Pass pass, NodeSpec node, String chain) {
        operator.restart(instance, node, plan.nodeConfig(pass, chain))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(100))
                        .filter(e -> e instanceof NodeOperatorException n && n.retryable()))
                .timeout(Duration.ofSeconds(30))
                .onErrorMap(e -> e.getCause() instanceof NodeOperatorException n ? n : e)
                .block();
    }

    private String mode() {
        return String.valueOf((Object) api.read(target).get("spec", "tls", "mode"));
    }

    private Map<String, String> secret(String name) {
        return new PerconaCluster(api.client, target).secretData(name);
    }
}
