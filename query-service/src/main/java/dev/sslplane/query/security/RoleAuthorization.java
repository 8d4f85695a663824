package dev.sslplane.query.security;

import dev.sslplane.security.Role;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * Role checks through the role hierarchy: WebFlux's {@code hasRole} ignores a {@link RoleHierarchy} (only the
 * servlet side applies one), so an admin would otherwise be refused viewer routes.
 */
final class RoleAuthorization {

    private final RoleHierarchy hierarchy;

    RoleAuthorization(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    ReactiveAuthorizationManager<AuthorizationContext> role(Role role) {
        return (authentication, context) -> authentication
                .filter(Authentication::isAuthenticated)
                .map(a -> new AuthorizationDecision(hierarchy.getReachableGrantedAuthorities(a.getAuthorities())
                        .stream().anyMatch(granted -> role.authority().equals(granted.getAuthority()))))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
