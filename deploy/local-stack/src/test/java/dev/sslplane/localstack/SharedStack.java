package dev.sslplane.localstack;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.localstack.chaos.StallingProxy;
import dev.sslplane.nodeclient.FreePorts;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local stack per test JVM, started as the README says ({@code deploy/run-local.sh}, build skipped because
 * Maven just built it, free ports, its own data directory, no demo instance), shared by every class annotated
 * {@link Uses}. It lives in the root extension store, so JUnit stops it once, after the last test of the JVM.
 *
 * <p>The classes that use it carry the tag {@value #TAG}: the module's POM runs them in a Failsafe execution of
 * their own (their own JVM, after the other ITs), so this stack never runs beside the acceptance test's or the
 * console test's stack, and its lifetime is exactly theirs.
 */
public final class SharedStack implements BeforeAllCallback, ParameterResolver {

    public static final String TAG = "shared-stack";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    /** Marks a test class that runs against the shared stack; it gets the stack as a {@code @BeforeAll} parameter. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Tag(TAG)
    @ExtendWith(SharedStack.class)
    public @interface Uses {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    private static Stack stack(ExtensionContext context) {
        Holder holder = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Holder.class, key -> Holder.start(), Holder.class);
        if (holder.failure != null) {
            // one failed start is reported to every class, not retried once per class
            throw new IllegalStateException("the shared local stack did not start", holder.failure);
        }
        return holder.stack;
    }

    /** The stack or why it did not start; closed by JUnit at the end of the run. */
    private static final class Holder implements ExtensionContext.Store.CloseableResource {
        private final Stack stack;
        private final RuntimeException failure;

        private Holder(Stack stack, RuntimeException failure) {
            this.stack = stack;
            this.failure = failure;
        }

        static Holder start() {
            try {
                return new Holder(Stack.start(), null);
            } catch (Exception e) {
                return new Holder(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
            }
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.stop();
            }
        }
    }

    /** The running stack: its URLs, its tokens, and fleet nodes for new instances. */
    public static final class Stack {
        private final StackLauncher launcher;
        private final StackSettings settings;
        private final StallingProxy commandMongoProxy;
        private final long startMillis;

        private Stack(StackLauncher launcher, StallingProxy commandMongoProxy, long startMillis) {
            this.launcher = launcher;
            this.settings = launcher.settings();
            this.commandMongoProxy = commandMongoProxy;
            this.startMillis = startMillis;
        }

        /**
         * Two command services and two restart workers (the chaos suite kills one of each at a time), the command
         * services reaching MongoDB through a proxy the chaos suite can stall, and a fleet sized for many nodes.
         */
        static Stack start() throws Exception {
            long started = System.nanoTime();
            int mongoPort = FreePorts.next();
            int proxyPort = FreePorts.next();
            var proxy = new StallingProxy(proxyPort, mongoPort);
            try {
                var launcher = StackLauncher.start("sslplane-shared-stack", Map.of(
                        "SSLPLANE_DEMO_INSTANCE", "false",
                        "SSLPLANE_COMMAND_REPLICAS", "2",
                        "SSLPLANE_WORKER_REPLICAS", "2",
                        "SSLPLANE_MONGO_PORT", String.valueOf(mongoPort),
                        "SSLPLANE_COMMAND_MONGO_PORT", String.valueOf(proxyPort),
                        // the chaos suite's 150 nodes on two cores: heartbeats closer to mongod's (2 s, 10 s) than
                        // the fleet's quick defaults, so a busy machine is not taken for a partition; EC node keys
                        "SSLPLANE_FLEET_HEARTBEAT_INTERVAL", "1s",
                        "SSLPLANE_FLEET_HEARTBEAT_TIMEOUT", "6s",
                        "SSLPLANE_FLEET_KEY_ALGORITHM", "EC"));
                var stack = new Stack(launcher, proxy, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                System.out.println("[shared-stack] started in " + stack.startMillis + " ms (data "
                        + launcher.dataDir() + ")");
                return stack;
            } catch (Exception | Error e) {
                proxy.close();
                throw e;
            }
        }

        void stop() {
            launcher.close();
            commandMongoProxy.close();
        }

        /** Every command service replica's URL, the first one first. */
        public List<String> commandUrls() {
            List<String> urls = new ArrayList<>();
            for (int replica = 1; replica <= settings.commandReplicas(); replica++) {
                urls.add("http://127.0.0.1:" + StackSettings.replicaPort(settings.commandPort(), replica));
            }
            return urls;
        }

        /** The proxy between the command services and MongoDB. */
        public StallingProxy commandMongoProxy() {
            return commandMongoProxy;
        }

        /** The data directory, where the supervisor's {@code status.json} is. */
        public Path dataDir() {
            return launcher.dataDir();
        }

        /** A database of the stack's MongoDB, directly (not through the proxy). */
        public String mongoUri(String database) {
            return settings.mongoUri(database);
        }

        /** The secrets scan of this stack. */
        public StackSecretScan secretScan() {
            return new StackSecretScan(settings);
        }

        public String fleetUrl() {
            return settings.fleetUrl();
        }

        public String fleetToken() throws IOException {
            return LocalSecrets.in(settings.dataDir().resolve("secrets")).fleetToken();
        }

        public String commandUrl() {
            return settings.commandUrl();
        }

        public String queryUrl() {
            return settings.queryUrl();
        }

        public String kafkaBootstrap() {
            return settings.kafkaBootstrap();
        }

        public Path projectRoot() {
            return settings.projectRoot();
        }

        /** Where the stack's processes write their logs (one file each), and the launcher's output. */
        public List<Path> logFiles() throws IOException {
            List<Path> files = new ArrayList<>();
            files.add(launcher.logFile());
            try (var logs = Files.list(launcher.dataDir().resolve("logs"))) {
                logs.forEach(files::add);
            }
            return files;
        }

        /** The plain API token of a role, as the stack made it on first start. */
        public String token(Role role) throws IOException {
            return LocalSecrets.in(settings.dataDir().resolve("secrets")).apiToken(role);
        }

        /** How long the start took, for the ITs' report. */
        public long startMillis() {
            return startMillis;
        }

        /**
         * Three fleet nodes (engine 4.2) for {@code instanceId} that form a healthy replica set, as a registration
         * names them; the instance itself is not registered.
         */
        public List<NodeSpec> replicaSet(String instanceId) throws Exception {
            var fleetNodes = new DemoInstance(settings, LocalSecrets.in(settings.dataDir().resolve("secrets")))
                    .createNodes(instanceId, 0, "4.2");
            List<NodeSpec> nodes = new ArrayList<>();
            for (Map<String, Object> node : fleetNodes) {
                @SuppressWarnings("unchecked")
                List<String> altNames = (List<String>) node.get("altNames");
                nodes.add(new NodeSpec((String) node.get("name"), (String) node.get("host"), (int) node.get("port"),
                        NodeRole.valueOf((String) node.get("role")), altNames));
            }
            return nodes;
        }
    }
}
