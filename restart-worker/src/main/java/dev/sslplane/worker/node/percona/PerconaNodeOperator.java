package dev.sslplane.worker.node.percona;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.PerconaTarget;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.CertificateChange;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeTlsConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Percona Operator for MongoDB on Kubernetes: the instance is a {@code PerconaServerMongoDB} custom resource, and
 * the Percona operator, not the worker, restarts its pods (secondaries first, the primary stepped down last) when
 * {@code spec.tls.mode} or the TLS secrets change. One secret pair serves every member, so a pass's change is one
 * cluster-level change:
 *
 * <ul>
 *   <li>every node step of a pass first makes the cluster look as the pass wants it, idempotently: the secrets
 *       {@code <name>-ssl-internal} and {@code <name>-ssl} ({@code tls.crt}, {@code tls.key}, {@code ca.crt}),
 *       then {@code spec.tls.mode} (with {@code spec.unsafeFlags.tls: true} for {@code disabled}, which the Percona
 *       operator refuses otherwise), each a merge patch under an optimistic lock. The first step changes them, the
 *       others find them changed;</li>
 *   <li>then the step waits, in {@code status}, until that node's member has restarted with the change: seen down
 *       or unhealthy in {@code status.replsets.<rs>.members} since the change and healthy again, or the whole
 *       rollout done ({@code status.state} {@code ready} after it was seen otherwise). Each unmet wait is a retryable
 *       failure, so the engine asks again within the step timeout, and the last state is the timeout's reason;
 *       {@code error} for longer than the error grace fails the step with the Percona operator's own message.</li>
 * </ul>
 *
 * <p>It never deletes a pod, never touches anything of the resource but {@code spec.tls.mode} and
 * {@code spec.unsafeFlags.tls} (backups included), and never deletes a secret.
 */
public class PerconaNodeOperator implements NodeOperator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PerconaNodeOperator.class);
    private static final Set<String> HEALTHY_MEMBER = Set.of("PRIMARY", "SECONDARY", "ARBITER");
    /**
     * The engine asks again at most 5 s apart within a step; a longer silence means a new step (a retried
     * operation), for which the error grace starts anew.
     */
    private static final Duration NEW_LOOK = Duration.ofSeconds(15);
    private static final Duration LOOK_INTERVAL = Duration.ofMillis(250);
    private static final int LOOKS = 12;

    /** The change a pass is rolling out on an instance, and what the worker has seen of the rollout since. */
    private static final class Rollout {
        final String change;
        volatile boolean sawNotReady;
        final Set<String> membersSeenDown = ConcurrentHashMap.newKeySet();
        volatile Instant errorSince;
        volatile Instant lastLook;

        Rollout(String change, boolean sawNotReady) {
            this.change = change;
            this.sawNotReady = sawNotReady;
        }
    }

    private final KubernetesClients clients;
    private final PerconaSettings settings;
    private final ClusterKeys keys = new ClusterKeys();
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    private final Clock clock;

    public PerconaNodeOperator(PerconaSettings settings) {
        this(settings, Clock.systemUTC());
    }

    PerconaNodeOperator(PerconaSettings settings, Clock clock) {
        this.settings = settings;
        this.clients = new KubernetesClients(settings);
        this.clock = clock;
    }

    @Override
    public Optional<List<String>> sharedCertificateNames(InstanceRef instance, List<NodeSpec> nodes) {
        return Optional.of(PerconaTarget.sharedNames(nodes));
    }

    @Override
    public boolean stepsDownPrimaryItself(InstanceRef instance) {
        return true;
    }

    @Override
    public Mono<String> createCsr(InstanceRef instance, NodeSpec node, List<String> subjectAltNames) {
        return blocking(() -> {
            if (subjectAltNames.isEmpty()) {
                throw new NodeOperatorException("the nodes of " + instance.instanceId() + " share no name, so no"
                        + " certificate can serve every member: register every member's host among each node's"
                        + " names", false);
            }
            return keys.newCsr(instance.instanceId(), target(instance).name(), subjectAltNames);
        });
    }

    /**
     * Applies the pass's change, then looks at the status every {@link #LOOK_INTERVAL} for up to {@link #LOOKS}
     * times (a timer between looks, no thread held) before answering "not yet" to the engine, whose back-off grows
     * to seconds: so a step ends within a fraction of a second of its member's restart.
     */
    @Override
    public Mono<Void> restart(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        return blocking(() -> apply(instance, config))
                .flatMap(applied -> blocking(() -> {
                    awaitMember(applied.cluster(), applied.rollout(), node);
                    return true;
                }).retryWhen(Retry.fixedDelay(LOOKS, LOOK_INTERVAL).filter(NotYet.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure())))
                .then();
    }

    /** The rollout has not reached the node yet: worth asking again. */
    private static final class NotYet extends NodeOperatorException {
        NotYet(String message) {
            super(message, true);
        }
    }

    private record Applied(PerconaCluster cluster, Rollout rollout) {
    }

    @Override
    public Mono<Void> persistMode(InstanceRef instance, NodeSpec node, NodeTlsConfig config) {
        // the Percona operator has no runtime change: a new mode is a rollout of the pods, as for a restart pass
        return restart(instance, node, config);
    }

    @Override
    public Mono<List<String>> trustedCaSerials(InstanceRef instance, NodeSpec node) {
        return blocking(() -> {
            PerconaCluster cluster = cluster(instance);
            if ("disabled".equals(mode(cluster.read()))) {
                return List.<String>of();
            }
            return serials(cluster.secretData(cluster.target.sslSecret()).get("ca.crt"));
        });
    }

    private Applied apply(InstanceRef instance, NodeTlsConfig config) {
        PerconaCluster cluster = cluster(instance);
        String mode = perconaMode(config.mode());
        Map<String, String> secret = desiredSecret(instance, cluster, config);
        String change = digest(mode, secret);
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
        Rollout rollout;
        if (changed) {
            rollout = new Rollout(change, false);
            rollouts.put(instance.instanceId(), rollout);
            log.info("{}: pass change applied for {} (tls.mode {}{}); waiting for the Percona operator's rollout",
                    cluster.describe(), instance.instanceId(), mode, secret.isEmpty() ? "" : ", TLS secrets updated");
        } else {
            // already applied, by an earlier step or run: what was seen of its rollout so far still counts
            rollout = rollouts.compute(instance.instanceId(), (id, known) ->
                    known != null && known.change.equals(change) ? known : new Rollout(change, true));
        }
        return new Applied(cluster, rollout);
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

    private Map<String, Object> modePatch(GenericKubernetesResource current, String mode, PerconaCluster cluster) {
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

    private void awaitMember(PerconaCluster cluster, Rollout rollout, NodeSpec node) {
        GenericKubernetesResource current = cluster.read();
        String state = Objects.toString(current.get("status", "state"), "unknown");
        Map<String, String> members = members(current, cluster.target);
        members.forEach((name, memberState) -> {
            if (!HEALTHY_MEMBER.contains(memberState)) {
                rollout.membersSeenDown.add(name);
            }
        });
        String member = memberOf(node, members.keySet(), cluster.target);
        if (member == null) {
            if (!members.isEmpty()) {
                rollout.membersSeenDown.add(node.name());
            }
        }
        if (!"ready".equals(state)) {
            rollout.sawNotReady = true;
        }
        Instant now = clock.instant();
        if (rollout.lastLook == null || Duration.between(rollout.lastLook, now).compareTo(NEW_LOOK) > 0) {
            rollout.errorSince = null;
        }
        rollout.lastLook = now;
        if ("error".equals(state)) {
            Instant since = rollout.errorSince == null ? now : rollout.errorSince;
            rollout.errorSince = since;
            String message = message(current);
            if (Duration.between(since, clock.instant()).compareTo(settings.errorGrace()) >= 0) {
                throw new NodeOperatorException("the Percona operator reports error for " + cluster.describe()
                        + " (for " + Duration.between(since, clock.instant()).toSeconds() + " s): " + message, false,
                        NodeFailureCode.NODE_START_FAILED);
            }
            throw new NotYet("the Percona operator reports error for " + cluster.describe() + ": " + message);
        }
        rollout.errorSince = null;
        boolean healthy = member != null ? HEALTHY_MEMBER.contains(members.get(member)) : members.isEmpty();
        boolean restarted = member != null && rollout.membersSeenDown.contains(member)
                || rollout.membersSeenDown.contains(node.name());
        boolean rolledOut = "ready".equals(state) && rollout.sawNotReady;
        if (healthy && (restarted || rolledOut)) {
            return;
        }
        String why = !rollout.sawNotReady ? "the rollout has not begun (status.state " + state + ")"
                : "status.state " + state + ", member " + (member == null ? node.name() + " not listed"
                : member + " " + members.get(member)) + (restarted ? "" : ", not restarted yet");
        String words = message(current);
        throw new NotYet("waiting for the Percona operator to roll " + cluster.describe() + " out: " + why
                + (words.isEmpty() ? "" : " (" + words + ")"));
    }

    /** Members of the replica set in status, by name, with their state word ({@code PRIMARY}, ...). */
    @SuppressWarnings("unchecked")
    static Map<String, String> members(GenericKubernetesResource resource, PerconaTarget target) {
        Object raw = resource.get("status", "replsets", target.replsetName(), "members");
        var members = new LinkedHashMap<String, String>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((key, value) -> members.put(String.valueOf(key),
                    stateOf(value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of())));
        } else if (raw instanceof List<?> list) {
            for (Object value : list) {
                if (value instanceof Map<?, ?> m && m.get("name") != null) {
                    members.put(String.valueOf(m.get("name")), stateOf((Map<String, Object>) m));
                }
            }
        }
        return members;
    }

    private static String stateOf(Map<String, Object> member) {
        Object word = member.get("stateStr");
        if (word == null) {
            word = member.get("state");
        }
        return word == null ? "UNKNOWN" : String.valueOf(word).toUpperCase();
    }

    /** The status entry of a node: its name, the pod name {@code <cluster>-<node>}, or its host:port. */
    static String memberOf(NodeSpec node, Iterable<String> members, PerconaTarget target) {
        for (String name : members) {
            if (name.equals(node.name()) || name.equals(target.name() + "-" + node.name())
                    || name.equals(node.host() + ":" + node.port())) {
                return name;
            }
        }
        return null;
    }

    private static String mode(GenericKubernetesResource resource) {
        return Objects.toString(resource.get("spec", "tls", "mode"), null);
    }

    /** The Percona operator's own words about its state: {@code status.message}, else its latest condition's. */
    @SuppressWarnings("unchecked")
    static String message(GenericKubernetesResource resource) {
        Object message = resource.get("status", "message");
        if (message != null && !String.valueOf(message).isBlank()) {
            return String.valueOf(message);
        }
        Object conditions = resource.get("status", "conditions");
        if (conditions instanceof List<?> list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i) instanceof Map<?, ?> c && c.get("message") != null
                        && !String.valueOf(c.get("message")).isBlank()) {
                    return String.valueOf(c.get("message"));
                }
            }
        }
        return "";
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

    static List<String> serials(String caPem) {
        var serials = new ArrayList<String>();
        if (caPem == null) {
            return serials;
        }
        try (var reader = new PemReader(new StringReader(caPem))) {
            for (PemObject pem = reader.readPemObject(); pem != null; pem = reader.readPemObject()) {
                if ("CERTIFICATE".equals(pem.getType())) {
                    serials.add(Certificate.getInstance(pem.getContent()).getSerialNumber().getValue().toString(16));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new NodeOperatorException("ca.crt is not a PEM list of certificates", false);
        }
        return serials;
    }

    private PerconaCluster cluster(InstanceRef instance) {
        PerconaTarget target = target(instance);
        return new PerconaCluster(clients.forTarget(target), target);
    }

    private static PerconaTarget target(InstanceRef instance) {
        if (instance.operator() == null || instance.operator().percona() == null) {
            throw new NodeOperatorException("instance " + instance.instanceId() + " names no PerconaServerMongoDB"
                    + " (operator.percona in its registration)", false);
        }
        return instance.operator().percona();
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void close() {
        clients.close();
    }
}
