package dev.sslplane.client.model;

/**
 * The command service's answer to an instance change (members, collection count, engine version).
 *
 * @param changeId the change's id; a repeat with the same {@code Idempotency-Key} names the same one
 * @param location the instance's status on the query service, with the position of this write
 * @param position the position of this write (read-your-writes)
 * @param replayed true when the answer was replayed for a repeated {@code Idempotency-Key}: nothing changed again
 */
public record InstanceChanged(String instanceId, String changeId, String location, Long position, boolean replayed) {

    public InstanceChanged withReplayed(boolean value) {
        return new InstanceChanged(instanceId, changeId, location, position, value);
    }
}
