package dev.sslplane.worker.node.percona;

import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.PerconaTarget;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeTlsConfig;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Percona Operator for MongoDB on Kubernetes: the instance is a {@code PerconaServerMongoDB} custom resource, and
 * the Percona operator, not the worker, restarts its pods (secondaries first, the primary stepped down last) when
 * {@code spec.tls.mode} or the TLS secrets change. One secret pair serves every member, so a pass's change is one
 * cluster-level change: every node step of a pass first makes the cluster look as the pass wants it
 * ({@link PassChange}, idempotent: the first step changes it, the others find it changed), then waits until that
 * node's member has restarted with it ({@link RolloutWatch}). Each unmet wait is a retryable failure, so the engine
 * asks again within the step timeout, and the last state is the timeout's reason.
 *
 * <p>It never deletes a pod, never touches anything of the resource but {@code spec.tls.mode} and
 * {@code spec.unsafeFlags.tls} (backups included), and never deletes a secret.
 */
public class PerconaNodeOperator implements NodeOperator, AutoCloseable {

    private static final Duration LOOK_INTERVAL = Duration.ofMillis(250);
    private static final int LOOKS = 12;

    private final KubernetesClients clients;
    private final ClusterKeys keys = new ClusterKeys();
    private final PassChange passChange = new PassChange(keys);
    private final RolloutWatch rollouts;

    public PerconaNodeOperator(PerconaSettings settings) {
        this(settings, Clock.systemUTC());
    }

    PerconaNodeOperator(PerconaSettings settings, Clock clock) {
        this.clients = new KubernetesClients(settings);
        this.rollouts = new RolloutWatch(settings.errorGrace(), clock);
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
        return blocking(() -> {
            PerconaCluster cluster = cluster(instance);
            PassChange.Applied applied = passChange.apply(cluster, instance, config);
            return new Pending(cluster, rollouts.of(instance.instanceId(), applied));
        }).flatMap(pending -> blocking(() -> {
            rollouts.awaitMember(pending.cluster(), pending.rollout(), node);
            return true;
        }).retryWhen(Retry.fixedDelay(LOOKS, LOOK_INTERVAL).filter(RolloutWatch.NotYet.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))).then();
    }

    private record Pending(PerconaCluster cluster, RolloutWatch.Rollout rollout) {
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
            if ("disabled".equals(PassChange.mode(cluster.read()))) {
                return List.<String>of();
            }
            return serials(cluster.secretData(cluster.target.sslSecret()).get("ca.crt"));
        });
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

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void close() {
        clients.close();
    }
}
