package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.security.LocalTokens;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus Operator overlay ({@code deploy/k8s/monitoring}): it builds on the base, its PodMonitor reaches
 * every service's pods on a port they expose, and it scrapes with a token of the role that may read metrics.
 */
class MonitoringManifestsTest {

    private static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();
    private static final Path MONITORING = K8S.resolve("monitoring");

    @Test
    void theOverlayIsTheBasePlusThePodMonitorTheRulesAndTheScrapeToken() throws IOException {
        Map<String, Object> overlay = single(MONITORING.resolve("kustomization.yaml"));
        Map<String, Object> base = single(K8S.resolve("kustomization.yaml"));
        assertThat(overlay.get("namespace")).isEqualTo(base.get("namespace"));
        List<String> resources = list(overlay.get("resources"));
        assertThat(resources).contains("..");
        for (String resource : resources) {
            assertThat(MONITORING.resolve(resource)).as("overlay resource").exists();
        }
        assertThat(resources.stream().filter(r -> !r.equals("..")).map(r -> {
            try {
                return (String) single(MONITORING.resolve(r)).get("kind");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder("Secret", "PodMonitor", "PrometheusRule");
    }

    @Test
    void thePodMonitorSelectsEveryServicePodOnAnExposedPortWithTheMetricsToken() throws IOException {
        Map<String, Object> monitor = single(MONITORING.resolve("pod-monitor.yaml"));
        Map<String, Object> spec = map(monitor.get("spec"));
        Map<String, Object> selector = map(map(spec.get("selector")).get("matchLabels"));
        Map<String, Object> endpoint = map(list(spec.get("podMetricsEndpoints")).get(0));
        assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");

        List<String> selected = new ArrayList<>();
        for (String service : List.of("command-service", "restart-worker", "query-service")) {
            for (Object document : all(K8S.resolve(service + ".yaml"))) {
                Map<String, Object> object = map(document);
                if (!"Deployment".equals(object.get("kind"))) {
                    continue;
                }
                Map<String, Object> template = map(map(object.get("spec")).get("template"));
                assertThat(map(map(template.get("metadata")).get("labels"))).as(service)
                        .containsAllEntriesOf(selector);
                Map<String, Object> container = map(list(map(template.get("spec")).get("containers")).get(0));
                assertThat(list(container.get("ports")).stream().map(p -> map(p).get("name")))
                        .as(service + " ports").contains(endpoint.get("port"));
                selected.add(service);
            }
        }
        assertThat(selected).containsExactlyInAnyOrder("command-service", "restart-worker", "query-service");

        Map<String, Object> credentials = map(map(endpoint.get("authorization")).get("credentials"));
        Path secretFile = MONITORING.resolve("metrics-token-secret.yaml");
        Map<String, Object> secret = single(secretFile);
        assertThat(map(secret.get("metadata")).get("name")).isEqualTo(credentials.get("name"));
        assertThat(map(secret.get("stringData"))).containsKey((String) credentials.get("key"));
        // the documented way to fill it takes the metrics role's plain token from LocalTokens' file
        assertThat(Files.readString(secretFile)).contains("jq -r ." + Role.METRICS.configName() + " ");
    }

    @Test
    void theLocalTokensIncludeOneForTheMetricsRole(@TempDir Path dir) throws IOException {
        assertThat(LocalTokens.ensure(dir)).containsKey(Role.METRICS.configName());
    }

    private static Map<String, Object> single(Path file) throws IOException {
        List<Object> documents = all(file);
        assertThat(documents).as(file.toString()).hasSize(1);
        return map(documents.get(0));
    }

    private static List<Object> all(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        new Yaml().loadAll(Files.readString(file)).forEach(documents::add);
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<T>) value;
    }
}
