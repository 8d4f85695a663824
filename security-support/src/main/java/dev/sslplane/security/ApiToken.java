package dev.sslplane.security;

import java.util.List;
import java.util.Set;

/**
 * A static API token as configured: never the token itself, only its SHA-256.
 *
 * @param name      who holds it; becomes the actor {@code token:<name>}
 * @param sha256    lower-case hex SHA-256 of the token string
 * @param roles     its roles
 * @param instances instance ids or glob patterns it may act on (empty: all)
 */
public record ApiToken(String name, String sha256, Set<Role> roles, List<String> instances) {

    public ApiToken {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an API token needs a name");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("API token '" + name + "': sha256 must be 64 lower-case hex digits");
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("API token '" + name + "' has no roles");
        }
        roles = Set.copyOf(roles);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    public SslplanePrincipal principal() {
        return new SslplanePrincipal("token:" + name, roles, new InstanceScope(instances));
    }
}
