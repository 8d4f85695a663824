package dev.sslplane.worker.node.percona;

import dev.sslplane.contracts.model.PerconaTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real model of the Kubernetes API for the percona operator's tests: fabric8's mock server in CRUD mode (it keeps
 * objects, answers reads, applies JSON and merge patches, bumps resourceVersions and refuses stale ones) with the
 * {@code PerconaServerMongoDB} CRD registered through the API, as {@code kubectl apply -f crd.yaml} would.
 */
public final class PerconaApiServer implements AutoCloseable {

    /** Held so that the level sticks: the mock server logs every request through java.util.logging. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    public final KubernetesClient client;

    public PerconaApiServer() {
        var context = CustomResourceDefinitionContext.fromCrd(crd());
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of(context)), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        client.apiextensions().v1().customResourceDefinitions().resource(crd()).create();
    }

    /** The part of Percona's CRD (deploy/crd.yaml) that matters here: group, names, v1, namespaced, status. */
    static CustomResourceDefinition crd() {
        return new CustomResourceDefinitionBuilder().withNewMetadata()
                .withName("perconaservermongodbs.psmdb.percona.com").endMetadata()
                .withNewSpec().withGroup("psmdb.percona.com").withScope("Namespaced")
                .withNewNames().withKind(PerconaCluster.KIND).withListKind("PerconaServerMongoDBList")
                .withPlural("perconaservermongodbs").withSingular("perconaservermongodb").withShortNames("psmdb")
                .endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                .endVersion().endSpec().build();
    }

    /** A cluster as the Percona operator leaves it after creation: TLS disabled (unsafe flag set), ready. */
    public GenericKubernetesResource createCluster(PerconaTarget target, List<String> members) {
        var memberStatus = new HashMap<String, Object>();
        for (int i = 0; i < members.size(); i++) {
            memberStatus.put(members.get(i), Map.of("name", members.get(i), "stateStr",
                    i == 0 ? "PRIMARY" : "SECONDARY"));
        }
        var resource = new GenericKubernetesResourceBuilder().withApiVersion(PerconaCluster.API_VERSION)
                .withKind(PerconaCluster.KIND).withNewMetadata().withName(target.name())
                .withNamespace(target.namespace()).endMetadata().build();
        resource.setAdditionalProperties(new HashMap<>(Map.of(
                "spec", Map.of("crVersion", "1.21.0", "image", "percona/percona-server-mongodb:7.0",
                        "unsafeFlags", Map.of("tls", true), "tls", Map.of("mode", "disabled"),
                        "replsets", List.of(Map.of("name", target.replsetName(), "size", members.size())),
                        "backup", Map.of("enabled", true, "image", "percona/percona-backup-mongodb:2.9")),
                "status", Map.of("state", "ready", "replsets", Map.of(target.replsetName(),
                        Map.of("status", "ready", "size", members.size(), "ready", members.size(),
                                "members", memberStatus))))));
        return client.genericKubernetesResources(PerconaCluster.API_VERSION, PerconaCluster.KIND)
                .inNamespace(target.namespace()).resource(resource).create();
    }

    /** A kubeconfig file (owner-only) that points at this server, as an administrator would hand the worker. */
    public Path writeKubeconfig(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String url = client.getConfiguration().getMasterUrl();
        Files.writeString(file, "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n    server: " + url
                + "\n    insecure-skip-tls-verify: true\ncontexts:\n- name: test\n  context:\n    cluster: test\n"
                + "    user: sslplane-worker\ncurrent-context: test\nusers:\n- name: sslplane-worker\n  user:\n"
                + "    token: sslplane-test-token\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    public GenericKubernetesResource read(PerconaTarget target) {
        return client.genericKubernetesResources(PerconaCluster.API_VERSION, PerconaCluster.KIND)
                .inNamespace(target.namespace()).withName(target.name()).get();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
