package dev.sslplane.localstack;

import dev.sslplane.nodeclient.FreePorts;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A 3-node replica set on the local fleet (the stack's own demo instance: engine 4.2), registered with the command service. The stack registers
 * {@link #ID} on first start; the demo registers a fresh one each run.
 */
final class DemoInstance {

    static final String ID = "rs-demo";
    private static final List<String> ROLES = List.of("PRIMARY", "SECONDARY", "SECONDARY");

    private final StackSettings settings;
    private final LocalSecrets secrets;

    DemoInstance(StackSettings settings, LocalSecrets secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    /** Creates the nodes on the fleet and registers {@link #ID}; says what it did. */
    String ensureRegistered() throws IOException, InterruptedException {
        StackClient.Response response = register(ID, settings.demoNodePortBase(), "4.2");
        if (response.ok()) {
            return "registered";
        }
        if ("INSTANCE_ALREADY_REGISTERED".equals(response.code())) {
            return "already registered";
        }
        throw new StackException("registering " + ID + " failed: HTTP " + response.status() + " " + response.raw());
    }

    /**
     * Creates three fleet nodes of engine {@code engineVersion} for the instance (ports from {@code portBase}, or
     * free ones when 0), waits until they form a healthy replica set, and registers the instance with the
     * command service at exactly those addresses.
     */
    StackClient.Response register(String instanceId, int portBase, String engineVersion)
            throws IOException, InterruptedException {
        List<Map<String, Object>> nodes = createNodes(instanceId, portBase, engineVersion);
        return secrets.client(Role.OPERATOR).post(settings.commandUrl() + "/api/v1/instances", Map.of(
                "instanceId", instanceId,
                "engineVersion", engineVersion,
                "topology", "REPLICA_SET",
                "nodes", nodes,
                "collectionCount", 250));
    }

    /**
     * Creates three fleet nodes of engine {@code engineVersion} for the instance (ports from {@code portBase}, or
     * free ones when 0) and waits until they form a healthy replica set; answers them as a registration lists
     * nodes ({@code name, host, port, role, altNames}).
     */
    List<Map<String, Object>> createNodes(String instanceId, int portBase, String engineVersion)
            throws IOException, InterruptedException {
        var fleet = new StackClient(Map.of("Authorization", "Bearer " + secrets.fleetToken()));
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int i = 0; i < ROLES.size(); i++) {
            String name = "rs0-" + i;
            int port = portBase == 0 ? FreePorts.next() : portBase + i;
            StackClient.Response node = fleet.put(
                    settings.fleetUrl() + "/api/v1/instances/" + instanceId + "/nodes/" + name,
                    Map.of("host", "127.0.0.1", "port", port, "engineVersion", engineVersion,
                            "initialRole", ROLES.get(i), "altNames", List.of("localhost")));
            if (!node.ok()) {
                throw new StackException("the fleet could not create node " + name + ": HTTP " + node.status()
                        + " " + node.raw());
            }
            nodes.add(Map.of("name", name, "host", "127.0.0.1", "port", port, "role", ROLES.get(i),
                    "altNames", List.of("localhost")));
        }
        String unhealthy = NodeProbe.awaitHealthySet("127.0.0.1", (int) nodes.get(0).get("port"), nodes.size(),
                Duration.ofSeconds(60));
        if (unhealthy != null) {
            throw new StackException("the fleet nodes of " + instanceId + " did not form a healthy replica set: "
                    + unhealthy);
        }
        return nodes;
    }

}
