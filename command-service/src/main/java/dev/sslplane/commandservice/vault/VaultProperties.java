package dev.sslplane.commandservice.vault;

import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sslplane.vault.*}: where CA private keys are kept and the master key that encrypts them.
 *
 * @param masterKey          base64 of 32 bytes ({@code SSLPLANE_VAULT_MASTER_KEY}); wins over the file
 * @param masterKeyFile      file holding the base64 master key ({@code SSLPLANE_VAULT_MASTER_KEY_FILE})
 * @param masterKeyId        id stored with every entry; empty derives one from the key (a hash, not the key)
 * @param localMasterKeyFile where the {@code local} profile generates a master key when none is configured
 * @param database           MongoDB database of the vault collection; empty uses the service's database
 * @param collection         the vault collection
 */
@Validated
@ConfigurationProperties("sslplane.vault")
public record VaultProperties(
        String masterKey,
        Path masterKeyFile,
        String masterKeyId,
        Path localMasterKeyFile,
        String database,
        @NotBlank @DefaultValue("ca_keys") String collection) {

    @Override
    public String toString() {
        // Spring may print bound properties (actuator, failure analysis): never the key itself.
        return "VaultProperties[masterKey=" + (masterKey == null || masterKey.isBlank() ? "<unset>" : "<set>")
                + ", masterKeyFile=" + masterKeyFile + ", masterKeyId=" + masterKeyId
                + ", localMasterKeyFile=" + localMasterKeyFile + ", database=" + database
                + ", collection=" + collection + "]";
    }
}
