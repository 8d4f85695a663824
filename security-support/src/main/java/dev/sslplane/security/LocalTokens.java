package dev.sslplane.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tokens for a small installation: one per role, made on first start. The plain tokens go to a file only the
 * owner can read (for the people and scripts that use them); services get only the hashes.
 */
public final class LocalTokens {

    /** Plain tokens by role name, for people. */
    public static final String PLAIN_FILE = "api-tokens.json";
    /** Hashed entries ({@link ApiToken} JSON array), for services. */
    public static final String HASHED_FILE = "api-tokens.sha256.json";

    private LocalTokens() {
    }

    /**
     * Creates both files in {@code dir} unless they exist; returns the plain tokens by role name. Files made before a
     * role existed get a token for it added, so an old local stack's data directory keeps working.
     */
    public static Map<String, String> ensure(Path dir) throws IOException {
        var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path plain = dir.resolve(PLAIN_FILE);
        Map<String, String> tokens = new LinkedHashMap<>();
        List<ApiToken> hashed = new ArrayList<>();
        if (Files.exists(plain) && Files.exists(dir.resolve(HASHED_FILE))) {
            tokens.putAll(mapper.readValue(plain.toFile(), new TypeReference<Map<String, String>>() { }));
            hashed.addAll(List.of(mapper.readValue(dir.resolve(HASHED_FILE).toFile(), ApiToken[].class)));
        }
        var random = new SecureRandom();
        boolean added = false;
        for (Role role : Role.values()) {
            if (tokens.containsKey(role.configName())) {
                continue;
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = ApiTokens.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            tokens.put(role.configName(), token);
            hashed.add(new ApiToken("local-" + role.configName(), ApiTokens.sha256Hex(token), Set.of(role),
                    List.of()));
            added = true;
        }
        if (added) {
            Files.createDirectories(dir);
            writeOwnerOnly(dir.resolve(HASHED_FILE), mapper.writeValueAsBytes(hashed));
            writeOwnerOnly(plain, mapper.writeValueAsBytes(tokens));
        }
        return tokens;
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
    }
}
