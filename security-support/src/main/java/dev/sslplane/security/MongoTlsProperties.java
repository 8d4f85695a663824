package dev.sslplane.security;

import com.mongodb.MongoClientSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;

/**
 * TLS to a service's own MongoDB ({@code sslplane.mongodb.ssl-bundle}), the same key in every service.
 *
 * @param sslBundle name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>.truststore.certificate},
 *                  optionally a keystore for x.509 client authentication); blank = as the connection string says
 */
@ConfigurationProperties("sslplane.mongodb")
public record MongoTlsProperties(String sslBundle) {

    public boolean enabled() {
        return sslBundle != null && !sslBundle.isBlank();
    }

    /** Turns TLS on with the bundle's SSL context when a bundle is named; an unknown name fails the start. */
    public MongoClientSettings.Builder applyTo(MongoClientSettings.Builder settings, SslBundles bundles) {
        if (enabled()) {
            var bundle = bundles.getBundle(sslBundle);
            settings.applyToSslSettings(ssl -> ssl.enabled(true).context(bundle.createSslContext()));
        }
        return settings;
    }
}
