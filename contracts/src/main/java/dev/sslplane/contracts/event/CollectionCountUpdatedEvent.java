package dev.sslplane.contracts.event;

/**
 * The instance's collection count was updated; operations started or retried from now on carry it.
 *
 * @param changeId the change that recorded it (a repeat of the same change records nothing)
 */
public record CollectionCountUpdatedEvent(String instanceId, String changeId, int previousCollectionCount,
                                          int collectionCount) implements InstanceChangedEvent {
}
