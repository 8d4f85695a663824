package dev.sslplane.commandservice.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.sslplane.security.MongoTlsProperties;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsConnectionPoolListener;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one MongoDB client of the service (sync driver) and its database, shared by event store and vault. With
 * {@code sslplane.mongodb.ssl-bundle} it speaks TLS using that Spring Boot SSL bundle. It carries the actuator's
 * MongoDB metrics ({@code mongodb.driver.commands}, {@code mongodb.driver.pool.*}) that Boot's own client would.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoProperties properties, ObjectProvider<SslBundles> sslBundles,
                            ObjectProvider<MongoMetricsCommandListener> commandMetrics,
                            ObjectProvider<MongoMetricsConnectionPoolListener> poolMetrics) {
        var settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.uri()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(
                        properties.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applicationName("command-service");
        var tls = new MongoTlsProperties(properties.sslBundle());
        if (tls.enabled()) {
            tls.applyTo(settings, sslBundles.getObject());
        }
        commandMetrics.ifAvailable(settings::addCommandListener);
        poolMetrics.ifAvailable(listener -> settings.applyToConnectionPoolSettings(
                pool -> pool.addConnectionPoolListener(listener)));
        return MongoClients.create(settings.build());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, MongoProperties properties) {
        String name = new ConnectionString(properties.uri()).getDatabase();
        return client.getDatabase(name == null || name.isBlank() ? properties.defaultDatabase() : name);
    }
}
