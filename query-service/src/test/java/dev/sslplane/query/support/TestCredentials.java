package dev.sslplane.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sslplane.security.ApiToken;
import dev.sslplane.security.ApiTokens;
import dev.sslplane.security.LocalTokens;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Credentials for the tests, made once per JVM so every test class sharing one Spring context sees the same
 * ones: {@link LocalTokens} (one token per role, all instances), plus tokens with an instance scope, in one
 * tokens file; and an RSA key pair whose public key the service trusts for JWTs.
 */
public final class TestCredentials {

    /** Scope of the scoped tokens: one exact id and one glob. */
    public static final String SCOPED_EXACT = "scoped-exact-1";
    public static final String SCOPED_GLOB = "scoped-in-*";

    private static final Path DIR;
    private static final Map<String, String> BY_ROLE;
    private static final String SCOPED_VIEWER = "sslp_scoped-viewer-" + UUID.randomUUID();
    private static final String SCOPED_AUDITOR = "sslp_scoped-auditor-" + UUID.randomUUID();
    private static final KeyPair JWT_KEYS = rsa();
    private static final KeyPair OTHER_KEYS = rsa();

    static {
        try {
            DIR = Files.createTempDirectory("sslplane-query-credentials");
            BY_ROLE = LocalTokens.ensure(DIR.resolve("local"));
            var mapper = new ObjectMapper();
            List<ApiToken> all = new ArrayList<>(List.of(mapper.readValue(
                    DIR.resolve("local").resolve(LocalTokens.HASHED_FILE).toFile(), ApiToken[].class)));
            all.add(new ApiToken("scoped-viewer", ApiTokens.sha256Hex(SCOPED_VIEWER), Set.of(Role.VIEWER),
                    List.of(SCOPED_EXACT, SCOPED_GLOB)));
            all.add(new ApiToken("scoped-auditor", ApiTokens.sha256Hex(SCOPED_AUDITOR), Set.of(Role.AUDITOR),
                    List.of(SCOPED_EXACT, SCOPED_GLOB)));
            mapper.writeValue(tokensFile().toFile(), all);
            Files.writeString(publicKeyFile(), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(JWT_KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestCredentials() {
    }

    /** The hashed tokens (for {@code sslplane.security.tokens-file}). */
    public static Path tokensFile() {
        return DIR.resolve("tokens.sha256.json");
    }

    /** The public key of the test JWT issuer (for {@code sslplane.security.jwt.public-key-location}). */
    public static Path publicKeyFile() {
        return DIR.resolve("jwt-public.pem");
    }

    /** The plain token of a role (name {@code token:local-<role>}, all instances). */
    public static String token(Role role) {
        return BY_ROLE.get(role.configName());
    }

    public static String scopedViewer() {
        return SCOPED_VIEWER;
    }

    public static String scopedAuditor() {
        return SCOPED_AUDITOR;
    }

    /** A JWT signed by the trusted test key. */
    public static String jwt(String subject, List<String> roles, List<String> instances) {
        return sign(JWT_KEYS, subject, roles, instances, Instant.now().plusSeconds(600));
    }

    /** A JWT signed by a key the service does not trust. */
    public static String jwtWithWrongKey(String subject, List<String> roles) {
        return sign(OTHER_KEYS, subject, roles, null, Instant.now().plusSeconds(600));
    }

    /** A JWT that expired an hour ago. */
    public static String expiredJwt(String subject, List<String> roles) {
        return sign(JWT_KEYS, subject, roles, null, Instant.now().minusSeconds(3600));
    }

    private static String sign(KeyPair keys, String subject, List<String> roles, List<String> instances,
                               Instant expires) {
        try {
            var claims = new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(Instant.now().minusSeconds(
                    7200))).expirationTime(Date.from(expires)).claim("roles", roles);
            if (instances != null) {
                claims.claim("instances", instances);
            }
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    claims.build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
