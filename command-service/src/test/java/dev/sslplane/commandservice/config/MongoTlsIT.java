package dev.sslplane.commandservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.sslplane.commandservice.pki.CertificateIssuer;
import dev.sslplane.commandservice.pki.IssuedCa;
import dev.sslplane.commandservice.pki.Pem;
import dev.sslplane.commandservice.pki.TestPki;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The service's own MongoDB client ({@link MongoConfiguration}) against a TLS-only MongoDB-wire server whose
 * certificate comes from a private CA: with {@code sslplane.mongodb.ssl-bundle} naming a PEM bundle that trusts
 * the CA it works; without the bundle, or with a bundle trusting another CA, it fails within the (short) server
 * selection timeout instead of hanging.
 */
class MongoTlsIT {

    private static MongoServer server;
    private static String caPem;
    private static String otherCaPem;
    private static int port;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MongoProperties.class)
    @Import(MongoConfiguration.class)
    static class ServiceMongo {
    }

    @BeforeAll
    static void tlsServer() {
        CertificateIssuer issuer = TestPki.issuer();
        IssuedCa ca = issuer.issueCa("mongo-tls-it", "op-1", TestPki.ec(), Duration.ofDays(1));
        KeyPair serverKey = TestPki.ec();
        X509Certificate serverCert = issuer.issueLeaf(ca, serverKey.getPublic(), "localhost",
                List.of(TestPki.dns("localhost"), TestPki.ip("127.0.0.1")), Duration.ofDays(1));
        caPem = Pem.encode(ca.certificate());
        otherCaPem = Pem.encode(issuer.issueCa("mongo-tls-it", "op-2", TestPki.ec(), Duration.ofDays(1)).certificate());
        server = new MongoServer(new MemoryBackend());
        server.enableSsl(serverKey.getPrivate(), null, serverCert, ca.certificate());
        server.bind("127.0.0.1", 0);
        port = server.getLocalAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.shutdownNow();
    }

    private ApplicationContextRunner service(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
                .withUserConfiguration(ServiceMongo.class)
                .withPropertyValues("sslplane.mongodb.uri=mongodb://localhost:" + port + "/tls_it",
                        "sslplane.mongodb.server-selection-timeout=2s")
                .withPropertyValues(properties);
    }

    @Test
    void aBundleTrustingTheCaConnects() {
        service("sslplane.mongodb.ssl-bundle=mongo",
                "spring.ssl.bundle.pem.mongo.truststore.certificate=" + caPem).run(context -> {
                    MongoDatabase database = context.getBean(MongoDatabase.class);
                    database.getCollection("probe").insertOne(new Document("_id", 1));
                    assertThat(database.runCommand(new Document("ping", 1)).get("ok")).isIn(1, 1.0);
                    assertThat(database.getCollection("probe").countDocuments()).isEqualTo(1);
                });
    }

    @Test
    void withoutTheBundleTheClientFailsFast() {
        service().run(context -> assertFailsFast(context.getBean(MongoDatabase.class)));
    }

    @Test
    void aBundleTrustingAnotherCaFailsFast() {
        service("sslplane.mongodb.ssl-bundle=mongo",
                "spring.ssl.bundle.pem.mongo.truststore.certificate=" + otherCaPem)
                .run(context -> assertFailsFast(context.getBean(MongoDatabase.class)));
    }

    @Test
    void anUnknownBundleNameStopsTheStart() {
        service("sslplane.mongodb.ssl-bundle=missing").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("missing"));
    }

    private static void assertFailsFast(MongoDatabase database) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> database.runCommand(new Document("ping", 1)))
                .isInstanceOf(MongoTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
}
