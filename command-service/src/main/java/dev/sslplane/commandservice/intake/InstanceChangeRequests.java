package dev.sslplane.commandservice.intake;

import dev.sslplane.commandservice.command.MemberRules;
import dev.sslplane.contracts.command.AddMemberCommand;
import dev.sslplane.contracts.command.RemoveMemberCommand;
import dev.sslplane.contracts.command.ReplaceMemberCommand;
import dev.sslplane.contracts.command.UpdateCollectionCountCommand;
import dev.sslplane.contracts.command.UpdateEngineVersionCommand;
import dev.sslplane.contracts.messaging.AddMemberRequest;
import dev.sslplane.contracts.messaging.CollectionCountRequest;
import dev.sslplane.contracts.messaging.EngineVersionRequest;
import dev.sslplane.contracts.messaging.ReplaceMemberRequest;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.NodeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Instance-change requests (REST bodies and {@code ssl.commands} payloads alike) to commands: a member is checked
 * with the node rules of registration ({@link MemberRules}), an engine version with its pattern, a collection count
 * for 0 or more; each violation is listed ({@code VALIDATION_FAILED}). What depends on the instance (names in use,
 * one PRIMARY, 50 members) the aggregate decides.
 */
public final class InstanceChangeRequests {

    private InstanceChangeRequests() {
    }

    public static AddMemberCommand add(String instanceId, String changeId, AddMemberRequest request) {
        NodeSpec member = request == null ? null : request.member();
        requireValid(memberViolations("member", member));
        return new AddMemberCommand(instanceId, changeId, member);
    }

    public static RemoveMemberCommand remove(String instanceId, String changeId, String memberName) {
        InputRules.requireId("memberName", memberName);
        return new RemoveMemberCommand(instanceId, changeId, memberName);
    }

    /** @param memberName the member named by the path (REST) or the payload (Kafka) */
    public static ReplaceMemberCommand replace(String instanceId, String changeId, String memberName,
                                               ReplaceMemberRequest request) {
        var violations = new ArrayList<String>();
        if (!IdRules.isId(memberName)) {
            violations.add("memberName must match " + IdRules.ID.pattern());
        }
        if (request != null && request.memberName() != null && !request.memberName().equals(memberName)) {
            violations.add("memberName in the body must be absent or name the member of the path");
        }
        NodeSpec replacement = request == null ? null : request.replacement();
        violations.addAll(memberViolations("replacement", replacement));
        requireValid(violations);
        return new ReplaceMemberCommand(instanceId, changeId, memberName, replacement);
    }

    public static UpdateCollectionCountCommand collectionCount(String instanceId, String changeId,
                                                               CollectionCountRequest request) {
        Integer count = request == null ? null : request.collectionCount();
        if (count == null || count < 0) {
            throw InputRules.invalid(List.of("collectionCount is required, 0 or more"));
        }
        return new UpdateCollectionCountCommand(instanceId, changeId, count);
    }

    public static UpdateEngineVersionCommand engineVersion(String instanceId, String changeId,
                                                           EngineVersionRequest request) {
        String version = request == null ? null : request.engineVersion();
        if (version == null || !InputRules.ENGINE_VERSION.matcher(version).matches()) {
            throw InputRules.invalid(List.of("engineVersion must look like 4.2 or 4.2.24"));
        }
        return new UpdateEngineVersionCommand(instanceId, changeId, version);
    }

    private static List<String> memberViolations(String field, NodeSpec member) {
        if (member == null) {
            return List.of(field + " is required");
        }
        return MemberRules.nodeViolations(List.of(member)).stream()
                .map(violation -> violation.replace("nodes[0]", field)).toList();
    }

    private static void requireValid(List<String> violations) {
        if (!violations.isEmpty()) {
            throw InputRules.invalid(violations);
        }
    }
}
