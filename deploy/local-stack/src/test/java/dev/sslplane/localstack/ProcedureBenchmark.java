package dev.sslplane.localstack;

import dev.sslplane.nodeclient.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.nodeclient.NodeClient;
import dev.sslplane.nodeclient.NodeClientException;
import dev.sslplane.nodeclient.Pems;
import dev.sslplane.nodeclient.TlsOptions;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the documented procedure costs on the local fleet, per engine: restarts per node, total time and per-node
 * unreachable time of Enable, Rotate and Disable on a three-member set, and what a client saw meanwhile. The client
 * connects to every member in turn, every 100 ms, as an application reconnecting would: plain during Enable and
 * Disable, TLS with the CA download of the moment (the bundle, during a rotation) during Rotate. A member that is
 * down (restarting) is counted apart; a member that is up and refuses the client is a failed connection.
 *
 * <p>A second instance per engine goes the forced way: Enable with {@code requireTls}, then Disable from
 * {@code requireTLS}. Those rows have no client: none keeps working through them without changing how it connects.
 * In that Enable, members not yet restarted ({@code disabled}) refuse TLS and members in {@code requireTLS} refuse
 * plain; in that Disable, the reverse.
 *
 * <p>Starts the local stack as the README says, on free ports and a data directory of its own. Run with
 * {@code deploy/bench/procedure.sh} (options: {@code -Dbench.engines=3.4,4.0,4.2}).
 */
public final class ProcedureBenchmark {

    private static final NodeClient NODES = new NodeClient(Duration.ofSeconds(1), Duration.ofSeconds(3));

    private final StackSettings settings;
    private final LocalSecrets secrets;
    private final StackClient operator;
    private final StackClient viewer;
    private final StackClient fleet;

    private ProcedureBenchmark(StackSettings settings, LocalSecrets secrets) throws IOException {
        this.settings = settings;
        this.secrets = secrets;
        this.operator = secrets.client(Role.OPERATOR);
        this.viewer = secrets.client(Role.VIEWER);
        this.fleet = new StackClient(Map.of("Authorization", "Bearer " + secrets.fleetToken()));
    }

    public static void main(String[] args) throws Exception {
        List<String> engines = List.of(System.getProperty("bench.engines", "3.4,4.0,4.2").split(","));
        Path root = Path.of(System.getProperty("bench.root", "../..")).toAbsolutePath().normalize();
        Path dataDir = Files.createTempDirectory("sslplane-procedure-bench");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SSLPLANE_SKIP_BUILD", "true");
        env.put("SSLPLANE_ROOT", root.toString());
        env.put("SSLPLANE_DATA_DIR", dataDir.toString());
        env.put("SSLPLANE_DEMO_INSTANCE", "false");
        for (String port : List.of("KAFKA", "KAFKA_CONTROLLER", "MONGO", "FLEET", "COMMAND", "QUERY", "WORKER")) {
            env.put("SSLPLANE_" + port + "_PORT", String.valueOf(FreePorts.next()));
        }
        var settings = StackSettings.from(env);
        Process stack = startStack(root, dataDir, env);
        try {
            var bench = new ProcedureBenchmark(settings, LocalSecrets.in(dataDir.resolve("secrets")));
            System.out.println("engine | operation | passes | restarts per node | total s | unreachable s per node"
                    + " (max) | client attempts | failed | member down");
            for (String engine : engines) {
                bench.run(engine.trim());
            }
        } finally {
            stack.destroy();
            stack.waitFor();
        }
    }

    private void run(String engine) throws Exception {
        String id = "bench-" + engine.replace('.', '-');
        var registered = new DemoInstance(settings, secrets).register(id, 0, engine);
        if (!registered.ok()) {
            throw new StackException("register " + id + ": " + registered.raw());
        }
        List<NodeAddress> members = awaitMembers(id);
        measure(engine, id, "ssl:enable", null, members, op -> TlsOptions.plain());
        measure(engine, id, "ssl:rotate", null, members, op -> caDownload(id, op));
        measure(engine, id, "ssl:disable", null, members, op -> TlsOptions.plain());

        String forced = id + "-require";
        registered = new DemoInstance(settings, secrets).register(forced, 0, engine);
        if (!registered.ok()) {
            throw new StackException("register " + forced + ": " + registered.raw());
        }
        List<NodeAddress> forcedMembers = awaitMembers(forced);
        measure(engine, forced, "ssl:enable", Map.of("requireTls", true), forcedMembers, op -> null);
        measure(engine, forced, "ssl:disable", null, forcedMembers, op -> null);
    }

    /** How a client connects while operation {@code op} runs; {@code null} for no client. */
    private interface ClientTrust {
        TlsOptions tls(String op) throws Exception;
    }

    /**
     * TLS with the CA download of the moment, taken once the query side shows {@code op} (it follows the events:
     * right after the 202 it may still answer the CA from before the operation).
     */
    private TlsOptions caDownload(String id, String op) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!op.equals(viewer.get(query(id, "/ssl")).body().path("operation").path("operationId").asText())) {
            if (System.nanoTime() > deadline) {
                throw new StackException("the query service does not show " + op + " on " + id);
            }
            Thread.sleep(100);
        }
        return TlsOptions.verified(Pems.trusting(viewer.get(query(id, "/ssl/ca.pem")).raw()));
    }

    private void measure(String engine, String id, String action, Object body, List<NodeAddress> members,
                         ClientTrust trust) throws Exception {
        Map<String, Integer> before = restarts(id);
        var response = operator.post(settings.commandUrl() + "/api/v1/instances/" + id + "/" + action, body);
        if (response.status() != 202) {
            throw new StackException(action + " on " + id + ": " + response.raw());
        }
        String op = response.body().path("operationId").asText();
        TlsOptions tls = trust.tls(op);
        var client = new ClientLoop(members, tls);
        Thread thread = new Thread(client, "bench-client");
        thread.setDaemon(true);
        if (tls != null) {
            thread.start();
        }
        JsonNode operation = awaitEnd(id, op);
        client.stop.set(true);
        if (tls != null) {
            thread.join();
        }
        Map<String, Integer> after = restarts(id);
        Map<String, Long> unreachable = unreachablePerNode(operation);
        var perNode = new TreeMap<String, Integer>();
        after.forEach((node, n) -> perNode.put(node, n - before.getOrDefault(node, 0)));
        String what = body == null ? action : action + " " + body;
        System.out.printf("%s | %s | %d | %s | %.1f | %s (%.1f) | %s | %s | %s%n", engine, what,
                operation.path("passes").size(), perNode.values(), operation.path("totalMillis").asLong() / 1000.0,
                unreachable.values().stream().map(ms -> String.format("%.1f", ms / 1000.0)).toList(),
                unreachable.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0,
                tls == null ? "-" : client.attempts.get(), tls == null ? "-" : client.failures.get(),
                tls == null ? "-" : client.memberDown.get());
        if (client.failures.get() > 0) {
            System.out.println("   first failure: " + client.firstFailure);
        }
    }

    /** Connects to each member in turn until stopped; see the class comment for what counts as a failure. */
    private static final class ClientLoop implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong memberDown = new AtomicLong();
        volatile String firstFailure;
        private final List<NodeAddress> members;
        private final TlsOptions tls;

        ClientLoop(List<NodeAddress> members, TlsOptions tls) {
            this.members = members;
            this.tls = tls;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                for (NodeAddress member : members) {
                    attempts.incrementAndGet();
                    try {
                        NODES.isMaster(member, tls);
                    } catch (NodeClientException e) {
                        if (up(member)) {
                            failures.incrementAndGet();
                            firstFailure = firstFailure == null ? member + ": " + e.getMessage() : firstFailure;
                        } else {
                            memberDown.incrementAndGet();
                        }
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** Whether the member answers at all, plain or over TLS without verification of who it is. */
        private static boolean up(NodeAddress member) {
            for (TlsOptions any : List.of(TlsOptions.plain(), new TlsOptions(Pems.trustingAnyone(), false))) {
                try {
                    NODES.isMaster(member, any);
                    return true;
                } catch (NodeClientException e) {
                    // try the other way
                }
            }
            return false;
        }
    }

    private List<NodeAddress> awaitMembers(String id) throws Exception {
        for (int i = 0; i < 200; i++) {
            var status = viewer.get(query(id, "/ssl"));
            if (status.ok()) {
                List<NodeAddress> members = new ArrayList<>();
                status.body().path("nodes").forEach(n -> members.add(
                        new NodeAddress(n.path("host").asText(), n.path("port").asInt())));
                return members;
            }
            Thread.sleep(300);
        }
        throw new StackException("the query service does not show " + id);
    }

    private JsonNode awaitEnd(String id, String op) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            var response = viewer.get(query(id, "/operations/" + op));
            if (response.ok()) {
                String state = response.body().path("state").asText();
                if (state.equals("COMPLETED")) {
                    return response.body();
                }
                if (state.equals("FAILED")) {
                    throw new StackException(op + " failed: " + response.body().path("failure"));
                }
            }
            Thread.sleep(250);
        }
        throw new StackException(op + " did not end within 15 minutes");
    }

    private Map<String, Integer> restarts(String id) throws Exception {
        Map<String, Integer> restarts = new TreeMap<>();
        fleet.get(settings.fleetUrl() + "/api/v1/instances/" + id + "/nodes").body()
                .forEach(n -> restarts.put(n.path("name").asText(), n.path("restartsSinceFleetStart").asInt()));
        return restarts;
    }

    private static Map<String, Long> unreachablePerNode(JsonNode operation) {
        Map<String, Long> unreachable = new TreeMap<>();
        operation.path("passes").forEach(pass -> pass.path("steps").forEach(step -> unreachable.merge(
                step.path("node").asText(), step.path("unreachableMillis").asLong(0), Long::sum)));
        return unreachable;
    }

    private String query(String id, String path) {
        return settings.queryUrl() + "/api/v1/instances/" + id + path;
    }

    private static Process startStack(Path root, Path dataDir, Map<String, String> env) throws Exception {
        Path log = dataDir.resolve("run-local.log");
        var builder = new ProcessBuilder("bash", "deploy/run-local.sh").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process stack = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (!Files.exists(log) || !Files.readString(log).contains("Stop: Ctrl-C")) {
            if (!stack.isAlive() || System.nanoTime() > deadline) {
                throw new StackException("the local stack did not start; see " + log);
            }
            Thread.sleep(1000);
        }
        return stack;
    }

}
