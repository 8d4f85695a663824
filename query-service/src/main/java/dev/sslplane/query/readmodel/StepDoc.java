package dev.sslplane.query.readmodel;

import java.time.Instant;
import java.util.List;
import org.bson.Document;

/** One node's step in one pass of an operation: the last attempt that ran it, and the node as read back after it. */
public final class StepDoc {

    /** PENDING: not begun (or reset by a retry); RUNNING: begun; DONE: finished and healthy; FAILED: stopped here. */
    public enum State { PENDING, RUNNING, DONE, FAILED }

    /** The node as read back after the step: TLS mode, trusted CA serials, replica-set role. */
    public record Observation(String mode, List<String> trustedCaSerials, String role) {

        public Observation {
            trustedCaSerials = trustedCaSerials == null ? List.of() : List.copyOf(trustedCaSerials);
        }

        Document toDocument() {
            return new Document("mode", mode).append("trustedCaSerials", trustedCaSerials).append("role", role);
        }

        static Observation from(Document d) {
            return d == null ? null
                    : new Observation(d.getString("mode"), Bsons.strings(d, "trustedCaSerials"), d.getString("role"));
        }
    }

    public String node;
    public String state = State.PENDING.name();
    /** The attempt of the operation that last began this step; 0 while it never began. */
    public int attempt;
    /** The node's role when the step began (not the registered role); null in events recorded before roles. */
    public String role;
    public Instant startedAt;
    public Instant finishedAt;
    public Long durationMillis;
    public Long unreachableMillis;
    public Observation observed;

    public StepDoc() {
    }

    StepDoc(String node) {
        this.node = node;
    }

    public boolean done() {
        return State.DONE.name().equals(state);
    }

    public boolean running() {
        return State.RUNNING.name().equals(state);
    }

    Document toDocument() {
        return new Document("node", node).append("state", state).append("attempt", attempt).append("role", role)
                .append("startedAt", Bsons.date(startedAt)).append("finishedAt", Bsons.date(finishedAt))
                .append("durationMillis", durationMillis).append("unreachableMillis", unreachableMillis)
                .append("observed", observed == null ? null : observed.toDocument());
    }

    static StepDoc from(Document d) {
        var s = new StepDoc(d.getString("node"));
        s.state = d.getString("state");
        s.attempt = Bsons.intOr(d, "attempt", 0);
        s.role = d.getString("role");
        s.startedAt = Bsons.instant(d, "startedAt");
        s.finishedAt = Bsons.instant(d, "finishedAt");
        s.durationMillis = Bsons.longOrNull(d, "durationMillis");
        s.unreachableMillis = Bsons.longOrNull(d, "unreachableMillis");
        s.observed = Observation.from(d.get("observed", Document.class));
        return s;
    }
}
