package dev.sslplane.query.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.query.readmodel.InstanceDoc;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expiry gauges as Prometheus scrapes them. */
class CertificateExpiryGaugesTest {

    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CertificateExpiryGauges gauges =
            new CertificateExpiryGauges(new ExpiryPolicy(2.0 / 3, Duration.ofDays(30)), registry);

    @Test
    void eachCurrentCertificateHasItsSecondsLeftAndState() {
        gauges.update(List.of(instance("rs-a", Duration.ofDays(10), "n1", Duration.ofDays(-2))), NOW);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("sslplane_certificate_expiry_seconds{instance_id=\"rs-a\",kind=\"ca\",node=\"\"} 864000")
                .contains("sslplane_certificate_expiry_seconds{instance_id=\"rs-a\",kind=\"node\",node=\"n1\"} -172800")
                .contains("sslplane_certificate_expiry_state{instance_id=\"rs-a\",kind=\"ca\",node=\"\","
                        + "state=\"RENEW_SOON\"} 1")
                .contains("sslplane_certificate_expiry_state{instance_id=\"rs-a\",kind=\"node\",node=\"n1\","
                        + "state=\"EXPIRED\"} 1")
                .contains("sslplane_certificates{kind=\"ca\",state=\"RENEW_SOON\"} 1")
                .contains("sslplane_certificates{kind=\"node\",state=\"EXPIRED\"} 1")
                .contains("sslplane_certificates{kind=\"node\",state=\"OK\"} 0");
    }

    @Test
    void anInstanceThatLostItsCertificatesLosesItsRows() {
        gauges.update(List.of(instance("rs-a", Duration.ofDays(300), "n1", Duration.ofDays(300))), NOW);
        assertThat(registry.scrape()).contains("instance_id=\"rs-a\"");

        gauges.update(List.of(), NOW.plusSeconds(60));

        assertThat(registry.scrape()).doesNotContain("instance_id=\"rs-a\"")
                .contains("sslplane_certificates{kind=\"node\",state=\"OK\"} 0");
    }

    /** An instance whose CA and node certificate, issued a year ago, end {@code caLeft}/{@code nodeLeft} from now. */
    static InstanceDoc instance(String id, Duration caLeft, String node, Duration nodeLeft) {
        var doc = new InstanceDoc(id);
        doc.sslStatus = "ENABLED";
        Instant issued = NOW.minus(Duration.ofDays(365));
        doc.currentCa = new InstanceDoc.CaSummary("ca-" + id, "FP", "CN=ca", issued, NOW.plus(caLeft), "EC-P256");
        var member = new InstanceDoc.NodeDoc();
        member.name = node;
        member.certificate = new InstanceDoc.NodeCertificate("leaf-" + node, "FP", issued, NOW.plus(nodeLeft),
                "EC-P256", "ca-" + id, "op-1");
        doc.nodes.add(member);
        var withoutCertificate = new InstanceDoc.NodeDoc();
        withoutCertificate.name = node + "-new";
        doc.nodes.add(withoutCertificate);
        return doc;
    }
}
