package dev.sslplane.commandservice.intake;

import dev.sslplane.commandservice.command.MemberRules;
import dev.sslplane.contracts.command.RegisterInstanceCommand;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.NodeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a registration before it reaches the aggregate: every violation is listed at once, so a client fixes
 * its request in one round. Eligibility (topology, supported version) is not checked here: any well-formed
 * instance may be registered; the aggregate refuses SSL operations on ineligible ones with the reason. A
 * registration without an operator is complete: the worker's default operator then drives its nodes.
 */
public final class RegisterInstanceValidator {

    public static final int MAX_NODES = MemberRules.MAX_NODES;
    public static final int MAX_ALT_NAMES = MemberRules.MAX_ALT_NAMES;

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
            violations.addAll(MemberRules.nodeViolations(nodes));
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
}
