package dev.sslplane.query.security;

import dev.sslplane.security.ApiTokens;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Remembers the authentication of each static API token ({@code sslp_…}) that was once accepted, so a repeated
 * request skips the SHA-256 and the principal's construction. Only accepted static tokens are kept — they are
 * loaded at start-up and never change or expire while the service runs — so the map holds at most one entry per
 * configured token and unknown tokens cannot grow it; JWTs (which expire) always go to the delegate.
 */
final class StaticTokenCache implements ReactiveAuthenticationManager {

    private final ReactiveAuthenticationManager delegate;
    private final int maxEntries;
    private final ConcurrentMap<String, Mono<Authentication>> accepted = new ConcurrentHashMap<>();

    StaticTokenCache(ReactiveAuthenticationManager delegate, int maxEntries) {
        this.delegate = delegate;
        this.maxEntries = maxEntries;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (!token.startsWith(ApiTokens.PREFIX)) {
            return delegate.authenticate(authentication);
        }
        Mono<Authentication> known = accepted.get(token);
        if (known != null) {
            return known;
        }
        return delegate.authenticate(authentication).doOnNext(result -> {
            if (accepted.size() < maxEntries) {
                accepted.putIfAbsent(token, Mono.just(result));
            }
        });
    }
}
