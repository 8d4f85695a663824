package dev.sslplane.localstack;

import dev.sslplane.security.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the stack's own processes: which module's jar, with what environment, healthy at which URL.
 *
 * <p>command-service and restart-worker can run as several replicas ({@code SSLPLANE_COMMAND_REPLICAS},
 * {@code SSLPLANE_WORKER_REPLICAS}): both are built for it (command-service replicas share the event store and
 * Axon's token store in MongoDB, which hands each processor segment to one replica; workers claim jobs under
 * leases with fences). Replica i > 1 differs from the first only in its name ({@code command-service-2}) and port
 * ({@link StackSettings#replicaPort}); it shares the data, MongoDB and Kafka.
 */
record ServiceSpec(String name, String title, String module, String heap, Map<String, String> env,
                   String healthUrl) {

    /** In start order: each one's dependencies come before it; replicas right after their first. */
    static List<ServiceSpec> all(StackSettings s, LocalSecrets secrets) throws IOException {
        List<ServiceSpec> all = new ArrayList<>();
        for (ServiceSpec service : firstReplicas(s, secrets)) {
            all.add(service);
            int replicas = switch (service.name()) {
                case "command-service" -> s.commandReplicas();
                case "restart-worker" -> s.workerReplicas();
                default -> 1;
            };
            for (int i = 2; i <= replicas; i++) {
                int base = Integer.parseInt(service.env().get("SERVER_PORT"));
                all.add(service.replica(i, StackSettings.replicaPort(base, i)));
            }
        }
        return List.copyOf(all);
    }

    /** Replica {@code i} of this service: own name (and so log and pid file) and port, everything else the same. */
    ServiceSpec replica(int i, int port) {
        Map<String, String> replicaEnv = new HashMap<>(env);
        replicaEnv.put("SERVER_PORT", port(port));
        return new ServiceSpec(name + "-" + i, name + "-" + i, module, heap, Map.copyOf(replicaEnv),
                "http://127.0.0.1:" + port + "/actuator/health");
    }

    private static List<ServiceSpec> firstReplicas(StackSettings s, LocalSecrets secrets) throws IOException {
        String kafka = s.kafkaBootstrap();
        // services get only the hashes; the worker also gets its own plain token to have certificates signed
        String tokensFile = secrets.hashedApiTokensFile().toString();
        return List.of(
                new ServiceSpec("local-fleet", "Local fleet (MongoDB nodes)", "deploy/local-fleet", "512m",
                        Map.of("SSLPLANE_FLEET_PORT", port(s.fleetPort()),
                                "SSLPLANE_FLEET_DATA_DIR", s.dataDir().resolve("fleet").toString(),
                                "SSLPLANE_FLEET_TOKEN", secrets.fleetToken()),
                        s.fleetUrl() + "/actuator/health"),
                new ServiceSpec("command-service", "command-service", "command-service", "384m",
                        Map.of("SERVER_PORT", port(s.commandPort()),
                                "SPRING_PROFILES_ACTIVE", "local",
                                "MONGODB_URI", s.commandMongoUri(),
                                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                                "SSLPLANE_VAULT_MASTER_KEY_FILE", secrets.vaultMasterKeyFile().toString(),
                                "SSLPLANE_API_QUERY_BASE_URL", s.queryUrl(),
                                "SSLPLANE_SECURITY_TOKENS_FILE", tokensFile,
                                // a demo needs few CA keys ready, and each costs ~1 s of CPU to make under C1
                                "SSLPLANE_PKI_KEY_POOL_SIZE", "4",
                                // the console is served by the query service and calls this API from the browser
                                "SSLPLANE_SECURITY_CORS_ALLOWED_ORIGINS", s.consoleOrigins()),
                        s.commandUrl() + "/actuator/health"),
                new ServiceSpec("query-service", "query-service", "query-service", "384m",
                        Map.of("SERVER_PORT", port(s.queryPort()),
                                "MONGODB_URI", s.mongoUri("sslplane_query"),
                                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                                "SSLPLANE_SECURITY_TOKENS_FILE", tokensFile,
                                "SSLPLANE_CONSOLE_COMMAND_SERVICE_URL", s.consoleCommandUrl()),
                        s.queryUrl() + "/actuator/health"),
                // the fleet's nodes (rs-demo names no operator: the first), and mongod hosts over SSH with the key
                // and known-hosts files in <data>/ssh (docs/systemd-operator.md)
                new ServiceSpec("restart-worker", "restart-worker (local-fleet and systemd operators)",
                        "restart-worker", "384m",
                        Map.of("SERVER_PORT", port(s.workerPort()),
                                "MONGODB_URI", s.mongoUri("sslplane_worker"),
                                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                                "SSLPLANE_WORKER_SIGNING_COMMAND_SERVICE_URL", s.commandUrl(),
                                "SSLPLANE_WORKER_SIGNING_BEARER_TOKEN", secrets.apiToken(Role.WORKER),
                                "SSLPLANE_SECURITY_TOKENS_FILE", tokensFile,
                                "SSLPLANE_WORKER_NODE_OPERATOR", "local-fleet,systemd",
                                "SSLPLANE_WORKER_SYSTEMD_CREDENTIALS_DIRECTORY", s.sshDir().toString(),
                                "SSLPLANE_WORKER_FLEET_URL", s.fleetUrl(),
                                "SSLPLANE_WORKER_FLEET_TOKEN", secrets.fleetToken()),
                        s.workerUrl() + "/actuator/health"));
    }

    private static String port(int port) {
        return String.valueOf(port);
    }
}
