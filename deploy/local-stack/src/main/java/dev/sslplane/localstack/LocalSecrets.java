package dev.sslplane.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets the local stack generates on first start and keeps in its data directory (owner-readable only): the
 * vault master key and the fleet's control token. Their values are never printed; only where they are.
 */
record LocalSecrets(Path vaultMasterKeyFile, Path fleetTokenFile) {

    static LocalSecrets in(Path dir) throws IOException {
        Files.createDirectories(dir);
        var secrets = new LocalSecrets(dir.resolve("vault-master-key"), dir.resolve("fleet-control-token"));
        createIfMissing(secrets.vaultMasterKeyFile(), 32);
        createIfMissing(secrets.fleetTokenFile(), 24);
        return secrets;
    }

    String fleetToken() throws IOException {
        return Files.readString(fleetTokenFile).trim();
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
