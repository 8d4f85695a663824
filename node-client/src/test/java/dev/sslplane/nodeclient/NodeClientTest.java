package dev.sslplane.nodeclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The legacy command path against mongo-java-server, plain and over real TLS handshakes. */
class NodeClientTest {

    private final NodeClient client = new NodeClient(Duration.ofSeconds(2), Duration.ofSeconds(5));
    private MongoServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void runsCommandsOverPlainTcp() {
        NodeAddress node = plainServer();

        assertThat(client.isMaster(node, TlsOptions.plain()).get("maxWireVersion")).isNotNull();
        assertThat(client.run(node, TlsOptions.plain(), new Document("ping", 1)).get("ok"))
                .isEqualTo(1.0);
    }

    @Test
    void aRefusedCommandCarriesMongoDbsCode() throws Exception {
        // mongod answers a refused command with ok: 0 in an ordinary reply (mongo-java-server closes instead)
        var refusal = new Document("ok", 0.0).append("errmsg", "not primary so can't step down")
                .append("code", 10107).append("codeName", "NotWritablePrimary");
        try (var node = new OneReplyServer(refusal)) {
            assertThatThrownBy(() -> client.replSetStepDown(node.address(), TlsOptions.plain(), 60, 10))
                    .isInstanceOfSatisfying(NodeCommandException.class, e -> {
                        assertThat(e.code()).isEqualTo(10107);
                        assertThat(e.codeName()).isEqualTo("NotWritablePrimary");
                        assertThat(e.errmsg()).isEqualTo("not primary so can't step down");
                    });
        }
    }

    @Test
    void aConnectionClosedInAnswerToStepDownIsSuccess() throws Exception {
        try (var node = new OneReplyServer(null)) {
            client.replSetStepDown(node.address(), TlsOptions.plain(), 60, 10);

            assertThatThrownBy(() -> client.isMaster(node.address(), TlsOptions.plain()))
                    .as("any other command")
                    .isInstanceOfSatisfying(NodeClientException.class,
                            e -> assertThat(e.kind()).isEqualTo(NodeClientException.Kind.CLOSED));
        }
    }

    @Test
    void nothingListeningIsAConnectFailure() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        NodeAddress nowhere = new NodeAddress("127.0.0.1", port);

        assertThatThrownBy(() -> client.isMaster(nowhere, TlsOptions.plain()))
                .isInstanceOfSatisfying(NodeClientException.class,
                        e -> assertThat(e.kind()).isEqualTo(NodeClientException.Kind.CONNECT));
    }

    @Test
    void tlsIsVerifiedAgainstTheGivenCaAndTheHostName() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X509Certificate certificate = selfSigned(keys, "127.0.0.1");
        server = new MongoServer(new MemoryBackend());
        server.enableSsl(keys.getPrivate(), null, certificate);
        InetSocketAddress bound = server.bind();
        NodeAddress node = new NodeAddress("127.0.0.1", bound.getPort());
        String pem = pem(certificate);

        assertThat(client.isMaster(node, TlsOptions.verified(Pems.trusting(pem))).get("ok")).isEqualTo(1.0);
        assertThatThrownBy(() -> client.isMaster(node, TlsOptions.verified(SSLContext.getDefault())))
                .isInstanceOfSatisfying(NodeClientException.class,
                        e -> assertThat(e.kind()).isEqualTo(NodeClientException.Kind.TLS_HANDSHAKE));
        assertThatThrownBy(() -> client.isMaster(new NodeAddress("localhost", bound.getPort()),
                TlsOptions.verified(Pems.trusting(pem))))
                .as("the certificate names 127.0.0.1 only")
                .isInstanceOfSatisfying(NodeClientException.class,
                        e -> assertThat(e.kind()).isEqualTo(NodeClientException.Kind.TLS_HANDSHAKE));
        assertThatThrownBy(() -> client.isMaster(node, TlsOptions.plain()))
                .as("plain against a TLS-only server")
                .isInstanceOf(NodeClientException.class);
    }

    @Test
    void pemTextWithoutCertificatesIsRefused() {
        assertThatThrownBy(() -> Pems.trusting("no pem here")).isInstanceOf(IllegalArgumentException.class);
    }

    private NodeAddress plainServer() {
        server = new MongoServer(new MemoryBackend());
        return new NodeAddress("127.0.0.1", server.bind().getPort());
    }

    private static X509Certificate selfSigned(KeyPair keys, String ip) throws Exception {
        var name = new X500Name("CN=node-client test");
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)), name,
                keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
