package dev.sslplane.testsupport;

import dev.sslplane.contracts.model.CertificateInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A real CA for tests: signs node CSRs the way the command service does (SANs taken from the request). */
public final class TestCa {

    private static final Provider BC = new BouncyCastleProvider();
    private final KeyPair keyPair;
    private final String signatureAlgorithm;
    private final X509Certificate certificate;
    private final SecureRandom random = new SecureRandom();
    private final X500Name issuer;
    private final String pem;

    public TestCa(String name) {
        this(name, "EC");
    }

    /** {@code algorithm}: {@code EC} (P-256, for TLS) or {@code Ed25519} (cheap, for simulated nodes). */
    public TestCa(String name, String algorithm) {
        try {
            if ("EC".equals(algorithm)) {
                var generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                keyPair = generator.generateKeyPair();
            } else {
                keyPair = KeyPairGenerator.getInstance(algorithm, BC).generateKeyPair();
            }
            signatureAlgorithm = "EC".equals(algorithm) ? "SHA256withECDSA" : algorithm;
            var subject = new X500Name("CN=" + name);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(30, ChronoUnit.DAYS)), subject,
                    keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            certificate = converter().getCertificate(
                    builder.build(signer().build(keyPair.getPrivate())));
            issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            pem = pem(certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JcaX509CertificateConverter converter() {
        var converter = new JcaX509CertificateConverter();
        return "Ed25519".equals(signatureAlgorithm) ? converter.setProvider(BC) : converter;
    }

    private JcaContentSignerBuilder signer() {
        var builder = new JcaContentSignerBuilder(signatureAlgorithm);
        return "Ed25519".equals(signatureAlgorithm) ? builder.setProvider(BC) : builder;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String pem() {
        return pem;
    }

    /** Signs a node CSR: serverAuth and clientAuth, the SANs the request asks for. */
    public String sign(String csrPem) {
        return issue(csrPem).pem();
    }

    /**
     * A certificate issued for a CSR, with what a signer reports about it: taken from the request and the builder,
     * so that nothing is parsed back (the stand-in for the command service costs as little CPU as it can).
     *
     * @param subjectAltNames the names the request asks for (and the certificate carries), IPs as dotted text
     */
    public record Issued(String pem, BigInteger serial, Instant notAfter, List<String> subjectAltNames) {
    }

    public Issued issue(String csrPem) {
        try (var parser = new PEMParser(new StringReader(csrPem))) {
            var csr = new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject())
                    .setProvider(BC);
            Extensions requested = Extensions.getInstance(
                    csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues()
                            .getObjectAt(0));
            Extension san = requested.getExtension(Extension.subjectAlternativeName);
            Instant now = Instant.now();
            BigInteger serial = BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE);
            Instant notAfter = now.plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            var builder = new X509v3CertificateBuilder(issuer, serial, Date.from(now.minus(1, ChronoUnit.HOURS)),
                    Date.from(notAfter), csr.getSubject(), csr.getSubjectPublicKeyInfo())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    // like the command service: members present their certificate as clients too (heartbeats)
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(san);
            X509CertificateHolder issued = builder.build(signer().build(keyPair.getPrivate()));
            return new Issued(pem(issued), serial, notAfter, names(GeneralNames.getInstance(san.getParsedValue())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(GeneralNames names) {
        var result = new ArrayList<String>();
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() == GeneralName.iPAddress) {
                try {
                    result.add(InetAddress.getByAddress(ASN1OctetString.getInstance(name.getName()).getOctets())
                            .getHostAddress());
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(e);
                }
            } else {
                result.add(name.getName().toString());
            }
        }
        return result;
    }

    /** A TLS server context with a P-256 key and a certificate this CA issued for {@code sans}. */
    public SSLContext serverContext(List<String> sans) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair key = generator.generateKeyPair();
            var names = new ExtensionsGenerator();
            names.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.stream()
                    .map(n -> n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n)
                            : new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=node"),
                    key.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, names.generate())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
            var issued = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(issue(pem(csr)).pem()
                            .getBytes(StandardCharsets.US_ASCII)));
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("node", key.getPrivate(), new char[0], new X509Certificate[] {issued, certificate});
            var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
            var context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** This CA as the events describe it: serial, SHA-256 fingerprint, subject, validity, algorithm and PEM. */
    public CertificateInfo info() {
        return new CertificateInfo(certificate.getSerialNumber().toString(16), fingerprint(certificate),
                certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), signatureAlgorithm.contains("ECDSA") ? "EC-P256" : "Ed25519", pem);
    }

    /** The SHA-256 fingerprint as the services show it: upper-case hex pairs joined by colons. */
    public static String fingerprint(X509Certificate cert) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client key and certificate issued by this CA, for a client that presents a certificate. */
    public Map.Entry<PrivateKey, X509Certificate> clientIdentity() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair client = generator.generateKeyPair();
            Instant now = Instant.now();
            var builder = new X509v3CertificateBuilder(issuer, BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(7, ChronoUnit.DAYS)),
                    new X500Name("CN=a client"), SubjectPublicKeyInfo.getInstance(client.getPublic().getEncoded()))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(signer().build(keyPair.getPrivate())));
            return Map.entry(client.getPrivate(), cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object object) {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
