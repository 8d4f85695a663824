package dev.sslplane.commandservice.vault;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** The key vault and its master key. Fails the startup when no master key is configured (outside 'local'). */
@Configuration(proxyBeanMethods = false)
public class VaultConfiguration {

    @Bean
    MasterKeys vaultMasterKeys(VaultProperties properties, Environment environment) {
        boolean local = environment.acceptsProfiles(Profiles.of("local"));
        return MasterKeys.of(MasterKeyLoader.load(properties, local, new SecureRandom()));
    }

    /**
     * The vault lives in the service's {@link MongoDatabase} (defined with the event store) unless
     * {@code sslplane.vault.database} names another one, e.g. to give it its own access rules.
     */
    @Bean
    KeyVault keyVault(ObjectProvider<MongoDatabase> serviceDatabase, ObjectProvider<MongoClient> mongoClient,
                      VaultProperties properties, MasterKeys masterKeys) {
        MongoDatabase database = properties.database() == null || properties.database().isBlank()
                ? serviceDatabase.getObject()
                : mongoClient.getObject().getDatabase(properties.database());
        var collection = database.getCollection(properties.collection(), Document.class);
        return new KeyVault(collection, masterKeys, new SecureRandom(), Clock.systemUTC());
    }
}
