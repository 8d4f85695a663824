package dev.sslplane.contracts.event;

/**
 * A day-2 change of the registered instance (members, collection count, engine version), recorded outside any
 * operation. Each names the change that made it ({@code changeId}), so a repeated command records nothing.
 */
public sealed interface InstanceChangedEvent extends SslEvent
        permits MemberAddedEvent, MemberRemovedEvent, MemberReplacedEvent, CollectionCountUpdatedEvent,
                EngineVersionUpdatedEvent {

    String changeId();
}
