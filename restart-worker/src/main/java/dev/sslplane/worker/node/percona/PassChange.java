package dev.sslplane.worker.node.percona;

import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.CertificateChange;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeTlsConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a cluster look as a pass wants it, idempotently: the secrets {@code <name>-ssl-internal} and
 * {@code <name>-ssl} ({@code tls.crt}, {@code tls.key}, {@code ca.crt}), then {@code spec.tls.mode} (with
 * {@code spec.unsafeFlags.tls: true} for {@code disabled}, which the Percona operator refuses otherwise). The first
 * node step of a pass changes them; the others, and a retried run, find them changed.
 */
final class PassChange {

    private static final Logger log = LoggerFactory.getLogger(PassChange.class);

    /**
     * @param change  identifies the pass's target state (mode and the digests of certificate and CA, not the key)
     * @param changed whether this call changed anything
     */
    record Applied(String change, boolean changed) {
    }

    private final ClusterKeys keys;

    PassChange(ClusterKeys keys) {
        this.keys = keys;
    }

    Applied apply(PerconaCluster cluster, InstanceRef instance, NodeTlsConfig config) {
        String mode = perconaMode(config.mode());
        Map<String, String> secret = desiredSecret(instance, cluster, config);
        boolean changed = false;
        if (!secret.isEmpty()) {
            // the internal secret first: members must trust what the others present before clients see it
            changed |= cluster.writeSecret(cluster.target.sslInternalSecret(), secret);
            changed |= cluster.writeSecret(cluster.target.sslSecret(), secret);
            if (secret.containsKey("tls.crt")) {
                keys.written(instance.instanceId(), secret.get("tls.crt"));
            }
        }
        changed |= cluster.patch(current -> modePatch(current, mode, cluster));
        if (changed) {
            log.info("{}: pass change applied for {} (tls.mode {}{}); waiting for the Percona operator's rollout",
                    cluster.describe(), instance.instanceId(), mode, secret.isEmpty() ? "" : ", TLS secrets updated");
        }
        return new Applied(digest(mode, secret), changed);
    }

    /** What both secrets must hold after this step; empty when the pass changes neither certificate nor CA. */
    private Map<String, String> desiredSecret(InstanceRef instance, PerconaCluster cluster, NodeTlsConfig config) {
        boolean newCertificate = config.certificate().change() == CertificateChange.NEW;
        boolean newCa = config.caFile().kind() == NodeTlsConfig.CaFile.Kind.REPLACE;
        if (!newCertificate && !newCa) {
            return Map.of();
        }
        Map<String, String> current = cluster.secretData(cluster.target.sslSecret());
        var data = new LinkedHashMap<String, String>();
        if (newCertificate) {
            String chain = config.certificate().chainPem();
            data.put("tls.crt", chain);
            if (Objects.equals(current.get("tls.crt"), chain) && current.containsKey("tls.key")) {
                data.put("tls.key", current.get("tls.key"));
            } else {
                data.put("tls.key", keys.keyFor(instance.instanceId(), chain).orElseThrow(() ->
                        new NodeOperatorException("this worker holds no key for the certificate of "
                                + instance.instanceId() + " (made by a run that ended); a retry makes a new key and"
                                + " CSR", false)));
            }
        } else {
            if (current.get("tls.crt") == null || current.get("tls.key") == null) {
                throw new NodeOperatorException("secret " + cluster.target.sslSecret() + " holds no tls.crt and"
                        + " tls.key to keep", false);
            }
            data.put("tls.crt", current.get("tls.crt"));
            data.put("tls.key", current.get("tls.key"));
        }
        data.put("ca.crt", newCa ? config.caFile().pem() : Objects.requireNonNullElse(current.get("ca.crt"), ""));
        return data;
    }

    private static Map<String, Object> modePatch(GenericKubernetesResource current, String mode,
                                                 PerconaCluster cluster) {
        boolean unsafeNeeded = "disabled".equals(mode);
        boolean unsafeSet = Boolean.TRUE.equals(current.get("spec", "unsafeFlags", "tls"));
        if (mode.equals(mode(current)) && (!unsafeNeeded || unsafeSet)) {
            return null;
        }
        var spec = new LinkedHashMap<String, Object>();
        spec.put("tls", Map.of("mode", mode));
        if (unsafeNeeded && !unsafeSet) {
            spec.put("unsafeFlags", Map.of("tls", true));
            log.warn("{}: setting spec.unsafeFlags.tls: true, which the Percona operator requires for tls.mode"
                    + " disabled; the worker leaves it set afterwards", cluster.describe());
        }
        return Map.of("spec", spec);
    }

    static String mode(GenericKubernetesResource resource) {
        return Objects.toString(resource.get("spec", "tls", "mode"), null);
    }

    static String perconaMode(TlsMode mode) {
        return switch (mode) {
            case DISABLED -> "disabled";
            case ALLOW -> "allowTLS";
            case PREFER -> "preferTLS";
            case REQUIRE -> "requireTLS";
        };
    }

    /** Identifies a change without holding it: the mode and digests of the certificate and the CA (not the key). */
    private static String digest(String mode, Map<String, String> secret) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(mode.getBytes(StandardCharsets.UTF_8));
            for (String key : List.of("tls.crt", "ca.crt")) {
                sha.update((byte) 0);
                sha.update(Objects.toString(secret.get(key), "").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
