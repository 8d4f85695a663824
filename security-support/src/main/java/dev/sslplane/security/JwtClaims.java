package dev.sslplane.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads roles and the instance scope from a verified JWT.
 *
 * @param rolesClaim     claim with the roles: a list, or a space-separated string ({@code operator viewer});
 *                       unknown role names are ignored
 * @param instancesClaim claim with instance ids or patterns; absent means all instances
 */
public record JwtClaims(String rolesClaim, String instancesClaim) {

    public static final JwtClaims DEFAULT = new JwtClaims("roles", "instances");

    public SslplanePrincipal principal(Jwt jwt) {
        return new SslplanePrincipal("jwt:" + jwt.getSubject(), roles(jwt.getClaim(rolesClaim)),
                new InstanceScope(strings(jwt.getClaim(instancesClaim))));
    }

    private static Set<Role> roles(Object claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : strings(claim)) {
            try {
                roles.add(Role.fromConfigName(name));
            } catch (IllegalArgumentException unknownRole) {
                // roles of other applications in the same token are none of our business
            }
        }
        return roles;
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String value) {
            return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
        }
        return List.of();
    }
}
