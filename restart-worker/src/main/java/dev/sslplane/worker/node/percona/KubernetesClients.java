package dev.sslplane.worker.node.percona;

import dev.sslplane.contracts.model.PerconaTarget;
import dev.sslplane.worker.node.NodeOperatorException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Kubernetes client per kubeconfig file named in registrations (read only from the credentials directory), and
 * one for the in-cluster service account (targets naming no file). A kubeconfig file is read again when it changes,
 * so replacing it needs no restart of the worker.
 */
final class KubernetesClients implements AutoCloseable {

    private record Cached(long modified, KubernetesClient client) {
    }

    private static final String IN_CLUSTER = "";

    private final PerconaSettings settings;
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();

    KubernetesClients(PerconaSettings settings) {
        this.settings = settings;
    }

    KubernetesClient forTarget(PerconaTarget target) {
        if (target.kubeconfigFile() == null) {
            return clients.computeIfAbsent(IN_CLUSTER, k -> new Cached(0, build(Config.autoConfigure(null))))
                    .client();
        }
        Path file = allowed(target.kubeconfigFile());
        long modified;
        String text;
        try {
            modified = Files.getLastModifiedTime(file).toMillis();
            text = Files.readString(file);
        } catch (IOException e) {
            throw new NodeOperatorException("kubeconfig file " + file + " is not readable: "
                    + e.getClass().getSimpleName(), false);
        }
        Cached cached = clients.get(file.toString());
        if (cached != null && cached.modified() == modified) {
            return cached.client();
        }
        Config config;
        try {
            config = Config.fromKubeconfig(text);
        } catch (RuntimeException e) {
            // the exception may quote the file; it may hold a token or a key, so only the kind of problem is told
            throw new NodeOperatorException("kubeconfig file " + file + " cannot be read as a kubeconfig ("
                    + e.getClass().getSimpleName() + ")", false);
        }
        KubernetesClient client = build(config);
        Cached previous = clients.put(file.toString(), new Cached(modified, client));
        if (previous != null) {
            previous.client().close();
        }
        return client;
    }

    private KubernetesClient build(Config config) {
        int millis = (int) settings.requestTimeout().toMillis();
        config.setRequestTimeout(millis);
        config.setConnectionTimeout(millis);
        // the engine retries within the step timeout; the client's own retries would only hide that time
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The file, if it is inside the credentials directory once links are resolved; nothing else is opened. */
    private Path allowed(String name) {
        Path directory = settings.credentialsDirectory().toAbsolutePath().normalize();
        Path file = Path.of(name).toAbsolutePath().normalize();
        String outside = "kubeconfig file " + name + " is outside the worker's credentials directory " + directory
                + " (sslplane.worker.percona.credentials-directory)";
        if (!file.startsWith(directory)) {
            throw new NodeOperatorException(outside, false);
        }
        try {
            if (!file.toRealPath().startsWith(directory.toRealPath())) {
                throw new NodeOperatorException(outside, false);
            }
        } catch (IOException e) {
            throw new NodeOperatorException("kubeconfig file " + file + " is not readable: "
                    + e.getClass().getSimpleName(), false);
        }
        return file;
    }

    @Override
    public void close() {
        clients.values().forEach(c -> c.client().close());
        clients.clear();
    }
}
