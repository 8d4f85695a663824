package dev.sslplane.fleet;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A TLS client that presents its certificate whatever CAs the server asks for, as the mongo shell does with
 * {@code --tlsCertificateKeyFile}. The JDK's own key manager would quietly send none to a server whose CA
 * list does not name the certificate's issuer, and the check for an untrusted client certificate would
 * then prove nothing.
 */
final class InsistentClientContext {

    private InsistentClientContext() {
    }

    static SSLContext of(X509Certificate trustedCa, PrivateKey key, X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trustedCa);
        var trustFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustFactory.init(trust);
        var context = SSLContext.getInstance("TLS");
        context.init(new X509ExtendedKeyManager[] {new Always(key, certificate)}, trustFactory.getTrustManagers(), null);
        return context;
    }

    private static final class Always extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate certificate;

        Always(PrivateKey key, X509Certificate certificate) {
            this.key = key;
            this.certificate = certificate;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {certificate};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }
}
