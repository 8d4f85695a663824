package dev.sslplane.nodeclient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** PEM certificates to TLS contexts, the way mongod's CAFile (one or more CAs) is used. */
public final class Pems {

    private static final char[] NO_PASSWORD = new char[0];

    private Pems() {
    }

    /** Every certificate in the PEM text, in order; rejects text without one. */
    public static List<X509Certificate> certificates(String pem) {
        try {
            var factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = factory.generateCertificates(
                            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in the PEM text");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not PEM certificates: " + e.getMessage(), e);
        }
    }

    /** A client context that trusts exactly the CAs in {@code caPem}. */
    public static SSLContext trusting(String caPem) {
        return context(caPem, null, null);
    }

    /** As {@link #trusting(String)}, presenting {@code chain} (leaf first) as the client certificate. */
    public static SSLContext trusting(String caPem, PrivateKey clientKey, List<X509Certificate> chain) {
        return context(caPem, clientKey, chain);
    }

    /**
     * A context that accepts any server certificate: only to find out whether a node offers TLS at all (after
     * TLS was switched off, or to tell a refused client from a node that is down). Never for sending anything.
     */
    public static SSLContext trustingAnyone() {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext context(String caPem, PrivateKey key, List<X509Certificate> chain) {
        try {
            KeyStore trust = emptyStore();
            int i = 0;
            for (X509Certificate ca : certificates(caPem)) {
                trust.setCertificateEntry("ca-" + i++, ca);
            }
            var trustFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustFactory.init(trust);
            var context = SSLContext.getInstance("TLS");
            if (key == null) {
                context.init(null, trustFactory.getTrustManagers(), null);
            } else {
                KeyStore keys = emptyStore();
                keys.setKeyEntry("node", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
                var keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyFactory.init(keys, NO_PASSWORD);
                context.init(keyFactory.getKeyManagers(), trustFactory.getTrustManagers(), null);
            }
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
