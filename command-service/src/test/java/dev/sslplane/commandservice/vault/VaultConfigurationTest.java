package dev.sslplane.commandservice.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The vault's Spring wiring: startup refused without a master key, the vault usable with one. */
class VaultConfigurationTest {

    private final EmbeddedMongo mongo = new EmbeddedMongo();

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(VaultProperties.class)
    static class ServiceMongo {

        // As the service's config package does: one client, and the service database from it.
        @Bean(destroyMethod = "close")
        MongoClient mongoClient(Environment environment) {
            return MongoClients.create(environment.getRequiredProperty("test.mongo.uri"));
        }

        @Bean
        MongoDatabase serviceDatabase(MongoClient client) {
            return client.getDatabase("sslplane_command");
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(ServiceMongo.class, VaultConfiguration.class)
                .withPropertyValues("test.mongo.uri=" + mongo.connectionString(),
                        "sslplane.vault.collection=ca_keys",
                        "sslplane.vault.local-master-key-file=" + dir.resolve("local.key"));
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void refusesToStartWithoutMasterKey() {
        runner().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(MasterKeyLoader.MasterKeyMissingException.class)
                    .hasMessageContaining("No vault master key configured");
        });
    }

    @Test
    void startsInTheLocalProfileWithAGeneratedKey() {
        runner().withPropertyValues("spring.profiles.active=local").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(dir.resolve("local.key")).exists();
        });
    }

    @Test
    void storesInTheServiceDatabaseByDefaultAndInANamedOneWhenConfigured() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        runner().withPropertyValues("sslplane.vault.master-key=" + key).run(context -> {
            context.getBean(KeyVault.class).store("i", "o", "pem", "EC-P256", new byte[] {1});
            assertThat(mongo.client().getDatabase("sslplane_command").getCollection("ca_keys").countDocuments())
                    .isEqualTo(1);
        });
        runner().withPropertyValues("sslplane.vault.master-key=" + key, "sslplane.vault.database=sslplane_vault")
                .run(context -> {
                    context.getBean(KeyVault.class).store("i", "o", "pem", "EC-P256", new byte[] {1});
                    assertThat(mongo.client().getDatabase("sslplane_vault").getCollection("ca_keys")
                            .countDocuments()).isEqualTo(1);
                });
    }
}
