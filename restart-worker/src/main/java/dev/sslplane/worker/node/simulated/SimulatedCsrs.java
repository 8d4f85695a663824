package dev.sslplane.worker.node.simulated;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Real keys (EC P-256, a key the command service signs: it refuses EdDSA with {@code CSR_WEAK_KEY}) and CSRs for
 * simulated nodes, and the checks a node makes on what it is handed: a
 * certificate for its own key, the serials of the CAs in its CA file. Keys and CSRs can be made ahead
 * ({@link #prepare}), as a node would on its own machine.
 */
final class SimulatedCsrs {

    /** BouncyCastle's EC is faster than the JDK 17 one. */
    private static final Provider BC = new BouncyCastleProvider();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

    /** A key and CSR, for exactly these names; {@code publicKey} is the encoded SubjectPublicKeyInfo. */
    record Csr(List<String> subjectAltNames, byte[] publicKey, String csrPem) {
    }

    private final Map<String, Csr> prepared = new ConcurrentHashMap<>();
    private final Map<String, String> serials = new ConcurrentHashMap<>();

    void prepare(String key, String instanceId, String nodeName, List<String> subjectAltNames) {
        prepared.put(key, newCsr(instanceId, nodeName, subjectAltNames));
    }

    /** The prepared CSR for these names (used once), or a new one. */
    Csr take(String key, String instanceId, String nodeName, List<String> subjectAltNames) {
        Csr csr = prepared.remove(key);
        return csr != null && csr.subjectAltNames().equals(subjectAltNames) ? csr
                : newCsr(instanceId, nodeName, subjectAltNames);
    }

    private static Csr newCsr(String instanceId, String nodeName, List<String> subjectAltNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            var extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    subjectAltNames.stream().map(SimulatedCsrs::generalName).toArray(GeneralName[]::new)));
            var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "sslplane")
                    .addRDN(BCStyle.OU, instanceId).addRDN(BCStyle.CN, nodeName).build();
            var csr = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(keyPair.getPrivate()));
            var out = new StringWriter();
            try (var writer = new JcaPEMWriter(out)) {
                writer.writeObject(csr);
            }
            return new Csr(List.copyOf(subjectAltNames), keyPair.getPublic().getEncoded(), out.toString());
        } catch (IOException | GeneralSecurityException
                 | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a CSR", e);
        }
    }

    /** Whether the chain's first certificate is for {@code publicKey}: an ASN.1 read, no certificate object built. */
    static boolean matchesKey(byte[] publicKey, String chainPem) {
        if (publicKey == null || chainPem == null) {
            return false;
        }
        try (var reader = new PemReader(new StringReader(chainPem))) {
            PemObject pem = reader.readPemObject();
            return pem != null && "CERTIFICATE".equals(pem.getType()) && Arrays.equals(
                    Certificate.getInstance(pem.getContent()).getSubjectPublicKeyInfo().getEncoded(), publicKey);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The issuing CA a chain ends with (the command service appends it), or {@code null} for a lone certificate. */
    static String issuerOf(String chainPem) {
        int last = chainPem.lastIndexOf(BEGIN);
        return last <= 0 ? null : chainPem.substring(last).strip();
    }

    /** A CA certificate's serial (lower-case hex), parsed once per certificate. */
    String serial(String caPem) {
        return serials.computeIfAbsent(caPem.strip(), pem -> {
            try (var reader = new PemReader(new StringReader(pem))) {
                return Certificate.getInstance(reader.readPemObject().getContent()).getSerialNumber().getValue()
                        .toString(16);
            } catch (IOException | RuntimeException e) {
                return "unreadable";
            }
        });
    }

    private static GeneralName generalName(String name) {
        return IPV4.matcher(name).matches() || name.contains(":")
                ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name);
    }
}
