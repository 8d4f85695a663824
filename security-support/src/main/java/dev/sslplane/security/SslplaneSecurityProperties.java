package dev.sslplane.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Who may call a service ({@code sslplane.security.*}), the same in every service. A service refuses to start
 * without at least one credential source: static API tokens (inline or {@code tokens-file}, hashed) or a JWT
 * issuer (JWK set URI or public key).
 *
 * @param tokens         static API tokens, hashed ({@link ApiToken})
 * @param tokensFile     a JSON array of {@link ApiToken}s, as {@link LocalTokens} writes it
 * @param jwt            bearer JWT verification; roles and instance scope come from claims
 * @param cors           browser origins allowed to call the API (none by default)
 * @param publicApiDocs  whether the OpenAPI document and Swagger UI are readable without a token
 */
@ConfigurationProperties("sslplane.security")
public record SslplaneSecurityProperties(List<ApiToken> tokens, Path tokensFile, Jwt jwt, Cors cors,
        boolean publicApiDocs) {

    public SslplaneSecurityProperties {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
        cors = cors == null ? new Cors(List.of()) : cors;
    }

    /**
     * @param jwkSetUri         where the issuer publishes its signing keys
     * @param publicKeyLocation an RSA public key (X.509 PEM), for issuers without a JWK set endpoint
     * @param rolesClaim        claim holding role names (default {@code roles})
     * @param instancesClaim    claim holding instance ids or patterns (default {@code instances}; absent = all)
     */
    public record Jwt(URI jwkSetUri, Resource publicKeyLocation, String rolesClaim, String instancesClaim) {

        public Jwt {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
            instancesClaim = instancesClaim == null || instancesClaim.isBlank() ? "instances" : instancesClaim;
        }

        public boolean configured() {
            return jwkSetUri != null || publicKeyLocation != null;
        }
    }

    /** @param allowedOrigins exact origins ({@code https://console.example.com}); wildcards are refused */
    public record Cors(List<String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
            if (allowedOrigins.stream().anyMatch(o -> o.contains("*"))) {
                throw new IllegalArgumentException("sslplane.security.cors.allowed-origins must list exact origins,"
                        + " not patterns: " + allowedOrigins);
            }
        }
    }

    /** The static tokens, inline and from {@code tokens-file}; fails fast when there is no credential source. */
    public ApiTokens apiTokens() {
        ApiTokens loaded = ApiTokens.load(tokens, tokensFile);
        if (loaded.isEmpty() && !jwt.configured()) {
            throw new IllegalStateException("no credentials configured: set sslplane.security.tokens-file"
                    + " (SSLPLANE_SECURITY_TOKENS_FILE), sslplane.security.tokens, or"
                    + " sslplane.security.jwt.jwk-set-uri / public-key-location");
        }
        return loaded;
    }

    public JwtClaims jwtClaims() {
        return new JwtClaims(jwt.rolesClaim(), jwt.instancesClaim());
    }

    /** For Spring MVC services; null when no JWT issuer is configured. */
    public JwtDecoder servletJwtDecoder() {
        if (jwt.jwkSetUri() != null) {
            return NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri().toString()).build();
        }
        return jwt.publicKeyLocation() == null ? null : NimbusJwtDecoder.withPublicKey(publicKey()).build();
    }

    /** For WebFlux services; null when no JWT issuer is configured. */
    public ReactiveJwtDecoder reactiveJwtDecoder() {
        if (jwt.jwkSetUri() != null) {
            return NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri().toString()).build();
        }
        return jwt.publicKeyLocation() == null ? null : NimbusReactiveJwtDecoder.withPublicKey(publicKey()).build();
    }

    /** Null when no origin is configured: then no cross-origin request is allowed. */
    public CorsConfiguration corsConfiguration() {
        if (cors.allowedOrigins().isEmpty()) {
            return null;
        }
        var config = new CorsConfiguration();
        config.setAllowedOrigins(cors.allowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key",
                "Last-Event-ID"));
        config.setExposedHeaders(List.of("Location", "Retry-After", "ETag", "Content-Disposition"));
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
        return config;
    }

    private RSAPublicKey publicKey() {
        try (InputStream in = jwt.publicKeyLocation().getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the JWT public key from " + jwt.publicKeyLocation() + ": "
                    + e.getMessage(), e);
        }
    }
}
