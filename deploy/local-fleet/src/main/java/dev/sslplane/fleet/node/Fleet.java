package dev.sslplane.fleet.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.fleet.config.FleetProperties;
import dev.sslplane.fleet.pki.NodeKeys;
import dev.sslplane.fleet.pki.Pem;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The fleet: every node of every instance, each on its own loopback port. Operations on one node are
 * serialised on that node; a restart really closes the listener, waits the configured downtime and binds
 * again with the new settings. Nodes on disk are brought back at start-up exactly as they were.
 */
@Service
public class Fleet {

    private static final Logger log = LoggerFactory.getLogger(Fleet.class);

    private final FleetProperties properties;
    private final ObjectMapper mapper;
    private final Map<String, FleetNode> nodes = new ConcurrentHashMap<>();
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(4);

    public Fleet(FleetProperties properties, ObjectMapper mapper) {
        this.properties = properties;
        this.mapper = mapper;
        loadFromDisk();
    }

    private void loadFromDisk() {
        for (Path dir : NodeFiles.existing(properties.dataDir())) {
            var files = new NodeFiles(dir, mapper);
            NodeSettings settings = files.readSettings();
            var node = new FleetNode(files, new MemoryBackend(), settings);
            nodes.put(key(settings.instanceId(), settings.name()), node);
            synchronized (node) {
                try {
                    bind(node, settings.port());
                    log.info("node {}/{} back on port {} (tls={})", settings.instanceId(), settings.name(),
                            node.settings().port(), settings.tls());
                } catch (RuntimeException e) {
                    log.error("node {}/{} could not start: {}", settings.instanceId(), settings.name(),
                            e.getMessage());
                }
            }
        }
    }

    /** Creates the node if it does not exist (and starts it plain); an existing node is left as it is. */
    public NodeStatus ensure(String instanceId, String name, String host, int requestedPort, String role,
                             List<String> altNames) {
        var created = new boolean[1];
        FleetNode node = nodes.computeIfAbsent(key(instanceId, name), k -> {
            created[0] = true;
            var files = new NodeFiles(NodeFiles.dirOf(properties.dataDir(), instanceId, name), mapper);
            return new FleetNode(files, new MemoryBackend(),
                    new NodeSettings(instanceId, name, host, requestedPort, role, altNames, false));
        });
        synchronized (node) {
            if (created[0] || !node.running()) {
                bind(node, node.settings().port());
                log.info("node {}/{} listening on port {}", instanceId, name, node.settings().port());
            }
            return node.status();
        }
    }

    public List<NodeStatus> list(String instanceId) {
        var result = new ArrayList<NodeStatus>();
        nodes.values().forEach(n -> {
            synchronized (n) {
                if (n.settings().instanceId().equals(instanceId)) {
                    result.add(n.status());
                }
            }
        });
        result.sort(Comparator.comparing(NodeStatus::name));
        return result;
    }

    public NodeStatus status(String instanceId, String name) {
        FleetNode node = get(instanceId, name);
        synchronized (node) {
            return node.status();
        }
    }

    /** Makes a fresh key pair on this node and returns a CSR for it; the key stays in the node's directory. */
    public String createCsr(String instanceId, String name, List<String> subjectAltNames) {
        FleetNode node = get(instanceId, name);
        KeyPair keyPair = NodeKeys.generate(properties.keyAlgorithm());
        synchronized (node) {
            List<String> sans = subjectAltNames == null || subjectAltNames.isEmpty()
                    ? node.settings().subjectAltNames() : subjectAltNames;
            String csr = NodeKeys.csr(keyPair, instanceId, name, sans);
            node.files().writePendingKey(Pem.write(keyPair.getPrivate()));
            return csr;
        }
    }

    /** Moves the primary role to another member (the first secondary by name), as {@code rs.stepDown()} would. */
    public NodeStatus stepDown(String instanceId, String name) {
        FleetNode node = get(instanceId, name);
        if (!"PRIMARY".equals(node.settings().role())) {
            return status(instanceId, name);
        }
        nodes.values().stream()
                .filter(n -> n.settings().instanceId().equals(instanceId) && "SECONDARY".equals(n.settings().role()))
                .min(Comparator.comparing(n -> n.settings().name()))
                .ifPresent(n -> {
                    synchronized (n) {
                        n.update(n.settings().withRole("PRIMARY"));
                    }
                });
        synchronized (node) {
            node.update(node.settings().withRole("SECONDARY"));
            return node.status();
        }
    }

    /**
     * Restarts the node: with TLS (plain still accepted) when {@code tls}, using the certificate issued for the
     * node's last CSR, or plain only. Everything is checked before the node goes down, so a bad certificate
     * never costs an outage.
     */
    public NodeStatus restart(String instanceId, String name, boolean tls, String certificateChainPem,
                              String caPem) {
        FleetNode node = get(instanceId, name);
        synchronized (node) {
            String keyPem = null;
            if (tls) {
                keyPem = checkCertificate(node, certificateChainPem, caPem);
            }
            node.countRestart();
            node.stop();
            sleep(properties.restartDowntime().toMillis());
            if (tls) {
                node.files().install(keyPem, certificateChainPem, caPem);
            }
            node.update(node.settings().withTls(tls));
            bind(node, node.settings().port());
            log.info("node {}/{} restarted on port {} (tls={})", instanceId, name, node.settings().port(), tls);
            return node.status();
        }
    }

    /** Returns the PEM of the node key that belongs to the certificate, after checking the certificate. */
    private String checkCertificate(FleetNode node, String certificateChainPem, String caPem) {
        List<X509Certificate> chain = parse(certificateChainPem, "certificatePem");
        List<X509Certificate> anchors = parse(caPem, "caPem");
        X509Certificate leaf = chain.get(0);
        if (!issuedBy(leaf, anchors) && chain.stream().skip(1).noneMatch(
                c -> issuedBy(c, anchors) && issuedBy(leaf, List.of(c)))) {
            throw new FleetException(HttpStatus.UNPROCESSABLE_ENTITY, "CERTIFICATE_NOT_ISSUED_BY_CA",
                    "the certificate was not issued by the given CA");
        }
        for (String candidate : List.of(node.files().pendingKey().orElse(""), node.files().activeKey().orElse(""))) {
            if (!candidate.isEmpty() && matches(Pem.readPrivateKey(candidate), leaf.getPublicKey(), chain)) {
                return candidate;
            }
        }
        throw new FleetException(HttpStatus.UNPROCESSABLE_ENTITY, "CERTIFICATE_KEY_MISMATCH",
                "the certificate does not belong to a key of this node; request a CSR first");
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey, List<X509Certificate> chain) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            FleetNode.buildContext(key, chain);
            var signature = java.security.Signature.getInstance(
                    "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA");
            byte[] probe = "sslplane-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            signature.initSign(key);
            signature.update(probe);
            byte[] signed = signature.sign();
            signature.initVerify(publicKey);
            signature.update(probe);
            return signature.verify(signed);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean issuedBy(X509Certificate certificate, List<X509Certificate> issuers) {
        for (X509Certificate issuer : issuers) {
            try {
                certificate.verify(issuer.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                // not this one
            }
        }
        return false;
    }

    private static List<X509Certificate> parse(String pem, String field) {
        try {
            return Pem.readCertificates(pem);
        } catch (IllegalArgumentException e) {
            throw new FleetException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", field + ": " + e.getMessage());
        }
    }

    /** Binds the node, on its own port if free, otherwise on the first free port from the configured base. */
    private void bind(FleetNode node, int preferredPort) {
        if (preferredPort > 0 && tryBind(node, preferredPort)) {
            return;
        }
        for (int port = properties.nodePortBase(); port <= properties.nodePortMax(); port++) {
            if (port != preferredPort && !portTaken(port) && tryBind(node, port)) {
                return;
            }
        }
        throw new FleetException(HttpStatus.SERVICE_UNAVAILABLE, "NO_FREE_PORT",
                "no free port between " + properties.nodePortBase() + " and " + properties.nodePortMax());
    }

    private boolean portTaken(int port) {
        return nodes.values().stream().anyMatch(n -> n.settings().port() == port && n.running());
    }

    private boolean tryBind(FleetNode node, int port) {
        try {
            int bound = node.start(boss, workers, properties.bindAddress(), port);
            if (bound != node.settings().port()) {
                node.update(node.settings().withPort(bound));
            } else {
                node.files().writeSettings(node.settings());
            }
            return true;
        } catch (Exception e) {
            // Netty throws the checked BindException without declaring it
            if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
                return false;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private FleetNode get(String instanceId, String name) {
        FleetNode node = nodes.get(key(instanceId, name));
        if (node == null) {
            throw new FleetException(HttpStatus.NOT_FOUND, "NODE_NOT_FOUND",
                    "no node " + name + " in instance " + instanceId);
        }
        return node;
    }

    private static String key(String instanceId, String name) {
        return instanceId + "/" + name;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void shutdown() {
        nodes.values().forEach(n -> {
            synchronized (n) {
                n.close();
            }
        });
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
