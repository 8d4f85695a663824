package dev.sslplane.fleet.mongod;

import dev.sslplane.fleet.pki.KeyAndChain;
import dev.sslplane.fleet.pki.Pem;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The files a mongod.conf names, read once at start as mongod does (3.4–4.2 cannot reload them): the server
 * context for incoming TLS and the client context for this member's own heartbeats. Incoming client
 * certificates are optional but, when presented, must chain to clusterCAFile (4.2) or CAFile; outgoing
 * connections verify the peer against CAFile and present clusterFile or the node's own certificate.
 */
public final class TlsMaterial {

    private static final char[] NO_PASSWORD = new char[0];

    private final KeyAndChain serverIdentity;
    private final List<X509Certificate> trustedCas;
    private final SslContext serverContext;
    private final SSLContext clientContext;

    private TlsMaterial(KeyAndChain serverIdentity, List<X509Certificate> trustedCas, SslContext serverContext,
                        SSLContext clientContext) {
        this.serverIdentity = serverIdentity;
        this.trustedCas = trustedCas;
        this.serverContext = serverContext;
        this.clientContext = clientContext;
    }

    /** Loads what {@code config} names; throws {@link StartFailure} for anything mongod would refuse. */
    public static TlsMaterial load(MongodConfig config) {
        String keyWords = "tls".equals(config.optionFamily()) ? "certificate key file" : "PEM key file";
        KeyAndChain identity = identity(config.certificateKeyFile(), keyWords);
        KeyAndChain clusterIdentity = config.clusterFile() == null ? identity
                : identity(config.clusterFile(), "cluster " + keyWords);
        List<X509Certificate> cas = config.caFile() == null ? null : cas(config.caFile());
        List<X509Certificate> clientCas = config.clusterCaFile() == null ? cas : cas(config.clusterCaFile());
        try {
            SslContext server = SslContextBuilder
                    .forServer(identity.key(), identity.chain().toArray(X509Certificate[]::new))
                    .trustManager(clientCas == null ? null : clientCas.toArray(X509Certificate[]::new))
                    .clientAuth(ClientAuth.OPTIONAL)
                    .build();
            return new TlsMaterial(identity, cas == null ? List.of() : cas, server,
                    clientContext(clusterIdentity, cas));
        } catch (GeneralSecurityException | IOException e) {
            throw new StartFailure("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyAndChain identity(Path file, String words) {
        KeyAndChain identity;
        try {
            identity = KeyAndChain.parse(read(file, "cannot read " + words));
        } catch (IllegalArgumentException e) {
            throw new StartFailure("cannot read " + words + ": " + file + ": " + e.getMessage(), e);
        }
        if (identity.key() == null) {
            throw new StartFailure("cannot read " + words + ": " + file + ": no private key found");
        }
        if (identity.chain().isEmpty()) {
            throw new StartFailure("cannot read " + words + ": " + file + ": no certificate found");
        }
        if (!identity.matches()) {
            throw new StartFailure("cannot read " + words + ": " + file
                    + ": error:0B080074:x509 certificate routines:X509_check_private_key:key values mismatch");
        }
        return identity;
    }

    private static List<X509Certificate> cas(Path file) {
        String text = read(file, "cannot read certificate authority file");
        try {
            return Pem.readCertificates(text);
        } catch (IllegalArgumentException e) {
            throw new StartFailure("cannot read certificate authority file: " + file + ": no certificate found", e);
        }
    }

    private static String read(Path file, String words) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new StartFailure(words + ": " + file + ": No such file or directory", e);
        } catch (IOException e) {
            throw new StartFailure(words + ": " + file + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext clientContext(KeyAndChain identity, List<X509Certificate> cas)
            throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("member", identity.key(), NO_PASSWORD, identity.chain().toArray(X509Certificate[]::new));
        var keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyFactory.init(keys, NO_PASSWORD);
        var trustFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (cas == null) {
            trustFactory.init((KeyStore) null);
        } else {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca-" + i, cas.get(i));
            }
            trustFactory.init(trust);
        }
        var context = SSLContext.getInstance("TLS");
        context.init(keyFactory.getKeyManagers(), trustFactory.getTrustManagers(), null);
        return context;
    }

    public SslContext serverContext() {
        return serverContext;
    }

    public SSLContext clientContext() {
        return clientContext;
    }

    public X509Certificate leaf() {
        return serverIdentity.chain().get(0);
    }

    public List<X509Certificate> trustedCas() {
        return trustedCas;
    }
}
