package dev.sslplane.contracts.messaging;

import dev.sslplane.contracts.model.NodeSpec;

/**
 * Body of {@code POST /api/v1/instances/{id}/members:add} and payload of {@code AddMember} on {@code ssl.commands}.
 *
 * @param member the new member, as registration lists nodes
 */
public record AddMemberRequest(NodeSpec member) {
}
