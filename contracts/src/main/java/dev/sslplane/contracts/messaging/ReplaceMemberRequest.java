package dev.sslplane.contracts.messaging;

import dev.sslplane.contracts.model.NodeSpec;

/**
 * Body of {@code POST /api/v1/instances/{id}/members/{name}:replace} and payload of {@code ReplaceMember} on
 * {@code ssl.commands}.
 *
 * @param memberName  the member that leaves (on REST it is in the path; a body naming another one is refused)
 * @param replacement the new member, with a name of its own
 */
public record ReplaceMemberRequest(String memberName, NodeSpec replacement) {
}
