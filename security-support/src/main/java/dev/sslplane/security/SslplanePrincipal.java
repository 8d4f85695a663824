package dev.sslplane.security;

import java.security.Principal;
import java.util.Set;

/**
 * An authenticated caller, whichever way it authenticated.
 *
 * @param name  the actor recorded in events and the audit trail: {@code token:<name>} or {@code jwt:<subject>}
 * @param roles what it may do
 * @param scope which instances it may act on
 */
public record SslplanePrincipal(String name, Set<Role> roles, InstanceScope scope) implements Principal {

    public SslplanePrincipal {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return name;
    }
}
