package dev.sslplane.security;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/**
 * What a caller may do. {@code admin} includes operator, viewer, auditor and metrics; {@code operator} includes
 * viewer. {@code worker} stands alone: it may only have node certificates signed. {@code metrics} stands alone
 * too: it may only read the services' metrics ({@code /actuator/metrics}, {@code /actuator/prometheus}), so the
 * token a Prometheus server scrapes with can neither read instances nor change them.
 */
public enum Role {
    OPERATOR,
    VIEWER,
    AUDITOR,
    WORKER,
    METRICS,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    /** Lower-case name, as written in configuration and JWT claims. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role fromConfigName(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }

    public static RoleHierarchy hierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ADMIN.name()).implies(OPERATOR.name(), AUDITOR.name(), METRICS.name())
                .role(OPERATOR.name()).implies(VIEWER.name())
                .build();
    }
}
