package dev.sslplane.commandservice.pki;

import dev.sslplane.commandservice.vault.EmbeddedMongo;
import dev.sslplane.commandservice.vault.KeyVault;
import dev.sslplane.commandservice.vault.MasterKey;
import dev.sslplane.commandservice.vault.MasterKeys;
import dev.sslplane.testsupport.TestCa;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/** Test helpers: node key pairs, CSRs (good and bad), a vault on mongo-java-server, chain validation. */
public final class TestPki {

    public static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec() {
        return KeyAlgorithm.EC_P256.generate(RANDOM);
    }

    public static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    public static GeneralName ip(String address) {
        return new GeneralName(GeneralName.iPAddress, address);
    }

    /** A CSR for {@code keyPair}, signed with it, requesting the given SANs (none when empty). */
    public static String csr(KeyPair keyPair, String commonName, GeneralName... subjectAltNames) {
        return csr(keyPair, keyPair, commonName, subjectAltNames);
    }

    /** A CSR carrying {@code subjectKey}'s public key but signed by {@code signingKey}: its signature fails. */
    public static String csr(KeyPair subjectKey, KeyPair signingKey, String commonName, GeneralName... subjectAltNames) {
        try {
            var builder = new PKCS10CertificationRequestBuilder(new X500Name("CN=" + commonName),
                    SubjectPublicKeyInfo.getInstance(subjectKey.getPublic().getEncoded()));
            if (subjectAltNames.length > 0) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAltNames));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            String algorithm = "RSA".equals(signingKey.getPrivate().getAlgorithm())
                    ? "SHA256withRSA" : "SHA256withECDSA";
            PKCS10CertificationRequest request = builder.build(
                    new JcaContentSignerBuilder(algorithm).build(signingKey.getPrivate()));
            return pem(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object object) {
        return TestCa.pem(object);
    }

    public static MasterKey randomMasterKey() {
        byte[] key = new byte[MasterKey.LENGTH_BYTES];
        RANDOM.nextBytes(key);
        return new MasterKey(null, key);
    }

    public static KeyVault vault(EmbeddedMongo mongo) {
        return new KeyVault(mongo.collection("ca_keys"), MasterKeys.of(randomMasterKey()), RANDOM,
                Clock.systemUTC());
    }

    /** The deployment's default CA validity. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);

    public static KeyPairPool pool(KeyAlgorithm algorithm, int size) {
        return new KeyPairPool(algorithm, size, RANDOM, new SimpleMeterRegistry());
    }

    public static CertificateIssuer issuer() {
        return new CertificateIssuer(RANDOM, Clock.systemUTC());
    }

    public static VaultCaProvisioner provisioner(KeyVault vault, KeyPairPool pool) {
        return new VaultCaProvisioner(vault, pool, issuer(), RANDOM);
    }

    /** PKIX validation of leaf (and chain) against exactly one trust anchor, revocation off. */
    public static PKIXCertPathValidatorResult validate(X509Certificate leaf, X509Certificate trustAnchor)
            throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(trustAnchor, null)));
        parameters.setRevocationEnabled(false);
        return (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }
}
