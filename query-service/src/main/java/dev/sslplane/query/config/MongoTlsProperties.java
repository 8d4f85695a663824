package dev.sslplane.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TLS to MongoDB ({@code sslplane.mongodb.*}), the same key in every service.
 *
 * @param sslBundle name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>...}) whose trust (and
 *                  optionally key) material the MongoDB client uses; blank = as the connection string says
 */
@ConfigurationProperties("sslplane.mongodb")
public record MongoTlsProperties(String sslBundle) {

    public boolean enabled() {
        return sslBundle != null && !sslBundle.isBlank();
    }
}
