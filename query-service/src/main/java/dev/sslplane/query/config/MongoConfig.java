package dev.sslplane.query.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.sslplane.query.readmodel.ReadModelStore;
import dev.sslplane.security.MongoTlsProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reactive MongoDB driver, used directly (no Spring Data), and the read-model store on it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoTlsProperties.class)
public class MongoConfig {

    static final String DEFAULT_DATABASE = "sslplane_query";

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(QueryProperties properties, MongoTlsProperties tls, SslBundles bundles) {
        return MongoClients.create(settings(properties.mongo().uri(), tls, bundles));
    }

    /** The connection string, plus TLS with the SSL bundle's context when {@code sslplane.mongodb.ssl-bundle} is set. */
    static MongoClientSettings settings(String uri, MongoTlsProperties tls, SslBundles bundles) {
        return tls.applyTo(MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri)), bundles)
                .build();
    }

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, QueryProperties properties) {
        String name = new ConnectionString(properties.mongo().uri()).getDatabase();
        return client.getDatabase(name == null ? DEFAULT_DATABASE : name);
    }

    /** Initialized while the context starts (not on an event loop), so every request finds a generation. */
    @Bean
    ReadModelStore readModelStore(MongoDatabase database) {
        var store = new ReadModelStore(database);
        store.initialize().block(Duration.ofMinutes(2));
        return store;
    }
}
