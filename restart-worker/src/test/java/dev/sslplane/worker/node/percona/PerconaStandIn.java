package dev.sslplane.worker.node.percona;

import dev.sslplane.contracts.model.PerconaTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the Percona operator in tests: it watches (polls) one {@code PerconaServerMongoDB} and its two TLS secrets,
 * and when {@code spec.tls.mode} or a secret changes it rolls the members out one at a time, secondaries first and
 * the primary last (stepped down by the {@link Members} it drives), writing what Percona writes:
 * {@code status.state} {@code initializing} → {@code ready}, and each member's {@code stateStr} in
 * {@code status.replsets.<rs>.members} going down and back. {@code disabled} without {@code spec.unsafeFlags.tls}
 * is refused with {@code error}, as the Percona operator refuses it; {@link #failWith} holds the next rollout in {@code error} with a
 * message until {@link #clearFailure}. It never touches {@code spec}.
 */
public final class PerconaStandIn implements AutoCloseable {

    /** Where the members run: what "restarting a pod" does to them. */
    public interface Members {

        /** The members in the order Percona rolls them: secondaries first, the primary last. */
        List<String> rollingOrder();

        /** Restarts one member with the mode and the secret's files; returns once it runs again. */
        void restart(String member, String mode, Map<String, String> secret) throws Exception;

        /** The member's state word once it runs again ({@code PRIMARY}, {@code SECONDARY}). */
        String stateAfterRestart(String member);
    }

    /** One rollout as the stand-in ran it: the mode, the secret it mounted, and the members in order. */
    public record RolledOut(String mode, Map<String, String> secret, List<String> members) {
    }

    private final KubernetesClient client;
    private final PerconaTarget target;
    private final Members members;
    private final Thread thread;
    private final List<RolledOut> rollouts = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile String failure;

    public PerconaStandIn(KubernetesClient client, PerconaTarget target, Members members) {
        this.client = client;
        this.target = target;
        this.members = members;
        this.thread = new Thread(this::loop, "percona-stand-in-" + target.name());
        this.thread.setDaemon(true);
    }

    public PerconaStandIn start() {
        thread.start();
        return this;
    }

    public List<RolledOut> rollouts() {
        return List.copyOf(rollouts);
    }

    /** The next rollout (or the one running) stops in {@code error} with this message until cleared. */
    public void failWith(String message) {
        failure = message;
    }

    public void clearFailure() {
        failure = null;
    }

    private void loop() {
        String applied = signature(read(), secret());
        while (running) {
            try {
                GenericKubernetesResource resource = read();
                Map<String, String> secret = secret();
                if (secret.containsKey("#internal-differs")) {
                    // the two secrets differ: the worker is between its two writes; Percona would roll twice
                    Thread.sleep(100);
                    continue;
                }
                String wanted = signature(resource, secret);
                if (!wanted.equals(applied)) {
                    if (rollOut(resource, secret)) {
                        applied = wanted;
                    }
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                sleep();
            }
        }
    }

    /** Answers whether the rollout finished (else it is tried again, as Percona reconciles again). */
    private boolean rollOut(GenericKubernetesResource resource, Map<String, String> secret) throws InterruptedException {
        String mode = Objects.toString(resource.get("spec", "tls", "mode"), "preferTLS");
        if ("disabled".equals(mode) && !Boolean.TRUE.equals(resource.get("spec", "unsafeFlags", "tls"))) {
            status("error", "TLS must be enabled. Set spec.unsafeFlags.tls to true to disable this check", null, null);
            return false;
        }
        status("initializing", "", null, null);
        List<String> order = members.rollingOrder();
        var done = new ArrayList<String>();
        for (String member : order) {
            while (failure != null && running) {
                status("error", failure, null, null);
                Thread.sleep(200);
            }
            status("initializing", "", member, "STARTUP2");
            try {
                members.restart(member, mode, secret);
            } catch (Exception e) {
                status("error", "pod " + member + " failed to start: " + e.getMessage(), member, "DOWN");
                return false;
            }
            status("initializing", "", member, null);
            done.add(member);
        }
        rollouts.add(new RolledOut(mode, Map.copyOf(secret), List.copyOf(done)));
        status("ready", "", null, null);
        return true;
    }

    /** Writes the status subresource; {@code member}'s state word is set (or back to its role when null). */
    @SuppressWarnings("unchecked")
    private void status(String state, String message, String member, String memberState) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                GenericKubernetesResource resource = read();
                var status = new HashMap<String, Object>(resource.get("status") instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : Map.of());
                status.put("state", state);
                status.put("message", message);
                var replsets = new HashMap<String, Object>((Map<String, Object>) status.getOrDefault("replsets",
                        Map.of()));
                var rs = new HashMap<String, Object>((Map<String, Object>) replsets.getOrDefault(
                        target.replsetName(), Map.of()));
                var memberMap = new LinkedHashMap<String, Object>((Map<String, Object>) rs.getOrDefault("members",
                        Map.of()));
                if (member != null) {
                    String word = memberState != null ? memberState : members.stateAfterRestart(member);
                    memberMap.put(member, Map.of("name", member, "stateStr", word));
                }
                rs.put("members", memberMap);
                rs.put("status", state);
                replsets.put(target.replsetName(), rs);
                status.put("replsets", replsets);
                resource.getAdditionalProperties().put("status", status);
                client.genericKubernetesResources(PerconaCluster.API_VERSION, PerconaCluster.KIND)
                        .inNamespace(target.namespace()).resource(resource).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    private GenericKubernetesResource read() {
        return client.genericKubernetesResources(PerconaCluster.API_VERSION, PerconaCluster.KIND)
                .inNamespace(target.namespace()).withName(target.name()).get();
    }

    private Map<String, String> secret() {
        Secret secret = client.secrets().inNamespace(target.namespace()).withName(target.sslSecret()).get();
        Secret internal = client.secrets().inNamespace(target.namespace()).withName(target.sslInternalSecret()).get();
        var data = new HashMap<String, String>();
        if (secret != null && secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v),
                    StandardCharsets.UTF_8)));
        }
        if (internal != null && internal.getData() != null && !internal.getData().equals(
                secret == null ? null : secret.getData())) {
            // the two secrets differ: a rollout waits until both say the same, as a mismatched pair would split
            data.put("#internal-differs", "true");
        }
        return data;
    }

    /** What the pods run with: with TLS disabled the secrets are not mounted, so changing them rolls nothing. */
    private static String signature(GenericKubernetesResource resource, Map<String, String> secret) {
        Object mode = resource.get("spec", "tls", "mode");
        return mode + "|" + resource.get("spec", "unsafeFlags", "tls") + "|"
                + ("disabled".equals(mode) ? "" : new java.util.TreeMap<>(secret));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
