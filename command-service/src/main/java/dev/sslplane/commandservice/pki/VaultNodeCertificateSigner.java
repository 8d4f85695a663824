package dev.sslplane.commandservice.pki;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.IssuedNodeCertificate;
import dev.sslplane.commandservice.command.NodeCertificateSigner;
import dev.sslplane.commandservice.vault.CaKeyMaterial;
import dev.sslplane.commandservice.vault.KeyVault;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.SignedCertificate;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeSpec;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a node's CSR with its operation's CA from the vault. The aggregate has already checked that the operation
 * runs and the node is registered; this checks the request itself (see {@link NodeCsr}) and that the CA key is
 * there. A missing or undecryptable key fails with {@code CA_KEY_UNAVAILABLE}: a replacement CA is never made.
 */
public class VaultNodeCertificateSigner implements NodeCertificateSigner {

    private static final Logger log = LoggerFactory.getLogger(VaultNodeCertificateSigner.class);

    private final KeyVault vault;
    private final CertificateIssuer issuer;
    /** The deployment's node-certificate validity, for operations that recorded none of their own. */
    private final Duration leafValidity;

    public VaultNodeCertificateSigner(KeyVault vault, CertificateIssuer issuer, Duration leafValidity) {
        this.vault = vault;
        this.issuer = issuer;
        this.leafValidity = leafValidity;
    }

    @Override
    public IssuedNodeCertificate sign(String instanceId, String operationId, NodeSpec node, String csrPem,
                                      Duration validity) {
        NodeCsr csr = NodeCsr.parseAndVerify(csrPem);
        List<GeneralName> subjectAltNames = csr.subjectAltNamesWithin(node.subjectAltNames());
        IssuedCa ca = loadCa(instanceId, operationId);
        // null: an operation recorded before operations chose their node validity gets the deployment's
        X509Certificate leaf = issuer.issueLeaf(ca, csr.publicKey(), node.host(), subjectAltNames,
                validity != null ? validity : leafValidity);
        requireSignedByCaCertificate(leaf, ca, operationId);
        CertificateInfo info = Certificates.info(leaf);
        String caSerial = Certificates.serial(ca.certificate());
        log.info("Signed node certificate serial {} for {} of {} (operation {}, CA serial {})", info.serial(),
                node.name(), instanceId, operationId, caSerial);
        var answer = new SignedCertificate(info.pem(), Pem.encode(ca.certificate()), info.serial(), info.notAfter());
        return new IssuedNodeCertificate(answer, info, caSerial);
    }

    /**
     * GCM authenticates the key, not the clear-text certificate beside it: a certificate field that no longer
     * matches the key would yield leaves that fail validation on every node. Checked here, for a fraction of a ms.
     */
    private static void requireSignedByCaCertificate(X509Certificate leaf, IssuedCa ca, String operationId) {
        try {
            leaf.verify(ca.certificate().getPublicKey());
        } catch (Exception e) {
            throw new DomainException(ErrorCode.CA_KEY_UNAVAILABLE, "the stored CA certificate of operation "
                    + operationId + " does not match its key", Map.of("operationId", operationId));
        }
    }

    private IssuedCa loadCa(String instanceId, String operationId) {
        CaKeyMaterial material = vault.load(instanceId, operationId);
        try {
            X509Certificate certificate = Pem.certificate(material.certificatePem());
            PrivateKey key = new JcaPEMKeyConverter()
                    .getPrivateKey(PrivateKeyInfo.getInstance(material.privateKeyPkcs8()));
            return new IssuedCa(certificate, key);
        } catch (Exception e) {
            throw new DomainException(ErrorCode.CA_KEY_UNAVAILABLE, "the stored CA of operation " + operationId
                    + " cannot be read: " + e.getClass().getSimpleName(), Map.of("operationId", operationId));
        }
    }
}
