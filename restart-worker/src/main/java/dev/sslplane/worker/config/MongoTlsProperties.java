package dev.sslplane.worker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * TLS to the worker's own MongoDB (the job store), as in every sslplane service.
 *
 * @param sslBundle name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>.truststore.certificate});
 *                  blank = plain connection (or whatever the connection string says)
 */
@ConfigurationProperties("sslplane.mongodb")
public record MongoTlsProperties(String sslBundle) {

    public boolean enabled() {
        return sslBundle != null && !sslBundle.isBlank();
    }
}
