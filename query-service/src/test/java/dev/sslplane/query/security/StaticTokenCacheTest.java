package dev.sslplane.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.security.ApiToken;
import dev.sslplane.security.ApiTokens;
import dev.sslplane.security.BearerAuthentication;
import dev.sslplane.security.Role;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** Accepted static tokens are remembered; unknown tokens and JWTs always reach the real authentication. */
class StaticTokenCacheTest {

    private static final String TOKEN = ApiTokens.PREFIX + "viewer-token-for-the-cache-test";

    private final AtomicInteger delegateCalls = new AtomicInteger();
    private final ReactiveAuthenticationManager real = BearerAuthentication.reactive(
            new ApiTokens(List.of(new ApiToken("viewer", ApiTokens.sha256Hex(TOKEN), java.util.Set.of(Role.VIEWER),
                    List.of("*")))), null, null);
    private final ReactiveAuthenticationManager counting = authentication -> {
        delegateCalls.incrementAndGet();
        return real.authenticate(authentication);
    };

    @Test
    void anAcceptedStaticTokenIsAuthenticatedOnceThenRemembered() {
        var cache = new StaticTokenCache(counting, 10);
        Authentication first = cache.authenticate(new BearerTokenAuthenticationToken(TOKEN)).block();
        Authentication second = cache.authenticate(new BearerTokenAuthenticationToken(TOKEN)).block();
        assertThat(first.getName()).isEqualTo("token:viewer");
        assertThat(second).isSameAs(first);
        assertThat(delegateCalls).hasValue(1);
    }

    @Test
    void unknownTokensAndJwtsAreNeverRemembered() {
        var cache = new StaticTokenCache(counting, 10);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.authenticate(new BearerTokenAuthenticationToken(TOKEN + "x")).block())
                    .isInstanceOf(BadCredentialsException.class);
            assertThatThrownBy(() -> cache.authenticate(new BearerTokenAuthenticationToken("a.b.c")).block())
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(delegateCalls).hasValue(6);
    }

    @Test
    void theBoundIsKept() {
        var cache = new StaticTokenCache(counting, 0);
        cache.authenticate(new BearerTokenAuthenticationToken(TOKEN)).block();
        cache.authenticate(new BearerTokenAuthenticationToken(TOKEN)).block();
        assertThat(delegateCalls).hasValue(2);
    }
}
