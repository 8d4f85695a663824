package dev.sslplane.commandservice.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the vault master key: {@code SSLPLANE_VAULT_MASTER_KEY} (base64), else the master-key file. Without
 * either the service refuses to start, except in the {@code local} profile, which generates a key into a file
 * (owner-only permissions) and logs where it is — never the key.
 */
public final class MasterKeyLoader {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyLoader.class);

    private MasterKeyLoader() {
    }

    public static MasterKey load(VaultProperties properties, boolean localProfile, SecureRandom random) {
        if (hasText(properties.masterKey())) {
            return new MasterKey(properties.masterKeyId(), decode(properties.masterKey(), "SSLPLANE_VAULT_MASTER_KEY"));
        }
        Path file = properties.masterKeyFile();
        if (file != null && !file.toString().isBlank() && Files.exists(file)) {
            return new MasterKey(properties.masterKeyId(), read(file));
        }
        if (!localProfile) {
            throw new MasterKeyMissingException(file == null || file.toString().isBlank()
                    ? "No vault master key configured. CA private keys are encrypted under it, so the command "
                    + "service will not start without one. Set SSLPLANE_VAULT_MASTER_KEY to the base64 encoding of "
                    + "32 random bytes (e.g. `openssl rand -base64 32`) or SSLPLANE_VAULT_MASTER_KEY_FILE to a "
                    + "file containing it. (Only the 'local' profile generates one.)"
                    : "The vault master key file " + file.toAbsolutePath() + " does not exist. Create it with "
                    + "`openssl rand -base64 32 > " + file + "` or set SSLPLANE_VAULT_MASTER_KEY. (Only the "
                    + "'local' profile generates one.)");
        }
        Path target = file != null && !file.toString().isBlank() ? file : properties.localMasterKeyFile();
        if (target == null || target.toString().isBlank()) {
            throw new MasterKeyMissingException("The 'local' profile needs sslplane.vault.local-master-key-file "
                    + "to know where to generate the vault master key.");
        }
        return new MasterKey(properties.masterKeyId(), readOrGenerate(target.toAbsolutePath(), random));
    }

    /**
     * An optional extra key (the next or previous key of a master-key rotation): the base64 value wins over the
     * file; neither set → empty. A configured file that does not exist refuses the startup, like a bad value.
     */
    public static java.util.Optional<MasterKey> loadOptional(String base64, Path file, String keyId, String name) {
        if (hasText(base64)) {
            return java.util.Optional.of(new MasterKey(keyId, decode(base64, name)));
        }
        if (file != null && !file.toString().isBlank()) {
            if (!Files.exists(file)) {
                throw new MasterKeyMissingException("The " + name + " file " + file.toAbsolutePath()
                        + " does not exist.");
            }
            return java.util.Optional.of(new MasterKey(keyId, read(file)));
        }
        return java.util.Optional.empty();
    }

    private static byte[] readOrGenerate(Path file, SecureRandom random) {
        if (Files.exists(file)) {
            log.info("Vault master key (local profile) read from {}", file);
            return read(file);
        }
        byte[] key = new byte[MasterKey.LENGTH_BYTES];
        random.nextBytes(key);
        try {
            Files.createDirectories(file.getParent());
            // CREATE_NEW: two local processes starting together must not overwrite each other's key.
            Files.write(file, Base64.getEncoder().encode(key), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system; the file keeps the default permissions.
            }
            log.warn("Generated a vault master key for the local profile at {}. Keep this file: CA keys stored "
                    + "under it cannot be decrypted without it. Never use the local profile in production.", file);
            return key;
        } catch (FileAlreadyExistsException e) {
            return read(file);
        } catch (IOException e) {
            throw new MasterKeyMissingException("Cannot generate the local vault master key at " + file + ": "
                    + e.getMessage());
        }
    }

    private static byte[] read(Path file) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), "master key file " + file);
        } catch (IOException e) {
            throw new MasterKeyMissingException("Cannot read the vault master key file " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyMissingException("The vault master key from " + source + " is not valid base64.");
        }
        if (key.length != MasterKey.LENGTH_BYTES) {
            throw new MasterKeyMissingException("The vault master key from " + source + " decodes to "
                    + key.length + " bytes; AES-256 needs exactly " + MasterKey.LENGTH_BYTES + ".");
        }
        return key;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** Startup refused: the message says what to configure. */
    public static final class MasterKeyMissingException extends IllegalStateException {
        public MasterKeyMissingException(String message) {
            super(message);
        }
    }
}
