package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.contracts.model.OperationKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation accepted to start in the maintenance window: what it will do (the request's choices) and the window
 * it waits for. Mutated only by the aggregate's event-sourcing handlers; it holds the instance like a running
 * operation does.
 */
final class ScheduledOperation {

    /** What the aggregate does with a start command for this operation at a given time. */
    enum Due {
        /** Its window has not opened: a start command came early (another replica's clock); nothing happens. */
        NOT_YET,
        /** Inside its window: it starts now, exactly as its command would have started it. */
        START,
        /** Its window closed before it started: it waits for the next one. */
        DEFER
    }

    final String operationId;
    final OperationKind kind;
    final boolean requireTls;
    final boolean holdOldCa;
    final CertificateOptions certificates;
    /** A renewal's members to renew; {@code null} = every member. */
    final List<String> members;
    Instant startsAt;
    Instant windowEnds;

    ScheduledOperation(OperationScheduledEvent event) {
        this.operationId = event.operationId();
        this.kind = event.kind();
        this.requireTls = Boolean.TRUE.equals(event.requireTls());
        this.holdOldCa = Boolean.TRUE.equals(event.holdOldCa());
        this.certificates = event.certificateOptions();
        this.members = event.members();
        this.startsAt = event.startsAt();
        this.windowEnds = event.windowEnds();
    }

    Due dueAt(Instant now) {
        if (now.isBefore(startsAt)) {
            return Due.NOT_YET;
        }
        return now.isBefore(windowEnds) ? Due.START : Due.DEFER;
    }

    /** One line for refusal messages: {@code ROTATE op-1, scheduled for 2026-12-05T02:00:00Z}. */
    String describe() {
        return kind + " " + operationId + ", scheduled for " + startsAt + " (window closes " + windowEnds + ")";
    }

    /** What a refused client is told about the scheduled operation in its way (the shape of a running one's). */
    Map<String, Object> progress() {
        var progress = new LinkedHashMap<String, Object>();
        progress.put("operationId", operationId);
        progress.put("kind", kind.name());
        progress.put("state", "SCHEDULED");
        progress.put("startsAt", startsAt.toString());
        progress.put("windowEnds", windowEnds.toString());
        return progress;
    }
}
