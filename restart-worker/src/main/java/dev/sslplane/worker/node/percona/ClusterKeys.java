package dev.sslplane.worker.node.percona;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The one operator where a node key passes through the worker: the Percona operator mounts the key from a
 * Kubernetes secret, so the worker makes it (RSA 2048, which every engine and the Percona operator read), keeps it
 * in memory only until the secret holds it, and writes it nowhere else. A worker that dies before that loses the
 * key, and the next run makes a new key and CSR. The key never appears in a message, a log line or an exception.
 */
final class ClusterKeys {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** A key waiting for its certificate; {@code publicKey} is its encoded SubjectPublicKeyInfo. */
    private record Pending(KeyPair keyPair, byte[] publicKey) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** A new key for the instance's cluster certificate (replacing any earlier one) and its CSR for {@code names}. */
    String newCsr(String instanceId, String clusterName, List<String> names) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keyPair = generator.generateKeyPair();
            var extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    names.stream().map(ClusterKeys::generalName).toArray(GeneralName[]::new)));
            var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "sslplane")
                    .addRDN(BCStyle.OU, instanceId).addRDN(BCStyle.CN, clusterName).build();
            var csr = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate()));
            pending.put(instanceId, new Pending(keyPair, keyPair.getPublic().getEncoded()));
            return pem(csr);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a key and CSR: " + e.getClass().getSimpleName());
        }
    }

    /** The waiting key (PEM) that the chain's first certificate is for, if this worker holds it. */
    Optional<String> keyFor(String instanceId, String chainPem) {
        Pending key = pending.get(instanceId);
        if (key == null || !Arrays.equals(key.publicKey(), publicKeyOf(chainPem))) {
            return Optional.empty();
        }
        try {
            return Optional.of(pem(key.keyPair().getPrivate()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the key: " + e.getClass().getSimpleName());
        }
    }

    /** Forgets the waiting key once the secret holds it. */
    void written(String instanceId, String chainPem) {
        pending.computeIfPresent(instanceId, (id, key) ->
                Arrays.equals(key.publicKey(), publicKeyOf(chainPem)) ? null : key);
    }

    static byte[] publicKeyOf(String chainPem) {
        if (chainPem == null) {
            return null;
        }
        try (var reader = new PemReader(new StringReader(chainPem))) {
            PemObject pem = reader.readPemObject();
            if (pem == null || !"CERTIFICATE".equals(pem.getType())) {
                return null;
            }
            return Certificate.getInstance(pem.getContent()).getSubjectPublicKeyInfo().getEncoded();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String pem(Object object) throws IOException {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static GeneralName generalName(String name) {
        return IPV4.matcher(name).matches() || name.contains(":")
                ? new GeneralName(GeneralName.iPAddress, name)
                : new GeneralName(GeneralName.dNSName, new DERIA5String(name));
    }
}
