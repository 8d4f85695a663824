package dev.sslplane.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.security.LocalTokens;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Secrets the local stack generates on first start and keeps in its data directory (owner-readable only): the
 * vault master key, the fleet's control token and one API token per role ({@link LocalTokens}: plain tokens for
 * people in {@code api-tokens.json}, their hashes for the services in {@code api-tokens.sha256.json}). Their
 * values are never printed; only where they are.
 */
record LocalSecrets(Path vaultMasterKeyFile, Path fleetTokenFile, Path apiTokensFile, Path hashedApiTokensFile) {

    static LocalSecrets in(Path dir) throws IOException {
        ownerOnlyDirectory(dir);
        var secrets = new LocalSecrets(dir.resolve("vault-master-key"), dir.resolve("fleet-control-token"),
                dir.resolve(LocalTokens.PLAIN_FILE), dir.resolve(LocalTokens.HASHED_FILE));
        createIfMissing(secrets.vaultMasterKeyFile(), 32);
        createIfMissing(secrets.fleetTokenFile(), 24);
        LocalTokens.ensure(dir);
        return secrets;
    }

    /** Creates {@code dir} if needed and makes it readable by the owner only. */
    static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
    }

    String fleetToken() throws IOException {
        return Files.readString(fleetTokenFile).trim();
    }

    /** The plain API token of a role, for the {@code Authorization: Bearer} header. */
    String apiToken(Role role) throws IOException {
        Map<?, ?> tokens = new ObjectMapper().readValue(apiTokensFile.toFile(), Map.class);
        Object token = tokens.get(role.configName());
        if (!(token instanceof String value) || value.isBlank()) {
            throw new StackException(apiTokensFile + " has no token for the role " + role.configName()
                    + "; delete it and " + hashedApiTokensFile.getFileName() + " to have both made again");
        }
        return value;
    }

    /** A client that calls the stack's APIs as the given role. */
    StackClient client(Role role) throws IOException {
        return new StackClient(Map.of("Authorization", "Bearer " + apiToken(role)));
    }

    private static void createIfMissing(Path file, int bytes) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);
        Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
    }
}
