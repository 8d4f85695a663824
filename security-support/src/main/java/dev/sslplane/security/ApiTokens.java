package dev.sslplane.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured static API tokens, looked up by the SHA-256 of what a caller presents. */
public final class ApiTokens {

    /** Prefix of every token this project issues; tells a static token from a JWT at a glance. */
    public static final String PREFIX = "sslp_";

    private final Map<String, ApiToken> bySha256;

    public ApiTokens(List<ApiToken> tokens) {
        this.bySha256 = tokens.stream().collect(Collectors.toUnmodifiableMap(ApiToken::sha256, Function.identity(),
                (a, b) -> {
                    throw new IllegalArgumentException("API tokens '" + a.name() + "' and '" + b.name()
                            + "' have the same hash");
                }));
    }

    /** Tokens from configuration plus, when {@code file} is given, a JSON array of {@link ApiToken}s in it. */
    public static ApiTokens load(List<ApiToken> configured, Path file) {
        var all = new ArrayList<>(configured == null ? List.<ApiToken>of() : configured);
        if (file != null) {
            try {
                all.addAll(new ObjectMapper().readValue(Files.readAllBytes(file), new TypeReference<List<ApiToken>>() {
                }));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read API tokens from " + file + ": " + e.getMessage(), e);
            }
        }
        return new ApiTokens(all);
    }

    public Optional<ApiToken> find(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            return Optional.empty();
        }
        return Optional.ofNullable(bySha256.get(sha256Hex(presented)));
    }

    public boolean isEmpty() {
        return bySha256.isEmpty();
    }

    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
