package dev.sslplane.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Turns a bearer token into an {@link SslplaneAuthentication}: a JWT (three dot-separated parts) is verified with
 * the configured decoder, anything else is looked up among the static API tokens. Plug the managers into Spring
 * Security's resource-server bearer-token support ({@code oauth2ResourceServer().authenticationManagerResolver}).
 */
public final class BearerAuthentication {

    private static final String INVALID = "invalid or unknown bearer token";

    private BearerAuthentication() {
    }

    /** For Spring MVC services. {@code jwtDecoder} may be null when no JWT issuer is configured. */
    public static AuthenticationManager servlet(ApiTokens tokens, JwtDecoder jwtDecoder, JwtClaims claims) {
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (looksLikeJwt(token)) {
                if (jwtDecoder == null) {
                    throw new BadCredentialsException(INVALID);
                }
                try {
                    return new SslplaneAuthentication(claims.principal(jwtDecoder.decode(token)));
                } catch (JwtException e) {
                    throw new BadCredentialsException(INVALID, e);
                }
            }
            return tokens.find(token)
                    .map(t -> new SslplaneAuthentication(t.principal()))
                    .orElseThrow(() -> new BadCredentialsException(INVALID));
        };
    }

    /** For WebFlux services. {@code jwtDecoder} may be null when no JWT issuer is configured. */
    public static ReactiveAuthenticationManager reactive(ApiTokens tokens, ReactiveJwtDecoder jwtDecoder,
            JwtClaims claims) {
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (looksLikeJwt(token)) {
                if (jwtDecoder == null) {
                    return Mono.error(new BadCredentialsException(INVALID));
                }
                return jwtDecoder.decode(token)
                        .<org.springframework.security.core.Authentication>map(
                                jwt -> new SslplaneAuthentication(claims.principal(jwt)))
                        .onErrorMap(JwtException.class, e -> new BadCredentialsException(INVALID, e));
            }
            return tokens.find(token)
                    .<org.springframework.security.core.Authentication>map(
                            t -> new SslplaneAuthentication(t.principal()))
                    .map(Mono::just)
                    .orElseGet(() -> Mono.error(new BadCredentialsException(INVALID)));
        };
    }

    static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2 && !token.startsWith(ApiTokens.PREFIX);
    }
}
