package dev.sslplane.commandservice.vault;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sslplane.vault.next-*} / {@code previous-*}: the keys of a master-key rotation (see
 * {@link MasterKeyRotation}). With a next key configured, it seals new entries and the {@code master-key} is only
 * accepted for reading until the rotation is done; after it, the next key becomes the {@code master-key}. A
 * {@code previous} key is the same thing seen from the other side (master-key already switched to the new key):
 * accepted for reading only. Each key: base64 value (wins) or file, optional id (else derived).
 */
@ConfigurationProperties("sslplane.vault")
public record MasterKeyRotationProperties(
        String nextMasterKey,
        Path nextMasterKeyFile,
        String nextMasterKeyId,
        String previousMasterKey,
        Path previousMasterKeyFile,
        String previousMasterKeyId) {

    @Override
    public String toString() {
        return "MasterKeyRotationProperties[nextMasterKey=" + set(nextMasterKey) + ", nextMasterKeyFile="
                + nextMasterKeyFile + ", nextMasterKeyId=" + nextMasterKeyId + ", previousMasterKey="
                + set(previousMasterKey) + ", previousMasterKeyFile=" + previousMasterKeyFile
                + ", previousMasterKeyId=" + previousMasterKeyId + "]";
    }

    private static String set(String value) {
        return value == null || value.isBlank() ? "<unset>" : "<set>";
    }
}
