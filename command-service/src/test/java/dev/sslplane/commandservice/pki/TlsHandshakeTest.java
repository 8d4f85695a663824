package dev.sslplane.commandservice.pki;

import static dev.sslplane.commandservice.pki.TestPki.csr;
import static dev.sslplane.commandservice.pki.TestPki.dns;
import static dev.sslplane.commandservice.pki.TestPki.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.commandservice.vault.EmbeddedMongo;
import dev.sslplane.commandservice.vault.KeyVault;
import dev.sslplane.contracts.messaging.SignedCertificate;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Certificates issued by the PKI in real TLS handshakes: a node presenting its leaf is accepted by a client that
 * trusts only the operation's CA (with host-name verification against the SANs), and refused by a client that
 * trusts another CA; members authenticate each other with the same leaves (clientAuth).
 */
class TlsHandshakeTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final NodeSpec NODE = new NodeSpec("rs0-0", "127.0.0.1", 27017, NodeRole.PRIMARY,
            List.of("localhost"));
    private static final NodeSpec PEER = new NodeSpec("rs0-1", "127.0.0.1", 27018, NodeRole.SECONDARY,
            List.of("localhost"));

    private final EmbeddedMongo vaultMongo = new EmbeddedMongo();
    private final KeyVault vault = TestPki.vault(vaultMongo);
    private final VaultNodeCertificateSigner signer =
            new VaultNodeCertificateSigner(vault, TestPki.issuer(), Duration.ofDays(30));
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        serverThreads.shutdownNow();
        vaultMongo.close();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void clientTrustingOnlyTheCaConnectsAndClientTrustingAnotherCaFails(KeyAlgorithm algorithm) throws Exception {
        X509Certificate ca = provisionCa(algorithm, "op-1");
        X509Certificate otherCa = provisionCa(algorithm, "op-2");
        // node keys of the CA's family: an RSA CA signing an RSA node key, an EC CA an EC one
        KeyPair nodeKey = algorithm.label().startsWith("RSA") ? TestPki.rsa(2048) : TestPki.ec();
        SignedCertificate signed = signer.sign("inst-1", "op-1", NODE,
                csr(nodeKey, "node", ip("127.0.0.1"), dns("localhost")), null).answer();

        try (SSLServerSocket server = echoServer(serverContext(nodeKey, signed, null), false)) {
            int port = server.getLocalPort();

            assertThat(roundTrip(clientContext(null, null, ca), port)).isEqualTo(42);

            assertThatThrownBy(() -> roundTrip(clientContext(null, null, otherCa), port))
                    .isInstanceOf(SSLException.class).hasStackTraceContaining("PKIX path");
            assertThatThrownBy(() -> roundTrip(clientContext(null, null, null), port))
                    .as("default JDK trust store does not know our CA").isInstanceOf(SSLException.class);
        }
    }

    @Test
    void hostNameVerificationUsesTheSans() throws Exception {
        X509Certificate ca = provisionCa(KeyAlgorithm.EC_P256, "op-1");
        KeyPair nodeKey = TestPki.ec();
        // Only the DNS name, no IP SAN: a client that dials 127.0.0.1 and verifies the host must refuse it.
        SignedCertificate signed = signer.sign("inst-1", "op-1", NODE, csr(nodeKey, "node", dns("localhost")),
                null).answer();

        try (SSLServerSocket server = echoServer(serverContext(nodeKey, signed, null), false)) {
            assertThatThrownBy(() -> roundTrip(clientContext(null, null, ca), server.getLocalPort()))
                    .isInstanceOf(SSLException.class).hasStackTraceContaining("subject alternative names");
        }
    }

    @Test
    void membersAuthenticateEachOtherWithTheirLeaves() throws Exception {
        X509Certificate ca = provisionCa(KeyAlgorithm.RSA_2048, "op-1");
        KeyPair nodeKey = TestPki.ec();
        KeyPair peerKey = TestPki.ec();
        SignedCertificate nodeCert = signer.sign("inst-1", "op-1", NODE, csr(nodeKey, "n", ip("127.0.0.1")),
                null).answer();
        SignedCertificate peerCert = signer.sign("inst-1", "op-1", PEER, csr(peerKey, "p", ip("127.0.0.1")),
                null).answer();

        try (SSLServerSocket server = echoServer(serverContext(nodeKey, nodeCert, ca), true)) {
            int port = server.getLocalPort();
            assertThat(roundTrip(clientContext(peerKey, peerCert, ca), port)).isEqualTo(42);
            assertThatThrownBy(() -> roundTrip(clientContext(null, null, ca), port))
                    .as("no client certificate").isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void mongoDriverConnectsToAMongoWireServerPresentingTheLeaf() throws Exception {
        X509Certificate ca = provisionCa(KeyAlgorithm.EC_P256, "op-1");
        X509Certificate otherCa = provisionCa(KeyAlgorithm.EC_P256, "op-2");
        KeyPair nodeKey = TestPki.ec();
        SignedCertificate signed = signer.sign("inst-1", "op-1", NODE, csr(nodeKey, "node", ip("127.0.0.1")),
                null).answer();

        MongoServer node = new MongoServer(new MemoryBackend());
        node.enableSsl(nodeKey.getPrivate(), null, Pem.certificate(signed.certificatePem()),
                Pem.certificate(signed.caChainPem()));
        node.bind("127.0.0.1", 0);
        InetSocketAddress address = node.getLocalAddress();
        try {
            try (MongoClient client = mongoClient(address, clientContext(null, null, ca))) {
                Document pong = client.getDatabase("admin").runCommand(new Document("ping", 1));
                assertThat(pong.get("ok", Number.class).intValue()).isEqualTo(1);
            }
            try (MongoClient client = mongoClient(address, clientContext(null, null, otherCa))) {
                assertThatThrownBy(() -> client.getDatabase("admin").runCommand(new Document("ping", 1)))
                        .isInstanceOf(MongoTimeoutException.class).hasMessageContaining("SSL");
            }
        } finally {
            node.shutdownNow();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private X509Certificate provisionCa(KeyAlgorithm algorithm, String operationId) {
        try (KeyPairPool pool = TestPki.pool(algorithm, 0)) {
            CertificateInfo info = TestPki.provisioner(vault, pool).provisionCa("inst-1", operationId,
                    algorithm.label(), TestPki.CA_VALIDITY);
            return Pem.certificate(info.pem());
        }
    }

    private static SSLContext serverContext(KeyPair key, SignedCertificate signed, X509Certificate trustedCa)
            throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(key, signed), trustedCa == null ? null : trustManagers(trustedCa), null);
        return context;
    }

    private static SSLContext clientContext(KeyPair key, SignedCertificate signed, X509Certificate trustedCa)
            throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(key == null ? null : keyManagers(key, signed),
                trustedCa == null ? null : trustManagers(trustedCa), null);
        return context;
    }

    private static javax.net.ssl.KeyManager[] keyManagers(KeyPair key, SignedCertificate signed) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("node", key.getPrivate(), PASSWORD, new Certificate[] {
                Pem.certificate(signed.certificatePem()), Pem.certificate(signed.caChainPem())});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, PASSWORD);
        return factory.getKeyManagers();
    }

    private static javax.net.ssl.TrustManager[] trustManagers(X509Certificate ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** Accepts TLS connections on a free loopback port and answers each byte with 42. */
    private SSLServerSocket echoServer(SSLContext context, boolean needClientAuth) throws Exception {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(needClientAuth);
        serverThreads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    SSLSocket socket = (SSLSocket) server.accept();
                    serverThreads.execute(() -> {
                        try (socket) {
                            socket.setSoTimeout(30_000);
                            InputStream in = socket.getInputStream();
                            if (in.read() >= 0) {
                                socket.getOutputStream().write(42);
                                socket.getOutputStream().flush();
                            }
                        } catch (Exception ignored) {
                            // A refused handshake is what some tests expect; the client side asserts it.
                        }
                    });
                } catch (Exception closed) {
                    return;
                }
            }
        });
        return server;
    }

    /** Connects to 127.0.0.1 verifying the server's name like HTTPS does, sends a byte, returns the answer. */
    private static int roundTrip(SSLContext context, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(1);
            out.flush();
            int answer = socket.getInputStream().read();
            if (answer < 0) {
                throw new java.io.EOFException("server closed the connection");
            }
            return answer;
        }
    }

    private static MongoClient mongoClient(InetSocketAddress address, SSLContext context) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyToClusterSettings(b -> b.hosts(List.of(new ServerAddress("127.0.0.1", address.getPort())))
                        .serverSelectionTimeout(3, TimeUnit.SECONDS))
                .applyToSslSettings(b -> b.enabled(true).context(context))
                .build());
    }
}
