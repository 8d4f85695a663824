package dev.sslplane.contracts.messaging;

/**
 * Payload of {@code RemoveMember} on {@code ssl.commands} (REST names the member in the path).
 *
 * @param memberName the member to remove
 */
public record RemoveMemberRequest(String memberName) {
}
