package dev.sslplane.worker.config;

import dev.sslplane.security.MongoTlsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jakarta.validation.Validation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.web.reactive.function.client.WebClient;

class WorkerConfigTest {

    private static final String TOKEN = "sslp_secret-worker-token";

    @Test
    void theSignerIsNotBuiltWithoutTheWorkerToken() throws Exception {
        for (String missing : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> new WorkerConfig().certificateSigner(WebClient.builder(), properties(missing)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("SSLPLANE_WORKER_SIGNING_BEARER_TOKEN");
        }
        assertThat(new WorkerConfig().certificateSigner(WebClient.builder(), properties(TOKEN))).isNotNull();
    }

    @Test
    void theWorkerTokenMayComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("worker-token"), TOKEN + "\n");
        assertThat(new WorkerConfig().certificateSigner(WebClient.builder(), properties(null, file.toString())))
                .isNotNull();
        // a blank, missing or directory path is no token
        Path blank = Files.writeString(dir.resolve("blank"), "  \n");
        for (String unusable : new String[] {blank.toString(), dir.resolve("absent").toString(), dir.toString()}) {
            assertThatThrownBy(() -> new WorkerConfig().certificateSigner(WebClient.builder(),
                    properties(" ", unusable))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SSLPLANE_WORKER_SIGNING_BEARER_TOKEN_FILE");
        }
        assertThat(SecretSetting.read(null, file.toString())).contains(TOKEN);
        assertThat(SecretSetting.read("inline", file.toString())).as("inline wins").contains("inline");
    }

    @Test
    void tokensNeverShowInTheSettingsAsText() {
        WorkerProperties properties = properties(TOKEN);
        assertThat(properties.toString()).doesNotContain(TOKEN).doesNotContain("fleet-secret")
                .contains("bearerToken=<redacted>", "token=<redacted>", "http://command:8081");
        assertThat(properties(null).signing().toString()).contains("bearerToken=<unset>");
    }

    @Test
    void aWorkerIsToldWhichNodeOperatorsItServes() {
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            var validator = factory.getValidator();
            for (String missing : new String[] {null, "", "simulate", "kubernetes", "systemd,perconaa"}) {
                var violations = validator.validate(properties(TOKEN, "", missing));
                assertThat(violations).as(String.valueOf(missing)).isNotEmpty()
                        .allSatisfy(v -> assertThat(v.getMessage()).contains("sslplane.worker.node-operator",
                                "SSLPLANE_WORKER_NODE_OPERATOR"));
            }
            for (String served : new String[] {"local-fleet", "systemd", "systemd,local-fleet", "simulated", "percona",
                    "percona,systemd"}) {
                assertThat(validator.validate(properties(TOKEN, "", served))).as(served).isEmpty();
            }
        }
    }

    @Test
    void onlyTheLocalProfileDefaultsToSimulatedNodes() throws Exception {
        var yaml = new Yaml();
        try (var main = getClass().getResourceAsStream("/application.yml");
             var local = getClass().getResourceAsStream("/application-local.yml")) {
            assertThat(workerSettings(yaml.load(main)).get("node-operator")).isEqualTo("${SSLPLANE_WORKER_NODE_OPERATOR:}");
            assertThat(workerSettings(yaml.load(local)).get("node-operator"))
                    .isEqualTo("${SSLPLANE_WORKER_NODE_OPERATOR:simulated}");
        }
    }

    @Test
    void theStepTimeoutGrowsWithTheCollectionsBeyondTenThousand() {
        var settings = WorkerConfig.runSettings(properties(TOKEN));
        assertThat(settings.stepTimeout(100)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.stepTimeout(10_000)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.stepTimeout(10_999)).isEqualTo(Duration.ofMinutes(5).plusMillis(1_998));
        assertThat(settings.stepTimeout(40_000)).isEqualTo(Duration.ofMinutes(6));
        assertThat(settings.maxLag()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theJobStoreConnectionUsesTheNamedSslBundle() {
        var registry = new DefaultSslBundleRegistry();
        registry.registerBundle("mongo", SslBundle.of(SslStoreBundle.NONE));
        var tls = WorkerConfig.mongoClientSettings("mongodb://db:27017/sslplane_worker", new MongoTlsProperties("mongo"),
                registry);
        assertThat(tls.getSslSettings().isEnabled()).isTrue();
        assertThat(tls.getSslSettings().getContext()).isNotNull();

        var plain = WorkerConfig.mongoClientSettings("mongodb://db:27017/sslplane_worker", new MongoTlsProperties(""),
                registry);
        assertThat(plain.getSslSettings().isEnabled()).isFalse();
        assertThatThrownBy(() -> WorkerConfig.mongoClientSettings("mongodb://db:27017/x",
                new MongoTlsProperties("missing"), registry)).hasMessageContaining("missing");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> workerSettings(Map<String, Object> document) {
        return (Map<String, Object>) ((Map<String, Object>) document.get("sslplane")).get("worker");
    }

    private static WorkerProperties properties(String token) {
        return properties(token, "");
    }

    private static WorkerProperties properties(String token, String tokenFile) {
        return properties(token, tokenFile, "simulated");
    }

    private static WorkerProperties properties(String token, String tokenFile, String nodeOperator) {
        return new WorkerProperties("w1",
                new WorkerProperties.Mongo("mongodb://db:27017/sslplane_worker", "restart_jobs"),
                new WorkerProperties.Kafka("restart-worker", "dlt", 3, (short) 1),
                new WorkerProperties.Jobs(4, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(2),
                        Duration.ofMinutes(5), Duration.ofSeconds(2), null),
                new WorkerProperties.Health(Duration.ofMillis(500), Duration.ofSeconds(10)),
                new WorkerProperties.Signing("http://command:8081", token, tokenFile, Duration.ofSeconds(10)),
                nodeOperator == null ? null : List.of(nodeOperator.split(",", -1)).stream()
                        .filter(t -> !t.isEmpty()).toList(),
                new WorkerProperties.NodeClient(Duration.ofSeconds(2), Duration.ofSeconds(15)),
                new WorkerProperties.StepDown(Duration.ofSeconds(60), Duration.ofSeconds(10)),
                new WorkerProperties.Simulated(Duration.ofSeconds(30), Duration.ofSeconds(1), 10_000, 0.01, List.of()),
                new WorkerProperties.Fleet("http://fleet:8090", "fleet-secret", Path.of("/tmp/none"),
                        Duration.ofMinutes(2)),
                new WorkerProperties.Systemd(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5),
                        Path.of("/etc/sslplane/ssh")),
                new WorkerProperties.Percona(Path.of("/etc/sslplane/kube"), Duration.ofSeconds(30),
                        Duration.ofMinutes(2)));
    }
}
