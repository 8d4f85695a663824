package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.MaintenanceWindowSetEvent;
import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.ScheduledOperationCancelledEvent;
import dev.sslplane.contracts.event.ScheduledOperationDeferredEvent;
import dev.sslplane.contracts.event.ScheduledOperationRefusedEvent;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc.State;
import dev.sslplane.query.readmodel.OperationDoc;

/**
 * Folds the maintenance window and the events of scheduled operations: an operation document in state SCHEDULED
 * (with when its window opens and closes) until it starts, which {@link OperationFolding#start} then folds as any
 * start, or until it is CANCELLED. Pure, no I/O; called only for events newer than the document.
 */
final class ScheduleFolding {

    static InstanceDoc.MaintenanceWindowDoc window(MaintenanceWindow window) {
        return window == null ? null : new InstanceDoc.MaintenanceWindowDoc(window.dayOfWeek().name(),
                window.start().toString(), window.duration().toString());
    }

    static void windowSet(MaintenanceWindowSetEvent e, InstanceDoc inst) {
        inst.maintenanceWindow = window(e.window());
    }

    static void scheduled(OperationScheduledEvent e, EventEnvelope env, long seq, OperationDoc op) {
        op.kind = e.kind().name();
        op.state = State.SCHEDULED.name();
        op.requireTls = e.requireTls();
        op.holdOldCa = e.holdOldCa();
        op.scheduledBy = env.actor();
        op.scheduledFor = e.startsAt();
        op.windowEndsAt = e.windowEnds();
        OperationFolding.history(op, seq, env, "starts in the maintenance window " + e.startsAt() + " .. "
                + e.windowEnds());
    }

    static void deferred(ScheduledOperationDeferredEvent e, EventEnvelope env, long seq, OperationDoc op) {
        op.scheduledFor = e.startsAt();
        op.windowEndsAt = e.windowEnds();
        op.deferrals++;
        OperationFolding.history(op, seq, env, "not started before its window closed at " + e.missedWindowEnd()
                + "; next window " + e.startsAt() + " .. " + e.windowEnds());
    }

    static void cancelled(ScheduledOperationCancelledEvent e, EventEnvelope env, long seq, OperationDoc op) {
        if (op.kind == null) {
            op.kind = e.kind().name();
        }
        op.state = State.CANCELLED.name();
        op.endedAt = env.occurredAt();
        OperationFolding.history(op, seq, env, null);
    }

    /** Refused at its start for good: over, as a cancelled one is, with the refusal in its history. */
    static void refused(ScheduledOperationRefusedEvent e, EventEnvelope env, long seq, OperationDoc op) {
        if (op.kind == null) {
            op.kind = e.kind().name();
        }
        op.state = State.CANCELLED.name();
        op.endedAt = env.occurredAt();
        OperationFolding.history(op, seq, env, "not started: " + e.code() + ": " + e.reason());
    }

    private ScheduleFolding() {
    }
}
