package dev.sslplane.fleet.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A mongod key file: one private key and the certificate chain (leaf first) in one PEM text, in any order.
 *
 * @param key   null when the text holds no private key
 * @param chain empty when the text holds no certificate
 */
public record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {

    public static KeyAndChain parse(String pem) {
        PrivateKey key = null;
        var chain = new ArrayList<X509Certificate>();
        var keys = new JcaPEMKeyConverter();
        var certificates = new JcaX509CertificateConverter();
        try (var parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info && key == null) {
                    key = keys.getPrivateKey(info);
                } else if (object instanceof PEMKeyPair pair && key == null) {
                    key = keys.getKeyPair(pair).getPrivate();
                } else if (object instanceof X509CertificateHolder holder) {
                    chain.add(certificates.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("unreadable PEM: " + e.getMessage(), e);
        }
        return new KeyAndChain(key, List.copyOf(chain));
    }

    /** Whether the key and the leaf certificate's public key are one pair (signs a probe and verifies it). */
    public boolean matches() {
        return key != null && !chain.isEmpty() && KeyMatch.matches(key, chain.get(0).getPublicKey());
    }
}
