package dev.sslplane.commandservice.intake;

import dev.sslplane.contracts.command.RegisterInstanceCommand;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.NodeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a registration before it reaches the aggregate: every violation is listed at once, so a client fixes
 * its request in one round. Eligibility (topology, supported version) is not checked here: any well-formed
 * instance may be registered; the aggregate refuses SSL operations on ineligible ones with the reason. A
 * registration without an operator is complete: the worker's default operator then drives its nodes.
 */
public final class RegisterInstanceValidator {

    public static final int MAX_NODES = 50;
    public static final int MAX_ALT_NAMES = 16;

    private RegisterInstanceValidator() {
    }

    /** The command for a valid request; {@code VALIDATION_FAILED} listing every violation otherwise. */
    public static RegisterInstanceCommand toCommand(RegisterInstanceRequest request) {
        List<String> violations = violations(request);
        if (!violations.isEmpty()) {
            throw InputRules.invalid(violations);
        }
        int collections = request.collectionCount() == null ? 0 : request.collectionCount();
        return new RegisterInstanceCommand(request.instanceId(), request.engineVersion(), request.topology(),
                List.copyOf(request.nodes()), collections, request.operator(),
                request.maintenanceWindow() == null
                        ? null : MaintenanceWindowRequests.read(request.maintenanceWindow()));
    }

    public static List<String> violations(RegisterInstanceRequest request) {
        var violations = new ArrayList<String>();
        if (request == null) {
            return List.of("body is required");
        }
        if (!IdRules.isId(request.instanceId())) {
            violations.add("instanceId must match " + IdRules.ID.pattern());
        }
        if (request.engineVersion() == null || !InputRules.ENGINE_VERSION.matcher(request.engineVersion()).matches()) {
            violations.add("engineVersion must look like 4.2 or 4.2.24");
        }
        if (request.topology() == null) {
            violations.add("topology is required (REPLICA_SET, SHARDED or STANDALONE)");
        }
        if (request.collectionCount() != null && request.collectionCount() < 0) {
            violations.add("collectionCount must be 0 or more");
        }
        List<NodeSpec> nodes = request.nodes() == null ? List.of() : request.nodes();
        if (nodes.isEmpty() || nodes.size() > MAX_NODES) {
            violations.add("nodes must list 1 to " + MAX_NODES + " members");
        } else {
            violations.addAll(nodeViolations(nodes));
        }
        if (request.operator() != null) {
            violations.addAll(request.operator().violations(nodes));
        }
        if (request.maintenanceWindow() != null) {
            MaintenanceWindowRequests.violations(request.maintenanceWindow()).forEach(v -> violations.add(
                    "maintenanceWindow." + v));
        }
        return violations;
    }

    private static List<String> nodeViolations(List<NodeSpec> nodes) {
        var violations = new ArrayList<String>();
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeSpec node = nodes.get(i);
            String at = "nodes[" + i + "]";
            if (node == null) {
                violations.add(at + " must not be null");
                continue;
            }
            if (!IdRules.isId(node.name())) {
                violations.add(at + ".name must match " + IdRules.ID.pattern());
            } else if (!names.add(node.name())) {
                violations.add(at + ".name '" + node.name() + "' is used twice");
            }
            if (!IdRules.isHost(node.host())) {
                violations.add(at + ".host must be a host name or IP address");
            }
            if (node.port() < 1 || node.port() > 65535) {
                violations.add(at + ".port must be 1 to 65535");
            }
            if (IdRules.isHost(node.host()) && !addresses.add(node.host().toLowerCase() + ":" + node.port())) {
                violations.add(at + " address " + node.host() + ":" + node.port() + " is used twice");
            }
            if (node.role() == null) {
                violations.add(at + ".role is required (PRIMARY, SECONDARY or HIDDEN)");
            }
            if (node.altNames().size() > MAX_ALT_NAMES) {
                violations.add(at + ".altNames may list at most " + MAX_ALT_NAMES + " names");
            }
            for (String alt : node.altNames()) {
                if (!IdRules.isHost(alt)) {
                    violations.add(at + ".altNames entries must be host names or IP addresses");
                    break;
                }
            }
        }
        return violations;
    }
}
