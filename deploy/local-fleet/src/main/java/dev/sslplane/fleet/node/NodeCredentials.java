package dev.sslplane.fleet.node;

import dev.sslplane.fleet.config.FleetProperties;
import dev.sslplane.fleet.pki.KeyAndChain;
import dev.sslplane.fleet.pki.KeyMatch;
import dev.sslplane.fleet.pki.NodeKeys;
import dev.sslplane.fleet.pki.Pem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A node's key and PEM files, handled as on a host: the key is made on the node and never leaves it; a
 * certificate is accepted only for a key the node holds. Nothing here restarts the node: mongod 3.4–4.2
 * reads these files only at start.
 */
@Service
public class NodeCredentials {

    private final Fleet fleet;
    private final FleetProperties properties;

    public NodeCredentials(Fleet fleet, FleetProperties properties) {
        this.fleet = fleet;
        this.properties = properties;
    }

    /** Makes a fresh key pair on the node (kept as the pending key) and returns a CSR for it. */
    public String createCsr(String instanceId, String name, List<String> subjectAltNames) {
        FleetNode node = fleet.node(instanceId, name);
        KeyPair keyPair = NodeKeys.generate(properties.keyAlgorithm());
        synchronized (node) {
            List<String> sans = subjectAltNames == null || subjectAltNames.isEmpty()
                    ? node.settings().subjectAltNames() : subjectAltNames;
            String csr = NodeKeys.csr(keyPair, instanceId, name, sans);
            node.files().writePendingKey(Pem.write(keyPair.getPrivate()));
            return csr;
        }
    }

    /** Writes server.pem = the matching key (pending or active) + the given chain. */
    public Path installCertificate(String instanceId, String name, String certificatePem) {
        List<X509Certificate> chain = certificates(certificatePem, "certificatePem");
        FleetNode node = fleet.node(instanceId, name);
        synchronized (node) {
            NodeFiles files = node.files();
            Optional<PrivateKey> pending = files.pendingKey().map(Pem::readPrivateKey);
            Optional<PrivateKey> active = files.serverPem().map(KeyAndChain::parse).map(KeyAndChain::key);
            for (Optional<PrivateKey> candidate : List.of(pending, active)) {
                if (candidate.isPresent() && KeyMatch.matches(candidate.get(), chain.get(0).getPublicKey())) {
                    Path path = files.writeServerPem(Pem.write(candidate.get()) + Pem.writeAll(chain));
                    if (candidate == pending) {
                        files.dropPendingKey();
                    }
                    return path;
                }
            }
            throw new FleetException(HttpStatus.UNPROCESSABLE_ENTITY, "CERTIFICATE_KEY_MISMATCH",
                    "the certificate does not belong to a key of this node; request a CSR first");
        }
    }

    public Path installCa(String instanceId, String name, String caPem) {
        certificates(caPem, "caPem");
        FleetNode node = fleet.node(instanceId, name);
        synchronized (node) {
            return node.files().writeCa(caPem);
        }
    }

    private static List<X509Certificate> certificates(String pem, String field) {
        if (pem == null || pem.contains("PRIVATE KEY")) {
            throw new FleetException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                    field + ": PEM certificates only, no keys");
        }
        try {
            return Pem.readCertificates(pem);
        } catch (IllegalArgumentException e) {
            throw new FleetException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", field + ": " + e.getMessage());
        }
    }
}
