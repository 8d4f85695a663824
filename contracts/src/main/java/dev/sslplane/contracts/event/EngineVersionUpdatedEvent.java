package dev.sslplane.contracts.event;

/**
 * The instance's engine version was updated (the DBA upgraded or downgraded it); eligibility follows at once.
 *
 * @param changeId the change that recorded it (a repeat of the same change records nothing)
 */
public record EngineVersionUpdatedEvent(String instanceId, String changeId, String previousEngineVersion,
                                        String engineVersion) implements InstanceChangedEvent {
}
