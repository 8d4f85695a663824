package dev.sslplane.commandservice.intake;

import dev.sslplane.commandservice.command.MemberRules;
import dev.sslplane.contracts.model.IdRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code members} of a renew-node-certificates request (REST body and {@code ssl.commands} payload alike):
 * absent or empty = every member; otherwise member names ({@link IdRules#ID}), each once, at most
 * {@value MemberRules#MAX_NODES}. Whether each is a member of the instance the aggregate decides.
 */
public final class RenewalMembers {

    private RenewalMembers() {
    }

    /** The names, checked; every violation listed ({@code VALIDATION_FAILED}). */
    public static List<String> read(List<String> members) {
        if (members == null || members.isEmpty()) {
            return List.of();
        }
        if (members.size() > MemberRules.MAX_NODES) {
            throw InputRules.invalid(List.of("members may name at most " + MemberRules.MAX_NODES + " members; it names "
                    + members.size()));
        }
        var violations = new ArrayList<String>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            String name = members.get(i);
            if (!IdRules.isId(name)) {
                violations.add("members[" + i + "] must match " + IdRules.ID.pattern());
            } else if (!seen.add(name)) {
                violations.add("members[" + i + "] names " + name + " again; name each member once");
            }
        }
        if (!violations.isEmpty()) {
            throw InputRules.invalid(violations);
        }
        return List.copyOf(members);
    }
}
