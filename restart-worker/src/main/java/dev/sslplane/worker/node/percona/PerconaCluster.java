package dev.sslplane.worker.node.percona;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.contracts.model.PerconaTarget;
import dev.sslplane.worker.node.NodeOperatorException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code PerconaServerMongoDB} and its two TLS secrets, through the Kubernetes API (blocking calls). Every change
 * is a JSON merge patch that carries the {@code resourceVersion} it was computed from, so the API server refuses it
 * (409) when someone else changed the object in between; the object is then read again and the change computed
 * again from what is there now, so a concurrent edit is never overwritten. Secret data never appears in a message.
 */
final class PerconaCluster {

    static final String API_VERSION = "psmdb.percona.com/v1";
    static final String KIND = "PerconaServerMongoDB";
    static final String TLS_SECRET_TYPE = "kubernetes.io/tls";
    private static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(PerconaCluster.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    final PerconaTarget target;

    PerconaCluster(KubernetesClient client, PerconaTarget target) {
        this.client = client;
        this.target = target;
    }

    String describe() {
        return KIND + " " + target.namespace() + "/" + target.name();
    }

    private Resource<GenericKubernetesResource> resource() {
        return client.genericKubernetesResources(API_VERSION, KIND).inNamespace(target.namespace())
                .withName(target.name());
    }

    /** The custom resource as it is now; a missing one is a final failure (operators never create clusters). */
    GenericKubernetesResource read() {
        GenericKubernetesResource resource = call("reading " + describe(), () -> resource().get());
        if (resource == null) {
            throw new NodeOperatorException(describe() + " does not exist", false);
        }
        return resource;
    }

    /**
     * Applies {@code change} (a merge patch computed from the resource as read, or {@code null} when nothing needs
     * to change) under an optimistic lock on the resourceVersion it was computed from; a conflict re-reads and
     * recomputes. Answers whether anything was patched.
     */
    boolean patch(Function<GenericKubernetesResource, Map<String, Object>> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            GenericKubernetesResource current = read();
            Map<String, Object> patch = change.apply(current);
            if (patch == null) {
                return false;
            }
            var body = new LinkedHashMap<String, Object>(patch);
            body.put("metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()));
            try {
                resource().patch(PatchContext.of(PatchType.JSON_MERGE), json(body));
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw failure("patching " + describe(), e, true);
                }
                log.info("{} changed while the worker patched it (resourceVersion {}): reading it again and"
                        + " re-applying the change", describe(), current.getMetadata().getResourceVersion());
            }
        }
        throw new NodeOperatorException(describe() + " kept changing under the worker's patch (" + ATTEMPTS
                + " conflicts in a row)", true);
    }

    /** The secret's data, decoded; empty when the secret does not exist. */
    Map<String, String> secretData(String name) {
        Secret secret = call("reading secret " + target.namespace() + "/" + name,
                () -> client.secrets().inNamespace(target.namespace()).withName(name).get());
        var data = new LinkedHashMap<String, String>();
        if (secret != null && secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v),
                    StandardCharsets.UTF_8)));
        }
        return data;
    }

    /**
     * Makes the secret hold {@code data} (other keys kept): created as a {@value #TLS_SECRET_TYPE} secret when
     * missing, else merge-patched under an optimistic lock. Answers whether anything was written.
     */
    boolean writeSecret(String name, Map<String, String> data) {
        var secrets = client.secrets().inNamespace(target.namespace());
        String what = "writing secret " + target.namespace() + "/" + name;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Secret current = call(what, () -> secrets.withName(name).get());
            var encoded = new LinkedHashMap<String, String>();
            data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(
                    v.getBytes(StandardCharsets.UTF_8))));
            try {
                if (current == null) {
                    secrets.resource(new SecretBuilder().withNewMetadata().withName(name)
                            .withNamespace(target.namespace()).addToLabels("app.kubernetes.io/managed-by", "sslplane")
                            .endMetadata().withType(TLS_SECRET_TYPE).withData(encoded).build()).create();
                    return true;
                }
                Map<String, String> existing = current.getData() == null ? Map.of() : current.getData();
                if (encoded.entrySet().stream().allMatch(e -> e.getValue().equals(existing.get(e.getKey())))) {
                    return false;
                }
                var body = Map.of("metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()),
                        "data", encoded);
                secrets.withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), json(body));
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw failure(what, e, false);
                }
                log.info("secret {}/{} changed while the worker wrote it: reading it again", target.namespace(), name);
            }
        }
        throw new NodeOperatorException("secret " + target.namespace() + "/" + name + " kept changing under the"
                + " worker's write (" + ATTEMPTS + " conflicts in a row)", true);
    }

    private <T> T call(String what, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw failure(what, e, false);
        }
    }

    /**
     * A refused request (401, 403, 404, 422) is final and says what the worker needs; anything else may pass. Only
     * the server's status message of a custom-resource request is quoted: a secret's may echo its data.
     */
    private NodeOperatorException failure(String what, KubernetesClientException e, boolean quote) {
        int code = e.getCode();
        String reason = e.getStatus() != null && e.getStatus().getReason() != null ? " " + e.getStatus().getReason()
                : "";
        String words = quote && e.getStatus() != null && e.getStatus().getMessage() != null
                ? ": " + e.getStatus().getMessage() : "";
        if (code == 0) {
            return new NodeOperatorException(what + ": the Kubernetes API cannot be reached ("
                    + (e.getCause() == null ? "no answer" : e.getCause().getClass().getSimpleName()) + ")", true);
        }
        boolean fin = code == 401 || code == 403 || code == 404 || code == 422;
        String hint = code == 403 ? " (the worker's service account needs the role in deploy/k8s/percona-rbac.yaml"
                + " in namespace " + target.namespace() + ")" : "";
        return new NodeOperatorException(what + ": HTTP " + code + reason + words + hint, !fin);
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a patch", e);
        }
    }
}
