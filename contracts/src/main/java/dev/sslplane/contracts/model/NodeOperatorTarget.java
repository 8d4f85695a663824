package dev.sslplane.contracts.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which node operator drives an instance's nodes, and where they are: named at registration and carried by every
 * event that starts an operation, so one worker can serve instances on different substrates. {@code null} in
 * events recorded before operators were named: the worker then uses its default operator.
 *
 * @param type    {@value #LOCAL_FLEET}, {@value #SYSTEMD} or {@value #SIMULATED} (tests and development only)
 * @param systemd the hosts and how to reach them, with {@value #SYSTEMD} only
 */
public record NodeOperatorTarget(String type, SystemdTarget systemd) {

    public static final String LOCAL_FLEET = "local-fleet";
    public static final String SYSTEMD = "systemd";
    public static final String SIMULATED = "simulated";
    public static final Set<String> TYPES = Set.of(LOCAL_FLEET, SYSTEMD, SIMULATED);

    public static NodeOperatorTarget localFleet() {
        return new NodeOperatorTarget(LOCAL_FLEET, null);
    }

    public static NodeOperatorTarget systemd(SystemdTarget target) {
        return new NodeOperatorTarget(SYSTEMD, target);
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
        return violations;
    }
}
