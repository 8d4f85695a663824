package dev.sslplane.commandservice.scheduling;

import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.ScheduledOperationCancelledEvent;
import dev.sslplane.contracts.event.ScheduledOperationDeferredEvent;
import dev.sslplane.contracts.event.ScheduledOperationRefusedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the due list ({@link ScheduledOperationStore}) from the events. A tracking processor ({@value
 * #PROCESSING_GROUP}) with its token in the MongoDB token store, like the publisher: after a restart it resumes
 * where it stopped, and with two replicas one of them holds the segment while both read the list. Every write is
 * an upsert or a delete by operation id, so an event handled twice changes nothing.
 */
@Component
@ProcessingGroup(ScheduledOperationsProjection.PROCESSING_GROUP)
class ScheduledOperationsProjection {

    static final String PROCESSING_GROUP = "scheduled-operations";

    private final ScheduledOperationStore store;

    ScheduledOperationsProjection(ScheduledOperationStore store) {
        this.store = store;
    }

    @EventHandler
    void on(OperationScheduledEvent event) {
        store.put(event.instanceId(), event.operationId(), event.startsAt());
    }

    @EventHandler
    void on(ScheduledOperationDeferredEvent event) {
        store.put(event.instanceId(), event.operationId(), event.startsAt());
    }

    @EventHandler
    void on(ScheduledOperationCancelledEvent event) {
        store.remove(event.operationId());
    }

    @EventHandler
    void on(ScheduledOperationRefusedEvent event) {
        store.remove(event.operationId());
    }

    /** A scheduled operation started (or any other did, which was never on the list): nothing left to start. */
    @EventHandler
    void on(OperationStartingEvent event) {
        store.remove(event.operationId());
    }
}
