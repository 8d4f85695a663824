package dev.sslplane.query.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/**
 * Read model: one SSL operation (enable, rotate, disable, TLS enforcement, renewal, rollback): its passes, each with one step per node,
 * the pass it is in, failure and history.
 */
public final class OperationDoc {

    /**
     * RUNNING: working through its passes; RETRIED: running again after a retry; WAITING_FOR_CLIENTS: a rotation
     * held after its second pass until it is finished; FAILED: stopped, waiting for a retry; COMPLETED. SCHEDULED:
     * waiting for the maintenance window (it then runs with the same id); CANCELLED: cancelled before it started.
     * ABORTING: abort asked for, it stops after the step in progress; ABORTED: ended without finishing (it no
     * longer holds the instance; see {@link #abort}).
     */
    public enum State { RUNNING, RETRIED, WAITING_FOR_CLIENTS, FAILED, COMPLETED, SCHEDULED, CANCELLED, ABORTING,
        ABORTED }

    /** Where one node stands over all passes (kept for clients of the one-pass model). */
    public enum NodeState { PENDING, RESTARTING, RESTARTED, FAILED }

    public String operationId;
    public String instanceId;
    public String kind;
    public String state = State.RUNNING.name();
    public int attempt = 1;
    public String startedBy;
    public Instant startedAt;
    public Instant endedAt;
    public Long totalMillis;
    public String caSerial;
    public String previousCaSerial;
    public int collectionCount;
    public String engineVersion;
    /** Enable with requireTLS, or the enforcement direction; null for other kinds. */
    public Boolean requireTls;
    /** Rotation that waits for clients after its second pass; null for other kinds. */
    public Boolean holdOldCa;
    /** The pass after which the operation waits for a finish command; null once finished or never held. */
    public Integer holdAfterPass;
    /** The pass being worked on (or, while waiting, the pass after which it waits); 0 before any starting event. */
    public int currentPass;
    /** The step timeout the worker reported with the latest step it started (ISO-8601); null before one did. */
    public String stepTimeout;
    public Awaiting awaitingClients;
    public List<NodeRef> nodes = new ArrayList<>();
    public List<PassDoc> passes = new ArrayList<>();
    public Failure failure;
    public List<HistoryEntry> history = new ArrayList<>();
    public long lastSequence = -1;
    // maintenance window: null for operations that started at once
    /** Who asked for the operation in the maintenance window ({@code startedBy} is then the scheduler). */
    public String scheduledBy;
    /** When the window it waits for (or waited for) opens, and closes. */
    public Instant scheduledFor;
    public Instant windowEndsAt;
    /** How often it missed its window and was moved to the next one. */
    public int deferrals;
    /** Its abort (asked for, or done); null for an operation never aborted. */
    public AbortDoc abort;
    /** A rollback: the aborted operation it brings the nodes back from; null for other kinds. */
    public RollsBack rollsBack;

    /** A node of the instance as registered (its registered role; the role at each step is on the step). */
    public static final class NodeRef {
        public String name;
        public String host;
        public int port;
        public String role;

        Document toDocument() {
            return new Document("name", name).append("host", host).append("port", port).append("role", role);
        }

        static NodeRef from(Document d) {
            var n = new NodeRef();
            n.name = d.getString("name");
            n.host = d.getString("host");
            n.port = Bsons.intOr(d, "port", 0);
            n.role = d.getString("role");
            return n;
        }
    }

    /** Why and where the operation stopped; {@code code} is a NodeFailureCode name (null in older events). */
    public record Failure(String nodeName, String reason, Instant failedAt, int pass, String code) {
    }

    /** Since when, and after which pass, a rotation waits for clients. */
    public record Awaiting(int afterPass, Instant since) {
    }

    /** The aborted operation a rollback undoes, and its kind. */
    public record RollsBack(String operationId, String kind) {
    }

    /** One state change of the operation, in sequence order. */
    public record HistoryEntry(long sequence, String type, String state, int attempt, Instant at, String actor,
                               String detail) {
    }

    public NodeRef node(String name) {
        for (NodeRef n : nodes) {
            if (n.name.equals(name)) {
                return n;
            }
        }
        var n = new NodeRef();
        n.name = name;
        nodes.add(n);
        return n;
    }

    /** The pass with this number, created (undescribed, no steps) when the plan did not name it. */
    public PassDoc pass(int number) {
        for (PassDoc p : passes) {
            if (p.number == number) {
                return p;
            }
        }
        var p = new PassDoc(number);
        passes.add(p);
        passes.sort(Comparator.comparingInt(x -> x.number));
        return p;
    }

    public StepDoc step(int pass, String node) {
        node(node);
        return pass(pass).step(node);
    }

    public int stepsDone() {
        return (int) passes.stream().mapToLong(PassDoc::stepsDone).sum();
    }

    public int stepsTotal() {
        return passes.stream().mapToInt(p -> p.steps.size()).sum();
    }

    /** The lowest pass with a step not done, or the last pass when all are done. */
    public int firstOpenPass() {
        return passes.stream().filter(p -> !p.done()).mapToInt(p -> p.number).findFirst()
                .orElse(passes.isEmpty() ? 0 : passes.get(passes.size() - 1).number);
    }

    /** The node's steps in pass order. */
    public List<StepDoc> stepsOf(String node) {
        var out = new ArrayList<StepDoc>();
        for (PassDoc p : passes) {
            p.steps.stream().filter(s -> s.node.equals(node)).forEach(out::add);
        }
        return out;
    }

    /** Over all passes: FAILED or RESTARTING when a step is, RESTARTED when every step is done, else PENDING. */
    public NodeState nodeState(String node) {
        List<StepDoc> steps = stepsOf(node);
        if (steps.stream().anyMatch(s -> StepDoc.State.FAILED.name().equals(s.state))) {
            return NodeState.FAILED;
        }
        if (steps.stream().anyMatch(StepDoc::running)) {
            return NodeState.RESTARTING;
        }
        return !steps.isEmpty() && steps.stream().allMatch(StepDoc::done) ? NodeState.RESTARTED : NodeState.PENDING;
    }

    /** The name of the pass being worked on, WAITING_FOR_CLIENTS while held, COMPLETED when done. */
    public String phase() {
        if (State.WAITING_FOR_CLIENTS.name().equals(state) || State.COMPLETED.name().equals(state)) {
            return state;
        }
        for (PassDoc p : passes) {
            if (p.number == currentPass) {
                return p.name;
            }
        }
        return null;
    }

    /** An operation stream ends here: it waits for people (a retry, a finish) or is over. */
    public boolean terminal() {
        return State.COMPLETED.name().equals(state) || State.FAILED.name().equals(state)
                || State.WAITING_FOR_CLIENTS.name().equals(state) || State.CANCELLED.name().equals(state)
                || State.ABORTED.name().equals(state);
    }

    public Document toDocument() {
        return new Document("_id", operationId).append("instanceId", instanceId).append("kind", kind)
                .append("state", state).append("attempt", attempt).append("startedBy", startedBy)
                .append("startedAt", Bsons.date(startedAt)).append("endedAt", Bsons.date(endedAt))
                .append("totalMillis", totalMillis).append("caSerial", caSerial)
                .append("previousCaSerial", previousCaSerial).append("collectionCount", collectionCount)
                .append("engineVersion", engineVersion).append("requireTls", requireTls)
                .append("holdOldCa", holdOldCa).append("holdAfterPass", holdAfterPass)
                .append("currentPass", currentPass)
                .append("stepTimeout", stepTimeout)
                .append("awaitingClients", awaitingClients == null ? null
                        : new Document("afterPass", awaitingClients.afterPass())
                                .append("since", Bsons.date(awaitingClients.since())))
                .append("nodes", nodes.stream().map(NodeRef::toDocument).toList())
                .append("passes", passes.stream().map(PassDoc::toDocument).toList())
                .append("failure", failure == null ? null : new Document("nodeName", failure.nodeName())
                        .append("reason", failure.reason()).append("failedAt", Bsons.date(failure.failedAt()))
                        .append("pass", failure.pass()).append("code", failure.code()))
                .append("history", history.stream().map(h -> new Document("sequence", h.sequence())
                        .append("type", h.type()).append("state", h.state()).append("attempt", h.attempt())
                        .append("at", Bsons.date(h.at())).append("actor", h.actor())
                        .append("detail", h.detail())).toList())
                .append("lastSequence", lastSequence)
                .append("scheduledBy", scheduledBy).append("scheduledFor", Bsons.date(scheduledFor))
                .append("windowEndsAt", Bsons.date(windowEndsAt)).append("deferrals", deferrals)
                .append("abort", abort == null ? null : abort.toDocument())
                .append("rollsBack", rollsBack == null ? null : new Document("operationId", rollsBack.operationId())
                        .append("kind", rollsBack.kind()));
    }

    public static OperationDoc from(Document d) {
        var o = new OperationDoc();
        o.operationId = d.getString("_id");
        o.instanceId = d.getString("instanceId");
        o.kind = d.getString("kind");
        o.state = d.getString("state");
        o.attempt = Bsons.intOr(d, "attempt", 1);
        o.startedBy = d.getString("startedBy");
        o.startedAt = Bsons.instant(d, "startedAt");
        o.endedAt = Bsons.instant(d, "endedAt");
        o.totalMillis = Bsons.longOrNull(d, "totalMillis");
        o.caSerial = d.getString("caSerial");
        o.previousCaSerial = d.getString("previousCaSerial");
        o.collectionCount = Bsons.intOr(d, "collectionCount", 0);
        o.engineVersion = d.getString("engineVersion");
        o.requireTls = d.getBoolean("requireTls");
        o.holdOldCa = d.getBoolean("holdOldCa");
        o.holdAfterPass = d.getInteger("holdAfterPass");
        o.stepTimeout = d.getString("stepTimeout");
        Document awaiting = d.get("awaitingClients", Document.class);
        o.awaitingClients = awaiting == null ? null
                : new Awaiting(Bsons.intOr(awaiting, "afterPass", 0), Bsons.instant(awaiting, "since"));
        o.nodes = new ArrayList<>(Bsons.docs(d, "nodes").stream().map(NodeRef::from).toList());
        if (d.containsKey("passes")) {
            o.passes = new ArrayList<>(Bsons.docs(d, "passes").stream().map(PassDoc::from).toList());
            o.currentPass = Bsons.intOr(d, "currentPass", 0);
        } else {
            // written before operations had passes: its per-node restarts are the one pass they were
            o.passes = new ArrayList<>(List.of(OnePassOperations.pass(o.kind, Bsons.docs(d, "nodes"))));
            o.currentPass = 1;
        }
        Document f = d.get("failure", Document.class);
        o.failure = f == null ? null : new Failure(f.getString("nodeName"), f.getString("reason"),
                Bsons.instant(f, "failedAt"), Bsons.intOr(f, "pass", 1), f.getString("code"));
        o.history = new ArrayList<>(Bsons.docs(d, "history").stream().map(h -> new HistoryEntry(
                Bsons.longOrNull(h, "sequence"), h.getString("type"), h.getString("state"),
                Bsons.intOr(h, "attempt", 1), Bsons.instant(h, "at"), h.getString("actor"),
                h.getString("detail"))).toList());
        o.lastSequence = Bsons.longOrNull(d, "lastSequence");
        o.scheduledBy = d.getString("scheduledBy");
        o.scheduledFor = Bsons.instant(d, "scheduledFor");
        o.windowEndsAt = Bsons.instant(d, "windowEndsAt");
        o.deferrals = Bsons.intOr(d, "deferrals", 0);
        o.abort = AbortDoc.from(d.get("abort", Document.class));
        Document rollsBack = d.get("rollsBack", Document.class);
        o.rollsBack = rollsBack == null ? null
                : new RollsBack(rollsBack.getString("operationId"), rollsBack.getString("kind"));
        return o;
    }
}
