package dev.sslplane.query.expiry;

import dev.sslplane.contracts.model.ExpiryPolicy;
import dev.sslplane.contracts.model.ExpiryState;
import dev.sslplane.query.readmodel.InstanceDoc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The certificate expiry gauges, set from the instances' status documents:
 * <ul>
 *   <li>{@code sslplane_certificate_expiry_seconds{instance_id, kind, node}}: seconds until {@code notAfter}
 *   (negative once expired) of each current CA ({@code kind="ca"}, {@code node=""}) and node certificate;</li>
 *   <li>{@code sslplane_certificate_expiry_state{instance_id, kind, node, state}}: 1 for the state it is in;</li>
 *   <li>{@code sslplane_certificates{kind, state}}: how many certificates are in each state (0 included).</li>
 * </ul>
 * The label is {@code instance_id}, not {@code instance}: Prometheus sets {@code instance} to the scraped target.
 */
public final class CertificateExpiryGauges {

    static final String KIND_CA = "ca";
    static final String KIND_NODE = "node";

    private final ExpiryPolicy policy;
    private final MultiGauge secondsLeft;
    private final MultiGauge states;
    private final MultiGauge counts;

    public CertificateExpiryGauges(ExpiryPolicy policy, MeterRegistry registry) {
        this.policy = policy;
        this.secondsLeft = MultiGauge.builder("sslplane.certificate.expiry").baseUnit("seconds")
                .description("seconds until the certificate's notAfter; negative once expired").register(registry);
        this.states = MultiGauge.builder("sslplane.certificate.expiry.state")
                .description("1 for the expiry state the certificate is in (OK, RENEW_SOON, EXPIRED)")
                .register(registry);
        this.counts = MultiGauge.builder("sslplane.certificates")
                .description("current CA and node certificates by kind and expiry state").register(registry);
    }

    /** Replaces every row with what {@code instances} hold at {@code now}; instances without SSL have none. */
    public void update(List<InstanceDoc> instances, Instant now) {
        var seconds = new ArrayList<MultiGauge.Row<?>>();
        var stateRows = new ArrayList<MultiGauge.Row<?>>();
        Map<String, Map<ExpiryState, Integer>> byKind = Map.of(KIND_CA, zeros(), KIND_NODE, zeros());
        for (InstanceDoc instance : instances) {
            if (instance.currentCa != null) {
                var ca = instance.currentCa;
                add(instance.instanceId, KIND_CA, "", policy.at(ca.notBefore(), ca.notAfter(), now), seconds,
                        stateRows, byKind);
            }
            for (InstanceDoc.NodeDoc node : instance.nodes) {
                if (node.certificate != null) {
                    var c = node.certificate;
                    add(instance.instanceId, KIND_NODE, node.name, policy.at(c.notBefore(), c.notAfter(), now),
                            seconds, stateRows, byKind);
                }
            }
        }
        var countRows = new ArrayList<MultiGauge.Row<?>>();
        byKind.forEach((kind, byState) -> byState.forEach((state, count) ->
                countRows.add(MultiGauge.Row.of(Tags.of("kind", kind, "state", state.name()), count))));
        secondsLeft.register(seconds, true);
        states.register(stateRows, true);
        counts.register(countRows, true);
    }

    private static void add(String instanceId, String kind, String node, ExpiryPolicy.Expiry expiry,
                            List<MultiGauge.Row<?>> seconds, List<MultiGauge.Row<?>> stateRows,
                            Map<String, Map<ExpiryState, Integer>> byKind) {
        Tags tags = Tags.of("instance_id", instanceId, "kind", kind, "node", node);
        seconds.add(MultiGauge.Row.of(tags, expiry.secondsLeft()));
        stateRows.add(MultiGauge.Row.of(tags.and("state", expiry.state().name()), 1));
        byKind.get(kind).merge(expiry.state(), 1, Integer::sum);
    }

    private static Map<ExpiryState, Integer> zeros() {
        var zeros = new EnumMap<ExpiryState, Integer>(ExpiryState.class);
        for (ExpiryState state : ExpiryState.values()) {
            zeros.put(state, 0);
        }
        return zeros;
    }
}
