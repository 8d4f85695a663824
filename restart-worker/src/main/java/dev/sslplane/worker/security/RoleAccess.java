package dev.sslplane.worker.security;

import dev.sslplane.security.Role;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Requires a role, counting the roles it includes ({@link Role#hierarchy()}: admin includes viewer). Spring
 * Security's reactive {@code hasRole} knows no role hierarchy, hence this small manager.
 */
final class RoleAccess implements ReactiveAuthorizationManager<AuthorizationContext> {

    private static final RoleHierarchy HIERARCHY = Role.hierarchy();
    private final Role required;

    private RoleAccess(Role required) {
        this.required = required;
    }

    static RoleAccess atLeast(Role required) {
        return new RoleAccess(required);
    }

    @Override
    public Mono<AuthorizationDecision> check(Mono<Authentication> authentication, AuthorizationContext context) {
        return authentication
                .filter(Authentication::isAuthenticated)
                .map(a -> new AuthorizationDecision(HIERARCHY.getReachableGrantedAuthorities(a.getAuthorities())
                        .stream().anyMatch(g -> required.authority().equals(g.getAuthority()))))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
