package dev.sslplane.contracts.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which node operator drives an instance's nodes, and where they are: named at registration and carried by every
 * event that starts an operation, so one worker can serve instances on different substrates. {@code null} in
 * events recorded before operators were named: the worker then uses its default operator.
 *
 * @param type    {@value #LOCAL_FLEET}, {@value #SYSTEMD}, {@value #PERCONA} or {@value #SIMULATED} (tests and
 *                development only)
 * @param systemd the hosts and how to reach them, with {@value #SYSTEMD} only
 * @param percona the {@code PerconaServerMongoDB} resource and how to reach its API server, with {@value #PERCONA}
 *                only
 */
public record NodeOperatorTarget(String type, SystemdTarget systemd, PerconaTarget percona) {

    public static final String LOCAL_FLEET = "local-fleet";
    public static final String SYSTEMD = "systemd";
    public static final String SIMULATED = "simulated";
    public static final String PERCONA = "percona";
    public static final Set<String> TYPES = Set.of(LOCAL_FLEET, SYSTEMD, PERCONA, SIMULATED);

    /** The shape before the percona operator: a target with no Percona resource. */
    public NodeOperatorTarget(String type, SystemdTarget systemd) {
        this(type, systemd, null);
    }

    public static NodeOperatorTarget localFleet() {
        return new NodeOperatorTarget(LOCAL_FLEET, null, null);
    }

    public static NodeOperatorTarget systemd(SystemdTarget target) {
        return new NodeOperatorTarget(SYSTEMD, target, null);
    }

    public static NodeOperatorTarget percona(PerconaTarget target) {
        return new NodeOperatorTarget(PERCONA, null, target);
    }

    /**
     * Every missing or invalid field, named by its JSON path under {@code operator}; empty when the target is
     * complete for {@code nodes}.
     */
    public List<String> violations(List<NodeSpec> nodes) {
        var violations = new ArrayList<String>();
        if (type == null || type.isBlank()) {
            violations.add("operator.type is missing (one of " + String.join(", ", TYPES.stream().sorted().toList())
                    + ")");
        } else if (!TYPES.contains(type)) {
            violations.add("operator.type '" + type + "' is not a known node operator (one of "
                    + String.join(", ", TYPES.stream().sorted().toList()) + ")");
        } else if (SYSTEMD.equals(type)) {
            if (systemd == null) {
                violations.add("operator.systemd is missing");
            } else {
                violations.addAll(systemd.violations(nodes));
            }
        } else if (systemd != null) {
            violations.add("operator.systemd is only for the systemd operator");
        }
        if (PERCONA.equals(type)) {
            if (percona == null) {
                violations.add("operator.percona is missing");
            } else {
                violations.addAll(percona.violations(nodes));
            }
        } else if (percona != null) {
            violations.add("operator.percona is only for the percona operator");
        }
        return violations;
    }
}
