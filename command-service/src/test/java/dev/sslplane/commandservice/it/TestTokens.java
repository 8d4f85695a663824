package dev.sslplane.commandservice.it;

import dev.sslplane.security.LocalTokens;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One API token per role for the whole test JVM, made by {@link LocalTokens} in a temporary directory exactly as
 * the local stack makes them: services read the hashed file, tests send the plain tokens.
 */
public final class TestTokens {

    private static Path dir;
    private static Map<String, String> plain;

    private TestTokens() {
    }

    /** The hashed tokens file, for {@code sslplane.security.tokens-file}. */
    public static synchronized Path hashedFile() {
        init();
        return dir.resolve(LocalTokens.HASHED_FILE);
    }

    /** The plain token of {@code role}. */
    public static synchronized String token(Role role) {
        init();
        return plain.get(role.configName());
    }

    /** {@code Bearer <token>} for {@code role}. */
    public static String bearer(Role role) {
        return "Bearer " + token(role);
    }

    /** Every plain token, for tests asserting that none leaks. */
    public static synchronized Map<String, String> all() {
        init();
        return Map.copyOf(plain);
    }

    private static void init() {
        if (plain != null) {
            return;
        }
        try {
            dir = Files.createTempDirectory("sslplane-test-tokens");
            plain = LocalTokens.ensure(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
