package dev.sslplane.security;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * For WebFlux services: requires a role, counting the roles that include it ({@link Role#hierarchy()}: admin
 * includes viewer). Spring Security's reactive {@code hasRole} knows no role hierarchy (only the servlet side
 * applies one). The roles that grant the required one are worked out once, so a request costs a set lookup.
 */
public final class ReactiveRoleAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

    private final Set<String> grantingAuthorities;

    private ReactiveRoleAuthorization(Role required) {
        var hierarchy = Role.hierarchy();
        this.grantingAuthorities = Arrays.stream(Role.values())
                .filter(held -> hierarchy.getReachableGrantedAuthorities(
                                List.of(new SimpleGrantedAuthority(held.authority()))).stream()
                        .anyMatch(reached -> required.authority().equals(reached.getAuthority())))
                .map(Role::authority)
                .collect(Collectors.toUnmodifiableSet());
    }

    public static ReactiveRoleAuthorization atLeast(Role required) {
        return new ReactiveRoleAuthorization(required);
    }

    @Override
    public Mono<AuthorizationDecision> check(Mono<Authentication> authentication, AuthorizationContext context) {
        return authentication
                .filter(Authentication::isAuthenticated)
                .map(a -> grants(a) ? GRANTED : DENIED)
                .defaultIfEmpty(DENIED);
    }

    private boolean grants(Authentication authentication) {
        for (GrantedAuthority held : authentication.getAuthorities()) {
            if (grantingAuthorities.contains(held.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
