package dev.sslplane.commandservice.vault;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** The key vault and its master key. Fails the startup when no master key is configured (outside 'local'). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MasterKeyRotationProperties.class)
public class VaultConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(VaultConfiguration.class);

    /**
     * The master key seals new entries, unless a rotation's next key is configured: then the next key does and
     * the master key (and any previous key) only opens what it sealed until {@link MasterKeyRotation} is done.
     */
    @Bean
    MasterKeys vaultMasterKeys(VaultProperties properties, MasterKeyRotationProperties rotation,
                               Environment environment) {
        boolean local = environment.acceptsProfiles(Profiles.of("local"));
        MasterKey master = MasterKeyLoader.load(properties, local, new SecureRandom());
        Optional<MasterKey> next = MasterKeyLoader.loadOptional(rotation.nextMasterKey(),
                rotation.nextMasterKeyFile(), rotation.nextMasterKeyId(), "next vault master key");
        Optional<MasterKey> previous = MasterKeyLoader.loadOptional(rotation.previousMasterKey(),
                rotation.previousMasterKeyFile(), rotation.previousMasterKeyId(), "previous vault master key");
        List<MasterKey> readOnly = new ArrayList<>();
        next.ifPresent(key -> readOnly.add(master));
        previous.ifPresent(readOnly::add);
        MasterKeys keys = new MasterKeys(next.orElse(master), readOnly);
        log.info("Vault master keys: {} seals new entries; {} accepted for reading", keys.current().keyId(),
                keys.keyIds());
        return keys;
    }

    @Bean
    MasterKeyRotation masterKeyRotation(KeyVault keyVault) {
        return new MasterKeyRotation(keyVault);
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
