package dev.sslplane.commandservice.config;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sslplane.mongodb.*}: where the event store, the token store, the idempotency records and the key vault
 * live. The database is the one named in the URI (default {@code sslplane_command}).
 *
 * @param uri                     MongoDB connection string; a replica set with {@code w=majority} in production
 * @param defaultDatabase         database used when the URI names none
 * @param serverSelectionTimeout  how long an operation waits for a reachable server before failing
 * @param sslBundle               name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>...}); when
 *                                set the client connects with TLS, trusting that bundle's certificates (and
 *                                presenting its key, if it has one, for x.509 client authentication)
 */
@Validated
@ConfigurationProperties("sslplane.mongodb")
public record MongoProperties(
        @NotBlank @DefaultValue("mongodb://localhost:27017/sslplane_command") String uri,
        @NotBlank @DefaultValue("sslplane_command") String defaultDatabase,
        @DefaultValue("10s") Duration serverSelectionTimeout,
        String sslBundle) {

    public MongoProperties {
        sslBundle = sslBundle == null || sslBundle.isBlank() ? null : sslBundle.trim();
    }
}
