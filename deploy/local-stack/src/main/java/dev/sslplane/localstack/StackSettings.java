package dev.sslplane.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack keeps its data and which loopback ports it uses. Every value can be overridden by an
 * environment variable, so two stacks (or a stack and a test) can run side by side.
 */
record StackSettings(
        Path projectRoot,
        Path dataDir,
        int kafkaPort,
        int kafkaControllerPort,
        int mongoPort,
        int fleetPort,
        int commandPort,
        int queryPort,
        int workerPort,
        int demoNodePortBase,
        boolean registerDemoInstance,
        int commandReplicas,
        int workerReplicas,
        int commandMongoPort) {

    /** Replica i of a service listens on its base port + {@value} × (i − 1): 8081, 8091, 8101… */
    static final int REPLICA_PORT_STEP = 10;
    /** Enough for chaos tests; nine replicas stay within base + 80, clear of the other default ports. */
    static final int MAX_REPLICAS = 9;

    static StackSettings from(Map<String, String> env) {
        Path root = Path.of(env.getOrDefault("SSLPLANE_ROOT", ".")).toAbsolutePath().normalize();
        return new StackSettings(
                root,
                Path.of(env.getOrDefault("SSLPLANE_DATA_DIR", root.resolve("data/local-stack").toString()))
                        .toAbsolutePath().normalize(),
                port(env, "SSLPLANE_KAFKA_PORT", 9092),
                port(env, "SSLPLANE_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "SSLPLANE_MONGO_PORT", 27017),
                port(env, "SSLPLANE_FLEET_PORT", 8090),
                port(env, "SSLPLANE_COMMAND_PORT", 8081),
                port(env, "SSLPLANE_QUERY_PORT", 8082),
                port(env, "SSLPLANE_WORKER_PORT", 8083),
                port(env, "SSLPLANE_DEMO_NODE_PORT_BASE", 27101),
                !"false".equalsIgnoreCase(env.getOrDefault("SSLPLANE_DEMO_INSTANCE", "true")),
                replicas(env, "SSLPLANE_COMMAND_REPLICAS"),
                replicas(env, "SSLPLANE_WORKER_REPLICAS"),
                // where the command services reach MongoDB: a proxy or tunnel may sit in between (the chaos test
                // stalls one there)
                port(env, "SSLPLANE_COMMAND_MONGO_PORT", port(env, "SSLPLANE_MONGO_PORT", 27017)));
    }

    private static int replicas(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int replicas = Integer.parseInt(value.trim());
            if (replicas < 1 || replicas > MAX_REPLICAS) {
                throw new NumberFormatException();
            }
            return replicas;
        } catch (NumberFormatException e) {
            throw new StackException(name + "=" + value + " is not a number of replicas (1-" + MAX_REPLICAS + ")");
        }
    }

    /** The port of replica {@code replica} (1 = the first) of a service whose first replica listens on {@code base}. */
    static int replicaPort(int base, int replica) {
        return base + REPLICA_PORT_STEP * (replica - 1);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(name + "=" + value + " is not a TCP port (1-65535)");
        }
    }

    String mongoUri(String database) {
        return "mongodb://127.0.0.1:" + mongoPort + "/" + database;
    }

    /** The command services' database, at {@code SSLPLANE_COMMAND_MONGO_PORT} (by default MongoDB's own port). */
    String commandMongoUri() {
        return "mongodb://127.0.0.1:" + commandMongoPort + "/sslplane_command";
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    String commandUrl() {
        return "http://127.0.0.1:" + commandPort;
    }

    String queryUrl() {
        return "http://127.0.0.1:" + queryPort;
    }

    /** Where a person opens the console (served by the query service). */
    String consoleUrl() {
        return "http://localhost:" + queryPort + "/console/";
    }

    /** Browser origins of the console, allowed to call the command service cross-origin. */
    String consoleOrigins() {
        return "http://localhost:" + queryPort + ",http://127.0.0.1:" + queryPort;
    }

    /** The command service as the console's browser reaches it. */
    String consoleCommandUrl() {
        return "http://localhost:" + commandPort;
    }

    String fleetUrl() {
        return "http://127.0.0.1:" + fleetPort;
    }

    String workerUrl() {
        return "http://127.0.0.1:" + workerPort;
    }

    /** The systemd operator's credentials directory: SSH key and known-hosts files for real mongod hosts. */
    Path sshDir() {
        return dataDir.resolve("ssh");
    }
}
