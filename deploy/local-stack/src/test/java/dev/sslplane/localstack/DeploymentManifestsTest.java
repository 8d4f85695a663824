package dev.sslplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Every YAML file under deploy/ parses, and the manifests hang together, so a broken one fails the build. */
class DeploymentManifestsTest {

    private static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();
    /** The operators a deployed worker may serve: {@code simulated} drives no real node. */
    private static final Set<String> DEPLOYABLE_OPERATORS = Set.of("systemd", "percona", "local-fleet");
    /** {@code sslplane.worker.systemd.credentials-directory}'s default (restart-worker application.yml). */
    private static final String DEFAULT_CREDENTIALS_DIR = "/etc/sslplane/ssh";
    private static final String NODE_OPERATOR = "SSLPLANE_WORKER_NODE_OPERATOR";
    private static final String CREDENTIALS_DIR = "SSLPLANE_WORKER_SYSTEMD_CREDENTIALS_DIRECTORY";
    private static final String WORKER_TOKEN = "SSLPLANE_WORKER_SIGNING_BEARER_TOKEN";
    /** The secret the docs tell people to create with the worker's SSH key and known hosts. */
    private static final String SSH_SECRET = "sslplane-ssh";
    /** Applied in each namespace of Percona clusters, outside the kustomization (which would move it). */
    private static final String PERCONA_RBAC = "percona-target-rbac.yaml";

    static Stream<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            List<Path> found = files
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .toList();
            assertThat(found).as("YAML files under " + DEPLOY).isNotEmpty();
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("yamlFiles")
    void everyYamlFileParses(Path file) throws IOException {
        List<Object> documents = load(file);
        assertThat(documents).as(file.toString()).isNotEmpty().doesNotContainNull();
    }

    @Test
    void everyKubernetesManifestIsComplete() throws IOException {
        Path k8s = DEPLOY.resolve("k8s");
        Map<String, Object> kustomization = asMap(load(k8s.resolve("kustomization.yaml")).get(0));
        List<String> resources = asList(kustomization.get("resources"));
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String resource : resources) {
            assertThat(k8s.resolve(resource)).as("kustomization resource").exists();
            load(k8s.resolve(resource)).forEach(doc -> objects.add(asMap(doc)));
        }
        Set<String> kinds = objects.stream().map(o -> (String) o.get("kind")).collect(Collectors.toSet());
        assertThat(kinds).contains("Deployment", "Service", "ConfigMap", "Secret", "HorizontalPodAutoscaler");

        Map<String, Object> config = objects.stream().filter(o -> "ConfigMap".equals(o.get("kind")))
                .findFirst().orElseThrow();
        Map<String, Object> configData = asMap(config.get("data"));
        Map<String, Set<String>> secretKeys = objects.stream().filter(o -> "Secret".equals(o.get("kind")))
                .collect(Collectors.toMap(o -> (String) asMap(o.get("metadata")).get("name"),
                        o -> asMap(o.get("stringData")).keySet()));
        Set<String> serviceAccounts = objects.stream().filter(o -> "ServiceAccount".equals(o.get("kind")))
                .map(o -> (String) asMap(o.get("metadata")).get("name")).collect(Collectors.toSet());
        assertThat(resources).as("the per-namespace Percona grants are not moved into the sslplane namespace")
                .doesNotContain(PERCONA_RBAC);
        Set<String> deployments = new java.util.TreeSet<>();
        for (Map<String, Object> object : objects) {
            assertThat(object).containsKeys("apiVersion", "kind", "metadata");
            assertThat(asMap(object.get("metadata"))).containsKey("name");
            if ("Deployment".equals(object.get("kind"))) {
                deployments.add((String) asMap(object.get("metadata")).get("name"));
                assertDeploymentIsWired(object, configData, secretKeys, serviceAccounts,
                        (String) kustomization.get("namespace"));
            }
        }
        assertThat(deployments).containsExactlyInAnyOrder("command-service", "query-service", "restart-worker");
    }

    private static void assertDeploymentIsWired(Map<String, Object> deployment, Map<String, Object> configData,
                                                Map<String, Set<String>> secretKeys, Set<String> serviceAccounts,
                                                String namespace) throws IOException {
        Set<String> configKeys = configData.keySet();
        Map<String, Object> podSpec = asMap(asMap(asMap(deployment.get("spec")).get("template")).get("spec"));
        Map<String, String> secretVolumes = new java.util.HashMap<>();
        Map<String, Map<String, Object>> secretSources = new java.util.HashMap<>();
        for (Object v : asList(podSpec.getOrDefault("volumes", List.of()))) {
            Map<String, Object> volume = asMap(v);
            if (volume.containsKey("secret")) {
                String secret = (String) asMap(volume.get("secret")).get("secretName");
                assertThat(secretKeys).as("volume " + volume.get("name")).containsKey(secret);
                secretVolumes.put((String) volume.get("name"), secret);
                secretSources.put((String) volume.get("name"), asMap(volume.get("secret")));
            }
        }
        for (Object c : asList(podSpec.get("containers"))) {
            Map<String, Object> container = asMap(c);
            String name = (String) container.get("name");
            assertThat(container).as(name).containsKeys("image", "readinessProbe", "livenessProbe", "env");
            assertThat(asMap(asMap(container.get("readinessProbe")).get("httpGet")).get("path"))
                    .as(name).isEqualTo("/actuator/health/readiness");
            List<String> envNames = new ArrayList<>();
            Map<String, Object> envValues = new java.util.HashMap<>();
            for (Object e : asList(container.get("env"))) {
                Map<String, Object> env = asMap(e);
                envNames.add((String) env.get("name"));
                envValues.put((String) env.get("name"), env.get("value"));
                Map<String, Object> from = asMap(env.getOrDefault("valueFrom", Map.of()));
                if (from.containsKey("configMapKeyRef")) {
                    assertThat(configKeys).as(name + " env " + env.get("name"))
                            .contains((String) asMap(from.get("configMapKeyRef")).get("key"));
                }
                if (from.containsKey("secretKeyRef")) {
                    Map<String, Object> ref = asMap(from.get("secretKeyRef"));
                    assertThat(secretKeys).as(name + " env " + env.get("name")).containsKey((String) ref.get("name"));
                    assertThat(secretKeys.get((String) ref.get("name"))).as(name + " env " + env.get("name"))
                            .contains((String) ref.get("key"));
                }
            }
            assertThat(envNames).as(name).contains("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI");
            assertHasACredentialSource(name, envNames);
            if (envNames.contains("SSLPLANE_SECURITY_TOKENS_FILE")) {
                // the hashed tokens come from a secret mounted where the variable points
                String file = (String) envValues.get("SSLPLANE_SECURITY_TOKENS_FILE");
                assertThat(file).as(name + " SSLPLANE_SECURITY_TOKENS_FILE").isNotBlank();
                assertThat(asList(container.getOrDefault("volumeMounts", List.of())).stream().map(m -> asMap(m))
                        .filter(m -> secretVolumes.containsKey((String) m.get("name")))
                        .filter(m -> file.startsWith(m.get("mountPath") + "/"))
                        .map(m -> secretKeys.get(secretVolumes.get((String) m.get("name"))))
                        .anyMatch(keys -> keys.contains(file.substring(file.lastIndexOf('/') + 1))))
                        .as(name + ": " + file + " is a key of a mounted secret").isTrue();
            }
            if (name.equals("restart-worker")) {
                Map<String, Object> token = asList(container.get("env")).stream().map(e -> asMap(e))
                        .filter(e -> WORKER_TOKEN.equals(e.get("name"))).findFirst().orElseThrow();
                assertThat(asMap(token.get("valueFrom"))).as("the worker's token comes from a secret")
                        .containsKey("secretKeyRef");
                assertThat(envNames).as("the worker refuses to start without a node operator").contains(NODE_OPERATOR);
                Map<String, Map<String, Object>> workerEnv = asList(container.get("env")).stream().map(e -> asMap(e))
                        .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
                List<String> operators = assertNamesDeployableOperators("k8s restart-worker",
                        resolve(workerEnv.get(NODE_OPERATOR), configData));
                if (operators.contains("systemd")) {
                    assertMountsTheSshSecret(container, secretSources, secretKeys, workerEnv.containsKey(
                            CREDENTIALS_DIR) ? resolve(workerEnv.get(CREDENTIALS_DIR), configData)
                            : DEFAULT_CREDENTIALS_DIR);
                }
                if (operators.contains("percona")) {
                    Object account = podSpec.get("serviceAccountName");
                    assertThat(serviceAccounts).as("restart-worker serves percona with its own service account")
                            .contains((String) account);
                    assertGrantsOnlyWhatThePerconaOperatorNeeds((String) account, namespace);
                }
            }
            if (name.equals("command-service")) {
                assertThat(envNames).contains("SSLPLANE_SECURITY_CORS_ALLOWED_ORIGINS");
            }
            if (name.equals("query-service")) {
                assertThat(envNames).contains("SSLPLANE_CONSOLE_COMMAND_SERVICE_URL");
            }
        }
    }

    @Test
    void composeServicesDependOnServicesThatExist() throws IOException {
        Map<String, Object> compose = asMap(load(DEPLOY.resolve("compose/compose.yml")).get(0));
        Map<String, Object> services = asMap(compose.get("services"));
        assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "mongo-1", "mongo-2", "mongo-3",
                "mongo-init", "command-service", "restart-worker", "query-service");
        for (var service : services.entrySet()) {
            Map<String, Object> definition = asMap(service.getValue());
            Map<String, Object> dependsOn = asMap(definition.getOrDefault("depends_on", Map.of()));
            assertThat(services.keySet()).as(service.getKey() + " depends_on").containsAll(dependsOn.keySet());
            if (definition.containsKey("build")
                    && !"deploy/local-fleet".equals(asMap(asMap(definition.get("build")).get("args")).get("MODULE"))) {
                // every sslplane service: hashed tokens as a compose secret, mounted where the variable points
                Map<String, Object> env = asMap(definition.get("environment"));
                assertHasACredentialSource(service.getKey(), env.keySet());
                if (env.containsKey("SSLPLANE_SECURITY_TOKENS_FILE")) {
                    List<String> secrets = asList(definition.get("secrets"));
                    assertThat(asMap(compose.get("secrets"))).as(service.getKey()).containsKeys(secrets.toArray(String[]::new));
                    assertThat(secrets.stream().map(s -> "/run/secrets/" + s))
                            .as(service.getKey() + " SSLPLANE_SECURITY_TOKENS_FILE")
                            .contains((String) env.get("SSLPLANE_SECURITY_TOKENS_FILE"));
                }
            }
            if (definition.containsKey("build")) {
                Map<String, Object> build = asMap(definition.get("build"));
                Path dockerfile = DEPLOY.resolve("compose").resolve((String) build.get("context"))
                        .resolve((String) build.get("dockerfile")).normalize();
                assertThat(dockerfile).as(service.getKey() + " Dockerfile").exists();
                String module = (String) asMap(build.get("args")).get("MODULE");
                assertThat(DEPLOY.getParent().resolve(module).resolve("pom.xml"))
                        .as(service.getKey() + " module").exists();
            }
        }
    }

    @Test
    void composeWorkerHasItsTokenAndTheConsoleIsWired() throws IOException {
        Map<String, Object> services = asMap(asMap(load(DEPLOY.resolve("compose/compose.yml")).get(0)).get("services"));
        Map<String, Object> worker = asMap(services.get("restart-worker"));
        Map<String, Object> workerEnv = asMap(worker.get("environment"));
        assertThat(workerEnv).containsKeys(WORKER_TOKEN, NODE_OPERATOR);
        List<String> operators = assertNamesDeployableOperators("compose restart-worker",
                workerEnv.get(NODE_OPERATOR));
        if (operators.contains("local-fleet")) {
            assertThat(services).as("compose serves the local fleet's nodes: it runs the fleet")
                    .containsKey("local-fleet");
            assertThat(workerEnv).containsKeys("SSLPLANE_WORKER_FLEET_URL", "SSLPLANE_WORKER_FLEET_TOKEN");
        }
        if (operators.contains("systemd")) {
            String dir = (String) workerEnv.getOrDefault(CREDENTIALS_DIR, DEFAULT_CREDENTIALS_DIR);
            assertThat(asList(worker.getOrDefault("volumes", List.of())).stream()
                    .map(DeploymentManifestsTest::composeMount))
                    .as("compose restart-worker mounts its SSH credentials read-only at " + dir)
                    .contains(Map.entry(dir, true));
        }
        assertThat(asMap(asMap(services.get("command-service")).get("environment")))
                .containsKey("SSLPLANE_SECURITY_CORS_ALLOWED_ORIGINS");
        assertThat(asMap(asMap(services.get("query-service")).get("environment")))
                .containsKey("SSLPLANE_CONSOLE_COMMAND_SERVICE_URL");
    }

    @Test
    void theLocalStacksWorkerNamesItsOperatorsAndKeepsItsCredentialsInTheDataDirectory(@TempDir Path data)
            throws IOException {
        var settings = StackSettings.from(Map.of("SSLPLANE_DATA_DIR", data.toString()));
        ServiceSpec worker = ServiceSpec.all(settings, LocalSecrets.in(data.resolve("secrets"))).stream()
                .filter(s -> s.name().equals("restart-worker")).findFirst().orElseThrow();
        List<String> operators = assertNamesDeployableOperators("local stack restart-worker",
                worker.env().get(NODE_OPERATOR));
        assertThat(operators).as("the demo instance lives in the fleet and names no operator: the first serves it")
                .first().isEqualTo("local-fleet");
        if (operators.contains("systemd")) {
            assertThat(Path.of(worker.env().get(CREDENTIALS_DIR))).startsWithRaw(data);
        }
    }

    /**
     * The worker refuses to start without {@code NODE_OPERATOR}, and one that fell back to {@code simulated} would
     * report restarts that never happened: every deployed worker lists its operators, all of them real.
     *
     * @return the operators, in order
     */
    private static List<String> assertNamesDeployableOperators(String worker, Object nodeOperator) {
        assertThat(nodeOperator).as(worker + " " + NODE_OPERATOR).isInstanceOf(String.class);
        assertThat((String) nodeOperator).as(worker + " " + NODE_OPERATOR).isNotBlank();
        List<String> operators = java.util.Arrays.stream(((String) nodeOperator).split(",", -1)).map(String::trim)
                .toList();
        assertThat(operators).as(worker + " " + NODE_OPERATOR + "=" + nodeOperator).doesNotContain("simulated")
                .doesNotHaveDuplicates().allSatisfy(o -> assertThat(DEPLOYABLE_OPERATORS).contains(o));
        return operators;
    }

    /** The value of a Kubernetes env entry: inline, or the config map's. */
    private static Object resolve(Map<String, Object> env, Map<String, Object> configData) {
        if (env.containsKey("value")) {
            return env.get("value");
        }
        Map<String, Object> ref = asMap(asMap(env.get("valueFrom")).get("configMapKeyRef"));
        return configData.get((String) ref.get("key"));
    }

    /** The systemd operator's credentials directory is the SSH secret, mounted read-only and owner-only. */
    private static void assertMountsTheSshSecret(Map<String, Object> container,
                                                 Map<String, Map<String, Object>> secretSources,
                                                 Map<String, Set<String>> secretKeys, Object credentialsDir) {
        assertThat(credentialsDir).as(CREDENTIALS_DIR).isInstanceOf(String.class);
        Map<String, Object> mount = asList(container.getOrDefault("volumeMounts", List.of())).stream()
                .map(m -> asMap(m)).filter(m -> credentialsDir.equals(m.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("restart-worker serves systemd but mounts nothing at "
                        + credentialsDir + " (" + CREDENTIALS_DIR + ")"));
        assertThat(mount.get("readOnly")).as("the SSH credentials are mounted read-only").isEqualTo(true);
        Map<String, Object> secret = secretSources.get((String) mount.get("name"));
        assertThat(secret).as(credentialsDir + " is a secret volume").isNotNull();
        assertThat(secret.get("secretName")).isEqualTo(SSH_SECRET);
        assertThat(secret.get("defaultMode")).as("owner-only (0400)").isEqualTo(0400);
        assertThat(secret.getOrDefault("optional", false)).as("a worker without its SSH credentials does not start")
                .isEqualTo(false);
        assertThat(secretKeys.get(SSH_SECRET)).containsExactlyInAnyOrder("ssh-key", "known_hosts");
    }

    /**
     * The Role the worker gets in a Percona cluster's namespace: read and merge-patch the custom resource, read,
     * create and merge-patch secrets, nothing else (no pods, no delete, no list or watch), bound to the worker's
     * own service account in its namespace.
     */
    private static void assertGrantsOnlyWhatThePerconaOperatorNeeds(String account, String namespace)
            throws IOException {
        List<Map<String, Object>> objects = load(DEPLOY.resolve("k8s").resolve(PERCONA_RBAC)).stream()
                .map(o -> asMap(o)).toList();
        Map<String, Object> role = objects.stream().filter(o -> "Role".equals(o.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError(PERCONA_RBAC + " has no Role"));
        Map<String, Set<String>> verbs = new java.util.HashMap<>();
        for (Object r : asList(role.get("rules"))) {
            Map<String, Object> rule = asMap(r);
            for (Object group : asList(rule.get("apiGroups"))) {
                for (Object resource : asList(rule.get("resources"))) {
                    verbs.computeIfAbsent(group + "/" + resource, k -> new java.util.TreeSet<>())
                            .addAll(asList(rule.get("verbs")).stream().map(String::valueOf).toList());
                }
            }
        }
        assertThat(verbs).isEqualTo(Map.of(
                "psmdb.percona.com/perconaservermongodbs", Set.of("get", "patch"),
                "/secrets", Set.of("get", "create", "patch")));
        Map<String, Object> binding = objects.stream().filter(o -> "RoleBinding".equals(o.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError(PERCONA_RBAC + " has no RoleBinding"));
        assertThat(asMap(binding.get("roleRef"))).containsEntry("kind", "Role")
                .containsEntry("name", asMap(role.get("metadata")).get("name"));
        assertThat(asList(binding.get("subjects"))).singleElement().isEqualTo(Map.of("kind", "ServiceAccount",
                "name", account, "namespace", namespace));
        assertThat(objects).extracting(o -> o.get("kind")).containsExactlyInAnyOrder("Role", "RoleBinding");
    }

    /** A compose volume as (target, read-only), from the short ({@code src:target[:ro]}) or the long syntax. */
    private static Map.Entry<String, Boolean> composeMount(Object volume) {
        if (volume instanceof String spec) {
            boolean readOnly = spec.endsWith(":ro");
            String rest = spec.replaceFirst(":(ro|rw)$", "");
            return Map.entry(rest.substring(rest.lastIndexOf(':') + 1), readOnly);
        }
        Map<String, Object> definition = asMap(volume);
        return Map.entry((String) definition.get("target"), Boolean.TRUE.equals(definition.get("read_only")));
    }

    /** Static tokens (a file) or a JWT issuer: without one of them a service refuses to start. */
    private static void assertHasACredentialSource(String service, java.util.Collection<String> env) {
        assertThat(env).as(service + " needs SSLPLANE_SECURITY_TOKENS_FILE or a JWT setting")
                .anyMatch(v -> v.equals("SSLPLANE_SECURITY_TOKENS_FILE") || v.startsWith("SSLPLANE_SECURITY_JWT_"));
    }

    private static List<Object> load(Path file) throws IOException {
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Object> documents = new ArrayList<>();
        new Yaml(options).loadAll(Files.readString(file)).forEach(documents::add);
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> asList(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<T>) value;
    }
}
