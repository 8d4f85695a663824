package dev.sslplane.commandservice.api;

/**
 * Body of a recorded instance change (members, collection count, engine version).
 *
 * @param changeId the change's id; a repeat (same Idempotency-Key or command id) names the same one
 * @param location the instance's status on the query service with the position of this write
 * @param position the position of this write ({@code ReadPosition})
 */
record InstanceChanged(String instanceId, String changeId, String location, long position) {
}
