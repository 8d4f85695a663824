package dev.sslplane.worker.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.model.SystemdTarget.SystemdHost;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeTlsConfig;
import dev.sslplane.nodeclient.FreePorts;
import dev.sslplane.worker.support.Events;
import dev.sslplane.testsupport.FleetProcess;
import dev.sslplane.worker.support.SshHost;
import dev.sslplane.testsupport.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The systemd operator over real SSH (an Apache MINA SSHD server in this JVM, its commands real processes) on
 * local-fleet nodes that read the config file the operator writes: the bytes that would configure a real mongod
 * configure the test node. Each failure the operator knows is provoked for real and checked for its reason and
 * for the config file it leaves behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemdNodeOperatorIT {

    @TempDir
    static Path work;

    private FleetProcess fleet;
    private SshHost ssh;
    private SystemdHosts hosts;
    private SshConnector connector;
    private SystemdNodeOperator operator;
    private final TestCa ca = new TestCa("systemd IT CA");

    @BeforeAll
    void start() throws Exception {
        fleet = new FleetProcess(work.resolve("fleet"), "systemd-it-token", "200ms").start();
        ssh = SshHost.start(work.resolve("ssh"));
        hosts = new SystemdHosts(fleet, work.resolve("fleet"), ssh, work.resolve("scripts"));
        connector = new SshConnector(Duration.ofSeconds(10));
        operator = new SystemdNodeOperator(connector, settings(Duration.ofSeconds(60)));
    }

    @AfterAll
    void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (ssh != null) {
            ssh.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void enableWritesEachEnginesDialectAndTheKeyNeverLeavesTheHost() throws Exception {
        for (EngineVersion engine : List.of(EngineVersion.V3_4, EngineVersion.V4_2)) {
            String id = "sd-enable-" + engine.version().replace('.', '-');
            NodeSpec node = createNode(id, engine);
            InstanceRef instance = instance(id, engine, node);

            String csr = operator.createCsr(instance, node, node.subjectAltNames()).block();
            assertThat(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----").doesNotContain("PRIVATE KEY");
            TestCa.Issued issued = ca.issue(csr);
            assertThat(issued.subjectAltNames()).containsExactlyElementsOf(node.subjectAltNames());
            operator.restart(instance, node, new NodeTlsConfig(engine, TlsMode.ALLOW,
                    NodeTlsConfig.Certificate.replaceWith(issued.pem()),
                    NodeTlsConfig.CaFile.replaceWith(List.of(ca.pem())))).block();
            operator.persistMode(instance, node, NodeTlsConfig.modeOnly(engine, TlsMode.PREFER)).block();

            var status = fleet.status(id, node.name());
            assertThat(status.path("state").asText()).isEqualTo("RUNNING");
            assertThat(status.path("tlsMode").asText()).as("as started; prefer is only written").isEqualTo("allow");
            assertThat(status.path("certificateSerial").asText()).isEqualToIgnoringCase(issued.serial().toString(16));
            assertThat(operator.trustedCaSerials(instance, node).block())
                    .containsExactly(Events.caInfo(ca).serial());

            String written = Files.readString(hosts.configFile(id, node.name()));
            assertThat(normalized(written, id, node)).isEqualTo(golden("mongod-" + engine.version() + ".conf"));
            Map<String, Object> tls = section(section(new Yaml().load(written), "net"),
                    engine.tlsDialect() ? "tls" : "ssl");
            assertThat(tls.get("mode")).isEqualTo(engine.tlsDialect() ? "preferTLS" : "preferSSL");
            Path keyFile = Path.of((String) tls.get(engine.tlsDialect() ? "certificateKeyFile" : "PEMKeyFile"));
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(Path.of((String) tls.get("CAFile"))))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(keyFile)).contains("PRIVATE KEY").contains(issued.pem().strip());
            assertThat(hosts.tlsDirectory(id, node.name()).resolve(HostScripts.PENDING_KEY)).doesNotExist();
        }
        assertThat(ssh.transcript()).isNotEmpty().allSatisfy(exchange -> assertThat(exchange.stdin()
                + exchange.stdout() + exchange.stderr()).as(exchange.command()).doesNotContain("PRIVATE KEY"));
    }

    @Test
    void everySettingTheOperatorDoesNotOwnSurvivesWithItsComments() throws Exception {
        String id = "sd-survive";
        NodeSpec node = createNode(id, EngineVersion.V4_2);
        Path config = hosts.configFile(id, node.name());
        String fleetWrote = Files.readString(config);
        String port = "  port: " + node.port() + "\n";
        String admin = fleetWrote.replace(port, port + """
                  maxIncomingConnections: 2000   # sized for the app servers
                  compression:
                    compressors: snappy,zstd
                """) + """
                # logging, as the DBA team wants it
                systemLog:
                  destination: file
                  path: /var/log/mongodb/mongod.log
                  logAppend: true
                operationProfiling:
                  mode: slowOp
                  slowOpThresholdMs: 250
                setParameter:
                  enableLocalhostAuthBypass: false
                """;
        Files.writeString(config, admin);
        InstanceRef instance = instance(id, EngineVersion.V4_2, node);
        String csr = operator.createCsr(instance, node, node.subjectAltNames()).block();
        operator.restart(instance, node, new NodeTlsConfig(EngineVersion.V4_2, TlsMode.ALLOW,
                NodeTlsConfig.Certificate.replaceWith(ca.sign(csr)),
                NodeTlsConfig.CaFile.replaceWith(List.of(ca.pem())))).block();

        String written = Files.readString(config);
        assertThat(written).contains("  tls:\n    mode: allowTLS\n");
        assertThat(written.replaceFirst("(?m)^  tls:\n(    .*\n)+", ""))
                .as("everything but the new net.tls section, as the administrator wrote it").isEqualTo(admin);
        assertThat(fleet.status(id, node.name()).path("tlsMode").asText()).isEqualTo("allow");
    }

    @Test
    void anUnreachableHostIsWorthRetryingAndSaysSo() {
        String id = "sd-unreachable";
        NodeSpec node = new NodeSpec("a", "127.0.0.1", FreePorts.next(), NodeRole.PRIMARY, List.of());
        var nowhere = new SystemdTarget(SystemdHosts.currentUser(), ssh.privateKeyFile().toString(),
                ssh.knownHostsFile().toString(), false, "true", null, null, null,
                List.of(new SystemdHost("a", "127.0.0.1", FreePorts.next(), null, null, null)));
        var failure = failure(() -> operator.persistMode(systemd(id, EngineVersion.V4_2, nowhere), node,
                allow(EngineVersion.V4_2)).block());
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("cannot reach 127.0.0.1:", "over SSH");
    }

    @Test
    void anUnknownOrChangedHostKeyRefusesTheHost() throws Exception {
        String id = "sd-hostkey";
        NodeSpec node = createNode(id, EngineVersion.V4_0);
        Path config = hosts.configFile(id, node.name());
        String before = Files.readString(config);

        Path unknown = Files.writeString(ssh.knownHostsFile().resolveSibling("known_hosts_empty"), "");
        var refused = failure(() -> operator.persistMode(instance(id, EngineVersion.V4_0, node, unknown), node,
                allow(EngineVersion.V4_0)).block());
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).contains("host key of 127.0.0.1:" + ssh.port() + " refused",
                "no entry for this host");

        Path other = Files.copy(ssh.knownHostsFile(), ssh.knownHostsFile().resolveSibling("known_hosts_other"));
        ssh.knownHostsExpectAnotherKey();
        Files.move(ssh.knownHostsFile(), other, StandardCopyOption.REPLACE_EXISTING);
        ssh.knownHostsTrustThisHost();
        var changed = failure(() -> operator.persistMode(instance(id, EngineVersion.V4_0, node, other), node,
                allow(EngineVersion.V4_0)).block());
        assertThat(changed.retryable()).isFalse();
        assertThat(changed.getMessage()).contains("CHANGED");
        assertThat(Files.readString(config)).as("nothing was written").isEqualTo(before);
    }

    @Test
    void aKnownHostsFileWithAnotherOfTheHostsKeysIsEnough() throws Exception {
        String id = "sd-rsa-only";
        NodeSpec node = createNode(id, EngineVersion.V4_2);
        Path rsaOnly = ssh.knownHostsWithItsRsaKeyOnly(ssh.knownHostsFile().resolveSibling("known_hosts_rsa"));
        operator.persistMode(instance(id, EngineVersion.V4_2, node, rsaOnly), node,
                NodeTlsConfig.modeOnly(EngineVersion.V4_2, TlsMode.DISABLED)).block();
        assertThat(Files.readString(hosts.configFile(id, node.name()))).contains("  tls:\n    mode: disabled");
    }

    @Test
    void permissionDeniedIsTheReasonAndTheConfigStaysAsItWas() throws Exception {
        String id = "sd-denied";
        NodeSpec node = createNode(id, EngineVersion.V4_2);
        // a config file the SSH user may read but not replace: root's directory for another user, or, when the
        // tests do not run as root, a directory its own user made read-only
        boolean root = "root".equals(SystemdHosts.currentUser());
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sslplane-denied");
        Path config = Files.writeString(dir.resolve("mongod.conf"),
                Files.readString(hosts.configFile(id, node.name())));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(root ? "rwxr-xr-x" : "r-xr-xr-x"));
        String before = Files.readString(config);
        var target = new SystemdTarget(root ? "nobody" : SystemdHosts.currentUser(),
                ssh.privateKeyFile().toString(), ssh.knownHostsFile().toString(), false, "true", config.toString(),
                null, null, List.of(new SystemdHost("a", "127.0.0.1",
                        ssh.port(), null, null, null)));
        var denied = failure(() -> operator.persistMode(systemd(id, EngineVersion.V4_2, target), node,
                allow(EngineVersion.V4_2)).block());
        assertThat(denied.retryable()).isFalse();
        assertThat(denied.getMessage()).contains("writing the mongod config file (not changed)", "permission denied",
                "Permission denied");
        assertThat(Files.readString(config)).isEqualTo(before);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aFullDiskIsTheReasonAndTheConfigStaysAsItWas() throws Exception {
        String id = "sd-full";
        NodeSpec node = createNode(id, EngineVersion.V4_2);
        Path config = hosts.configFile(id, node.name());
        String before = Files.readString(config);
        // the kernel's /dev/full answers every write with ENOSPC, as a full file system does
        Files.createSymbolicLink(config.resolveSibling("mongod.conf.sslplane-new"), Path.of("/dev/full"));
        var full = failure(() -> operator.persistMode(instance(id, EngineVersion.V4_2, node), node,
                allow(EngineVersion.V4_2)).block());
        assertThat(full.retryable()).isFalse();
        assertThat(full.getMessage()).contains("disk full", "No space left on device");
        assertThat(Files.readString(config)).isEqualTo(before);
        assertThat(config.resolveSibling("mongod.conf.sslplane-new")).doesNotExist();
    }

    @Test
    void aConfigMongodRefusesIsRolledBackAndTheNodeRunsAsBefore() throws Exception {
        String id = "sd-refused";
        NodeSpec node = createNode(id, EngineVersion.V4_0);
        InstanceRef instance = instance(id, EngineVersion.V4_0, node);
        Path config = hosts.configFile(id, node.name());
        String before = Files.readString(config);
        long restartsBefore = fleet.status(id, node.name()).path("restartsSinceFleetStart").asLong();

        String csr = operator.createCsr(instance, node, node.subjectAltNames()).block();
        // the key the CSR was made for is lost on the host: the certificate no longer matches the key file
        Path pending = hosts.tlsDirectory(id, node.name()).resolve(HostScripts.PENDING_KEY);
        Files.writeString(pending, unrelatedKey());
        var refused = failure(() -> operator.restart(instance, node, new NodeTlsConfig(EngineVersion.V4_0,
                TlsMode.ALLOW, NodeTlsConfig.Certificate.replaceWith(ca.sign(csr)),
                NodeTlsConfig.CaFile.replaceWith(List.of(ca.pem())))).block());

        assertThat(refused.code()).isEqualTo(NodeFailureCode.NODE_START_FAILED);
        assertThat(refused.getMessage()).contains("mongod did not start with the new config", "key values mismatch",
                "the previous config file is back and mongod runs with it");
        assertThat(Files.readString(config)).isEqualTo(before);
        var status = fleet.status(id, node.name());
        assertThat(status.path("state").asText()).isEqualTo("RUNNING");
        assertThat(status.path("tlsMode").asText()).isEqualTo("disabled");
        assertThat(status.path("restartsSinceFleetStart").asLong()).as("the refused start, then the previous config")
                .isEqualTo(restartsBefore + 2);
    }

    @Test
    void aRestartThatHangsTimesOutAndTheConfigIsRestored() throws Exception {
        String id = "sd-hang";
        NodeSpec node = createNode(id, EngineVersion.V4_2);
        Path config = hosts.configFile(id, node.name());
        String before = Files.readString(config);
        var target = hosts.target(id, List.of(node), SystemdHosts.currentUser(), ssh.knownHostsFile(), "sleep 30");
        var impatient = new SystemdNodeOperator(connector, settings(Duration.ofSeconds(2)));
        var hung = failure(() -> impatient.restart(systemd(id, EngineVersion.V4_2, target), node,
                NodeTlsConfig.modeOnly(EngineVersion.V4_2, TlsMode.DISABLED)).block());
        assertThat(hung.code()).isEqualTo(NodeFailureCode.NODE_START_FAILED);
        assertThat(hung.getMessage()).contains("command timed out after 2 s", "restarting a",
                "the previous config file is back");
        assertThat(Files.readString(config)).isEqualTo(before);
    }

    @Test
    void credentialsOutsideTheCredentialsDirectoryAreNeverRead() throws Exception {
        String id = "sd-outside";
        NodeSpec node = createNode(id, EngineVersion.V4_2);
        var target = new SystemdTarget(SystemdHosts.currentUser(), "/etc/shadow",
                ssh.knownHostsFile().toString(), false, null, null, null, null, List.of());
        var refused = failure(() -> operator.persistMode(systemd(id, EngineVersion.V4_2, target), node,
                allow(EngineVersion.V4_2)).block());
        assertThat(refused.getMessage()).contains("privateKeyFile /etc/shadow is outside", "credentials directory");
    }

    private NodeSpec createNode(String id, EngineVersion engine) {
        var node = new NodeSpec("a", "127.0.0.1", FreePorts.next(), NodeRole.PRIMARY, List.of("localhost"));
        fleet.createNode(id, node, engine.version());
        return node;
    }

    private static InstanceRef systemd(String id, EngineVersion engine, SystemdTarget target) {
        return new InstanceRef(id, 0, engine, NodeOperatorTarget.systemd(target));
    }

    private static NodeTlsConfig allow(EngineVersion engine) {
        return NodeTlsConfig.modeOnly(engine, TlsMode.ALLOW);
    }

    private InstanceRef instance(String id, EngineVersion engine, NodeSpec node) {
        return new InstanceRef(id, 0, engine, hosts.target(id, List.of(node)));
    }

    private InstanceRef instance(String id, EngineVersion engine, NodeSpec node, Path knownHosts) {
        return systemd(id, engine, hosts.target(id, List.of(node), SystemdHosts.currentUser(), knownHosts,
                hosts.restartCommand(id)));
    }

    private static String unrelatedKey() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static SystemdSettings settings(Duration restartTimeout) {
        return new SystemdSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), restartTimeout, work);
    }

    private static NodeOperatorException failure(Runnable call) {
        return catchThrowableOfType(NodeOperatorException.class, call::run);
    }

    /** The written file with what differs from run to run (directories, port, serial, digest) named instead. */
    private String normalized(String written, String id, NodeSpec node) {
        return written.replace(hosts.tlsDirectory(id, node.name()).toString(), "<tls>")
                .replace(hosts.configFile(id, node.name()).getParent().toString(), "<node-dir>")
                .replace("port: " + node.port(), "port: <port>")
                .replace("replSetName: " + id, "replSetName: <instance>")
                .replaceAll("node-[0-9a-f]+\\.pem", "node-<serial>.pem")
                .replaceAll("ca-[0-9a-f]{16}\\.pem", "ca-<digest>.pem");
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = SystemdNodeOperatorIT.class.getResourceAsStream("/systemd/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Object parent, String key) {
        return (Map<String, Object>) ((Map<String, Object>) parent).get(key);
    }
}
