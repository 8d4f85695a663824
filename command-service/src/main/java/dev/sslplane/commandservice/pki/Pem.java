package dev.sslplane.commandservice.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** PEM encoding and decoding of certificates. */
public final class Pem {

    private Pem() {
    }

    public static String encode(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Every certificate in a PEM text, in order. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemObject object = reader.readPemObject(); object != null; object = reader.readPemObject()) {
                if ("CERTIFICATE".equals(object.getType())) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new java.io.ByteArrayInputStream(object.getContent())));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate", e);
        }
        return certificates;
    }

    public static X509Certificate certificate(String pem) {
        List<X509Certificate> certificates = certificates(pem);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate in PEM text");
        }
        return certificates.get(0);
    }
}
