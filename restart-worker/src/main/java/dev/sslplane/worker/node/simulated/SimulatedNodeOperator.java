package dev.sslplane.worker.node.simulated;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.worker.health.HealthExpectation;
import dev.sslplane.worker.health.NodeProbe;
import dev.sslplane.worker.health.ProbeResult;
import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.node.NodeState;
import dev.sslplane.worker.node.TlsSettings;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Nodes without a network: each restart takes a modelled downtime, then the node "runs" with the new settings.
 * Keys (Ed25519) and CSRs are real, and a certificate that does not match the node's key is refused, so the
 * CSR relay is exercised end to end.
 *
 * <p>Downtime model: {@code base + perThousand × max(0, collections − threshold) / 1000}, times
 * {@code timeScale}. With the defaults (30 s, 1 s, 10,000) an instance with 40,000 collections needs 60 s
 * per node. Faults per node (for demos and tests): FAIL (restart errors), HANG (restart never ends),
 * UNHEALTHY (restarts but never answers).
 */
public class SimulatedNodeOperator implements NodeOperator, NodeProbe {

    public enum Fault { FAIL, HANG, UNHEALTHY }

    /** BouncyCastle's Ed25519 is many times faster than the JDK 17 one. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** {@code pendingKey}: the encoded public key (SubjectPublicKeyInfo) of the key made for the next certificate. */
    private record SimNode(boolean up, boolean tls, String caPem, byte[] pendingKey) {
    }

    /** A key and CSR a node made ahead of the request, for exactly these names. */
    private record PreparedCsr(List<String> subjectAltNames, byte[] publicKey, String csrPem) {
    }

    private final Duration base;
    private final Duration perThousand;
    private final int threshold;
    private final double timeScale;
    private final Map<String, SimNode> nodes = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, NodeRole> roleOverrides = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> restarts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> stepDowns = new ConcurrentHashMap<>();
    /** Keys and CSRs made ahead ({@link #prepareCsr}), by node; each used once. */
    private final Map<String, PreparedCsr> preparedCsrs = new ConcurrentHashMap<>();
    private final AtomicInteger down = new AtomicInteger();
    private final AtomicInteger mostDown = new AtomicInteger();

    public SimulatedNodeOperator(Duration base, Duration perThousand, int threshold, double timeScale) {
        this.base = base;
        this.perThousand = perThousand;
        this.threshold = threshold;
        this.timeScale = timeScale;
    }

    /** Parses {@code instanceId/nodeName=FAIL|HANG|UNHEALTHY}. */
    public void configureFaults(List<String> entries) {
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            String[] id = kv[0].trim().split("/", 2);
            if (kv.length != 2 || id.length != 2) {
                throw new IllegalArgumentException("fault must look like instanceId/nodeName=FAIL: " + entry);
            }
            fault(id[0], id[1], Fault.valueOf(kv[1].trim()));
        }
    }

    public void fault(String instanceId, String nodeName, Fault fault) {
        faults.put(key(instanceId, nodeName), fault);
    }

    public void clearFault(String instanceId, String nodeName) {
        faults.remove(key(instanceId, nodeName));
    }

    /** Tests: the node now has this role, whatever was registered. */
    public void role(String instanceId, String nodeName, NodeRole role) {
        roleOverrides.put(key(instanceId, nodeName), role);
    }

    /** How many restarts of this node were issued through this operator. */
    public int restarts(String instanceId, String nodeName) {
        var count = restarts.get(key(instanceId, nodeName));
        return count == null ? 0 : count.get();
    }

    public int stepDowns(String instanceId, String nodeName) {
        var count = stepDowns.get(key(instanceId, nodeName));
        return count == null ? 0 : count.get();
    }

    /** The most nodes that were down at the same time (restarted through this operator, not yet up again). */
    public int mostNodesDownAtOnce() {
        return mostDown.get();
    }

    /**
     * Has the node make its next key and CSR now; the next {@link #createCsr} for it with the same names returns
     * them. A real node makes its key and CSR on its own machine, so a benchmark prepares them before its clock
     * starts: what it measures is the worker's CPU (asking for the CSR, relaying it, handing the chain over), not
     * the nodes'.
     */
    public void prepareCsr(String instanceId, String nodeName, List<String> subjectAltNames) {
        preparedCsrs.put(key(instanceId, nodeName), newCsr(instanceId, nodeName, subjectAltNames));
    }

    private static PreparedCsr newCsr(String instanceId, String nodeName, List<String> subjectAltNames) {
        try {
            // Ed25519: a real key and CSR at a fraction of the CPU of P-256; simulated nodes never speak TLS
            KeyPair keyPair = newKeyPair();
            var extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    subjectAltNames.stream().map(SimulatedNodeOperator::generalName).toArray(GeneralName[]::new)));
            var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "sslplane")
                    .addRDN(BCStyle.OU, instanceId).addRDN(BCStyle.CN, nodeName).build();
            var csr = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("Ed25519").setProvider(BC).build(keyPair.getPrivate()));
            var out = new StringWriter();
            try (var writer = new JcaPEMWriter(out)) {
                writer.writeObject(csr);
            }
            return new PreparedCsr(List.copyOf(subjectAltNames), keyPair.getPublic().getEncoded(), out.toString());
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make a CSR", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519", BC).generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Duration downtime(int collectionCount) {
        long extra = Math.max(0, collectionCount - threshold) * perThousand.toMillis() / 1000;
        return Duration.ofMillis(Math.round((base.toMillis() + extra) * timeScale));
    }

    @Override
    public Mono<List<NodeState>> inspect(InstanceRef instance, List<NodeSpec> specs) {
        String instanceId = instance.instanceId();
        return Mono.fromSupplier(() -> specs.stream().map(spec -> new NodeState(spec,
                roleOverrides.getOrDefault(key(instanceId, spec.name()), spec.role()), spec.host(), spec.port()))
                .toList());
    }

    @Override
    public Mono<String> createCsr(InstanceRef instance, NodeState node, List<String> subjectAltNames) {
        String instanceId = instance.instanceId();
        return Mono.fromCallable(() -> {
            String key = key(instanceId, node.name());
            PreparedCsr prepared = preparedCsrs.remove(key);
            PreparedCsr csr = prepared != null && prepared.subjectAltNames().equals(subjectAltNames) ? prepared
                    : newCsr(instanceId, node.name(), subjectAltNames);
            nodes.compute(key, (k, n) -> n == null
                    ? new SimNode(true, false, null, csr.publicKey())
                    : new SimNode(n.up(), n.tls(), n.caPem(), csr.publicKey()));
            return csr.csrPem();
        }).subscribeOn(Schedulers.parallel()); // key generation is CPU work: never on the caller's I/O thread
    }

    @Override
    public Mono<Void> stepDown(InstanceRef instance, NodeState node) {
        // a simulated primary steps down and is re-elected after its restart, so roles do not change
        return Mono.fromRunnable(() -> stepDowns.computeIfAbsent(key(instance.instanceId(), node.name()),
                k -> new AtomicInteger()).incrementAndGet());
    }

    @Override
    public Mono<Void> restart(InstanceRef instance, NodeState node, TlsSettings settings) {
        String key = key(instance.instanceId(), node.name());
        return Mono.defer(() -> {
            restarts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            SimNode current = nodes.getOrDefault(key, new SimNode(true, false, null, null));
            if (settings.tls() && !matchesKey(current.pendingKey(), settings.certificatePem())) {
                return Mono.error(new NodeOperatorException(
                        "the certificate does not belong to the node's key", false));
            }
            nodes.put(key, new SimNode(false, current.tls(), current.caPem(), current.pendingKey()));
            Fault fault = faults.get(key);
            if (fault == Fault.FAIL) {
                return Mono.error(new NodeOperatorException("simulated restart failure", false));
            }
            if (fault == Fault.HANG) {
                return Mono.never();
            }
            mostDown.accumulateAndGet(down.incrementAndGet(), Math::max);
            // counted up before the caller hears of it: doFinally alone would run after the caller had moved on
            var stillDown = new AtomicBoolean(true);
            Runnable up = () -> {
                if (stillDown.compareAndSet(true, false)) {
                    down.decrementAndGet();
                }
            };
            return Mono.delay(downtime(instance.collectionCount()))
                    .doOnNext(t -> {
                        nodes.put(key, new SimNode(true, settings.tls(), settings.caPem(), null));
                        up.run();
                    })
                    .doFinally(signal -> up.run())
                    .then();
        });
    }

    @Override
    public Mono<ProbeResult> check(InstanceRef instance, NodeState node, HealthExpectation expectation) {
        String key = key(instance.instanceId(), node.name());
        return Mono.fromSupplier(() -> probe(key, expectation));
    }

    private ProbeResult probe(String key, HealthExpectation expectation) {
        if (faults.get(key) == Fault.UNHEALTHY) {
            return ProbeResult.unhealthy("node does not answer ping");
        }
        SimNode node = nodes.get(key);
        if (node == null || !node.up()) {
            return ProbeResult.unhealthy("node does not answer ping");
        }
        if (node.tls() != expectation.tls()) {
            return ProbeResult.unhealthy(expectation.tls() ? "TLS is not offered" : "TLS is still offered");
        }
        if (expectation.tls() && !expectation.caPem().equals(node.caPem())) {
            return ProbeResult.unhealthy("TLS certificate not verified by the new CA");
        }
        return ProbeResult.ok();
    }

    /** Compares the encoded public keys: an ASN.1 read of the first certificate, no certificate object built. */
    private static boolean matchesKey(byte[] expected, String certificatePem) {
        if (expected == null || certificatePem == null) {
            return false;
        }
        try (var reader = new PemReader(new StringReader(certificatePem))) {
            PemObject pem = reader.readPemObject();
            return pem != null && "CERTIFICATE".equals(pem.getType()) && Arrays.equals(
                    Certificate.getInstance(pem.getContent()).getSubjectPublicKeyInfo().getEncoded(), expected);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static GeneralName generalName(String name) {
        return IPV4.matcher(name).matches() || name.contains(":")
                ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name);
    }

    private static String key(String instanceId, String nodeName) {
        return instanceId + "/" + nodeName;
    }
}
