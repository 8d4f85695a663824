package dev.sslplane.query.config;

import dev.sslplane.security.MongoTlsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.testsupport.TestCa;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/** {@code sslplane.mongodb.ssl-bundle} turns TLS on in the client settings with the bundle's SSL context. */
class MongoConfigTest {

    private static final String URI = "mongodb://db.example:27017/sslplane_query";

    @Test
    void withoutABundleTheConnectionStringDecides() {
        var registry = new DefaultSslBundleRegistry();
        assertThat(MongoConfig.settings(URI, new MongoTlsProperties(null), registry).getSslSettings().isEnabled())
                .isFalse();
        assertThat(MongoConfig.settings(URI, new MongoTlsProperties(" "), registry).getSslSettings().isEnabled())
                .isFalse();
        assertThat(MongoConfig.settings(URI + "?tls=true", new MongoTlsProperties(null), registry).getSslSettings()
                .isEnabled()).isTrue();
    }

    @Test
    void aNamedBundleEnablesTlsWithItsTrustMaterial() {
        String caPem = new TestCa("sslplane CA " + "mongo").info().pem();
        var registry = new DefaultSslBundleRegistry();
        registry.registerBundle("mongo", SslBundle.of(new PemSslStoreBundle(null,
                PemSslStoreDetails.forCertificate(caPem))));
        var ssl = MongoConfig.settings(URI, new MongoTlsProperties("mongo"), registry).getSslSettings();
        assertThat(ssl.isEnabled()).isTrue();
        assertThat(ssl.getContext()).isNotNull();
        assertThat(ssl.getContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void anUnknownBundleFailsTheStart() {
        assertThatThrownBy(() -> MongoConfig.settings(URI, new MongoTlsProperties("missing"),
                new DefaultSslBundleRegistry())).isInstanceOf(NoSuchSslBundleException.class);
    }
}
