package dev.sslplane.query.support;

import dev.sslplane.contracts.model.CertificateInfo;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A real self-signed CA certificate (EC P-256) made with BouncyCastle, described as the events describe it. */
public final class TestCa {

    public static CertificateInfo create(String instanceId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant notAfter = notBefore.plus(365, ChronoUnit.DAYS);
            X500Name subject = new X500Name("CN=sslplane CA " + instanceId);
            BigInteger serial = new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
            var builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            var pem = new StringWriter();
            try (var writer = new JcaPEMWriter(pem)) {
                writer.writeObject(cert);
            }
            return new CertificateInfo(serial.toString(16), fingerprint(cert), subject.toString(), notBefore,
                    notAfter, "EC-P256", pem.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fingerprint(X509Certificate cert) throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha);
    }

    private TestCa() {
    }
}
