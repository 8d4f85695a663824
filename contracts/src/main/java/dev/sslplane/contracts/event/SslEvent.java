package dev.sslplane.contracts.event;

/** A fact about one instance's SSL configuration, published on {@code ssl.events} keyed by instance id. */
public sealed interface SslEvent
        permits InstanceRegisteredEvent, OperationStartingEvent, NodeRestartStartedEvent, NodeRestartedEvent,
                RestartCompletedEvent, RestartFailedEvent, RotationAwaitingClientsEvent, NodeCertificateIssuedEvent,
                InstanceChangedEvent,
                // maintenance windows and scheduled operations
                MaintenanceWindowSetEvent, OperationScheduledEvent, ScheduledOperationDeferredEvent,
                ScheduledOperationCancelledEvent, ScheduledOperationRefusedEvent,
                // abort and rollback
                OperationAbortRequestedEvent, OperationAbortedEvent, NodeTlsStatesObservedEvent,
                // automatic renewal
                RenewalPolicySetEvent,
                // CA expiry warnings
                CaExpiryStateReachedEvent {

    String instanceId();

    /** The operation the event belongs to; {@code null} for events that belong to none (registration). */
    default String operationId() {
        return null;
    }
}
