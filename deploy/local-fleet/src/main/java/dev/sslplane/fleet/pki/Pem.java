package dev.sslplane.fleet.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM reading and writing for keys and certificates. */
public final class Pem {

    private Pem() {
    }

    public static String write(Object object) {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            if (object instanceof PrivateKey key) {
                // PKCS#8 ("PRIVATE KEY"): the JDK's EC keys written as SEC1 would lose their curve and not read back
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String writeAll(List<X509Certificate> certificates) {
        var sb = new StringBuilder();
        certificates.forEach(c -> sb.append(write(c)));
        return sb.toString();
    }

    public static PrivateKey readPrivateKey(String pem) {
        try (var parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            var converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IllegalArgumentException("not a private key");
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable private key", e);
        }
    }

    /** All certificates in a PEM text, in order; fails on anything that is not a certificate. */
    public static List<X509Certificate> readCertificates(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no certificate given");
        }
        try {
            var factory = CertificateFactory.getInstance("X.509");
            var certificates = factory.generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in PEM");
            }
            return certificates.stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
        }
    }
}
