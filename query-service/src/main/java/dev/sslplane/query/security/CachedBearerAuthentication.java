package dev.sslplane.query.security;

import dev.sslplane.security.ApiTokens;
import dev.sslplane.security.SslplaneAuthentication;
import dev.sslplane.security.SslplanePrincipal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Remembers which principal a valid static API token stands for, so a client sending the same token on every call
 * costs one map lookup instead of a SHA-256 and the bearer parsing. Static tokens are loaded once at start-up, so
 * a remembered answer cannot go stale; only tokens that matched are kept (at most one entry per configured token),
 * never unknown ones, and JWTs always go to the delegate (they expire). A fresh authentication per request: the
 * token object is mutable.
 */
final class CachedBearerAuthentication implements ReactiveAuthenticationManager {

    private final ReactiveAuthenticationManager delegate;
    private final ApiTokens tokens;
    private final Map<String, SslplanePrincipal> known = new ConcurrentHashMap<>();

    CachedBearerAuthentication(ReactiveAuthenticationManager delegate, ApiTokens tokens) {
        this.delegate = delegate;
        this.tokens = tokens;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (authentication instanceof BearerTokenAuthenticationToken bearer) {
            SslplanePrincipal principal = known.get(bearer.getToken());
            if (principal != null) {
                return Mono.just(new SslplaneAuthentication(principal));
            }
            if (bearer.getToken().startsWith(ApiTokens.PREFIX)) {
                return tokens.find(bearer.getToken())
                        .<Mono<Authentication>>map(token -> {
                            known.put(bearer.getToken(), token.principal());
                            return Mono.just(new SslplaneAuthentication(token.principal()));
                        })
                        .orElseGet(() -> delegate.authenticate(authentication));
            }
        }
        return delegate.authenticate(authentication);
    }
}
