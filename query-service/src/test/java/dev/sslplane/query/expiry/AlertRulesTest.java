package dev.sslplane.query.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.contracts.model.ExpiryState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules shipped in {@code deploy/k8s/monitoring} (a PrometheusRule): well-formed, and each selects series the query service
 * really exports, with label values it really uses, so a rename on either side fails here.
 */
class AlertRulesTest {

    private static final Path RULES = Path.of("..", "deploy", "k8s", "monitoring", "sslplane-alerts.yaml");
    private static final Pattern METRIC = Pattern.compile("\\bsslplane_[a-z_]+");
    private static final Pattern STATE = Pattern.compile("state=\"([A-Z_]+)\"");

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleIsCompleteAndSelectsExportedSeries() throws IOException {
        List<Map<String, Object>> rules = rules();
        String scrape = scrapeWithEveryState();

        assertThat(rules).extracting(r -> r.get("alert")).containsExactlyInAnyOrder(
                "SslplaneCertificateRenewSoon", "SslplaneCertificateExpired",
                "SslplaneCertificateExpiryMetricsMissing");
        for (Map<String, Object> rule : rules) {
            String expr = (String) rule.get("expr");
            assertThat(rule).as(rule.get("alert") + "").containsKeys("for", "labels", "annotations");
            assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
            assertThat((Map<String, Object>) rule.get("annotations")).containsKeys("summary", "description");
            var metrics = METRIC.matcher(expr).results().map(m -> m.group()).toList();
            assertThat(metrics).as(expr).isNotEmpty();
            metrics.forEach(metric -> assertThat(scrape).as(expr).contains(metric + "{"));
            STATE.matcher(expr).results().forEach(m -> assertThat(ExpiryState.valueOf(m.group(1))).isNotNull());
        }
    }

    @Test
    void renewSoonAndExpiredFireOnTheSeriesOfSuchACertificate() throws IOException {
        String scrape = scrapeWithEveryState();
        for (Map<String, Object> rule : rules()) {
            var state = STATE.matcher((String) rule.get("expr"));
            if (state.find()) {
                assertThat(scrape).as(rule.get("alert") + " has a series to fire on").containsPattern(
                        "sslplane_certificate_expiry_state\\{[^}]*state=\"" + state.group(1) + "\"} 1");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        Map<String, Object> rule = new Yaml().load(Files.readString(RULES));
        assertThat(rule.get("kind")).isEqualTo("PrometheusRule");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec"))
                .get("groups");
        assertThat(groups).isNotEmpty();
        return groups.stream().flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).toList();
    }

    private static String scrapeWithEveryState() {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new CertificateExpiryGauges(new ExpiryPolicy(2.0 / 3, Duration.ofDays(30)), registry).update(List.of(
                CertificateExpiryGaugesTest.instance("rs-a", Duration.ofDays(10), "n1", Duration.ofDays(-1)),
                CertificateExpiryGaugesTest.instance("rs-b", Duration.ofDays(3000), "n1", Duration.ofDays(3000))),
                CertificateExpiryGaugesTest.NOW);
        return registry.scrape();
    }
}
