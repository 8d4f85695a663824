package dev.sslplane.query.security;

import dev.sslplane.security.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * Role checks through the role hierarchy: WebFlux's {@code hasRole} ignores a {@link RoleHierarchy} (only the
 * servlet side applies one), so an admin would otherwise be refused viewer routes. The authorities that reach a
 * role are worked out once, so a request costs a set lookup per authority it holds.
 */
final class RoleAuthorization {

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

    private final RoleHierarchy hierarchy;

    RoleAuthorization(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    ReactiveAuthorizationManager<AuthorizationContext> role(Role role) {
        Set<String> granting = granting(role);
        return (authentication, context) -> authentication
                .filter(Authentication::isAuthenticated)
                .map(a -> holdsAny(a, granting) ? GRANTED : DENIED)
                .defaultIfEmpty(DENIED);
    }

    /** Every role authority whose reachable authorities include {@code role}'s (itself included). */
    private Set<String> granting(Role role) {
        return Arrays.stream(Role.values())
                .filter(held -> hierarchy.getReachableGrantedAuthorities(
                                List.of(new SimpleGrantedAuthority(held.authority()))).stream()
                        .anyMatch(reached -> role.authority().equals(reached.getAuthority())))
                .map(Role::authority)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static boolean holdsAny(Authentication authentication, Set<String> granting) {
        for (GrantedAuthority held : authentication.getAuthorities()) {
            if (granting.contains(held.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
