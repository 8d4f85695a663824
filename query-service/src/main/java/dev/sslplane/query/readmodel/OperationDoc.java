package dev.sslplane.query.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/** Read model: one SSL operation (enable, rotate, disable) and the per-node steps of its rolling restart. */
public final class OperationDoc {

    /** RUNNING: restarting; FAILED: stopped, waiting for a retry; RETRIED: running again after a retry. */
    public enum State { RUNNING, FAILED, RETRIED, COMPLETED }

    /** Where one node stands in this operation. */
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
    public int collectionCount;
    public List<NodeProgress> nodes = new ArrayList<>();
    public Failure failure;
    public List<HistoryEntry> history = new ArrayList<>();
    public long lastSequence = -1;

    /** One node's progress: its restart attempts in order. */
    public static final class NodeProgress {
        public String name;
        public String host;
        public int port;
        public String role;
        public String state = NodeState.PENDING.name();
        public List<Step> steps = new ArrayList<>();

        public Step step(int attempt) {
            for (Step s : steps) {
                if (s.attempt == attempt) {
                    return s;
                }
            }
            var s = new Step();
            s.attempt = attempt;
            steps.add(s);
            steps.sort(Comparator.comparingInt(x -> x.attempt));
            return s;
        }

        Document toDocument() {
            return new Document("name", name).append("host", host).append("port", port).append("role", role)
                    .append("state", state).append("steps", steps.stream().map(Step::toDocument).toList());
        }

        static NodeProgress from(Document d) {
            var n = new NodeProgress();
            n.name = d.getString("name");
            n.host = d.getString("host");
            n.port = Bsons.intOr(d, "port", 0);
            n.role = d.getString("role");
            n.state = d.getString("state");
            n.steps = new ArrayList<>(Bsons.docs(d, "steps").stream().map(Step::from).toList());
            return n;
        }
    }

    /** One restart attempt of one node. */
    public static final class Step {
        public int attempt;
        public Instant startedAt;
        public Instant restartedAt;
        public Long durationMillis;
        public Long unreachableMillis;

        Document toDocument() {
            return new Document("attempt", attempt).append("startedAt", Bsons.date(startedAt))
                    .append("restartedAt", Bsons.date(restartedAt)).append("durationMillis", durationMillis)
                    .append("unreachableMillis", unreachableMillis);
        }

        static Step from(Document d) {
            var s = new Step();
            s.attempt = Bsons.intOr(d, "attempt", 1);
            s.startedAt = Bsons.instant(d, "startedAt");
            s.restartedAt = Bsons.instant(d, "restartedAt");
            s.durationMillis = Bsons.longOrNull(d, "durationMillis");
            s.unreachableMillis = Bsons.longOrNull(d, "unreachableMillis");
            return s;
        }
    }

    /** Why and where the rolling restart stopped. */
    public record Failure(String nodeName, String reason, Instant failedAt) {
    }

    /** One state change of the operation, in sequence order. */
    public record HistoryEntry(long sequence, String type, String state, int attempt, Instant at, String actor,
                               String detail) {
    }

    public NodeProgress node(String name) {
        for (NodeProgress n : nodes) {
            if (n.name.equals(name)) {
                return n;
            }
        }
        var n = new NodeProgress();
        n.name = name;
        nodes.add(n);
        return n;
    }

    public int nodesDone() {
        return (int) nodes.stream().filter(n -> NodeState.RESTARTED.name().equals(n.state)).count();
    }

    public boolean terminal() {
        return State.COMPLETED.name().equals(state) || State.FAILED.name().equals(state);
    }

    public Document toDocument() {
        return new Document("_id", operationId).append("instanceId", instanceId).append("kind", kind)
                .append("state", state).append("attempt", attempt).append("startedBy", startedBy)
                .append("startedAt", Bsons.date(startedAt)).append("endedAt", Bsons.date(endedAt))
                .append("totalMillis", totalMillis).append("caSerial", caSerial)
                .append("collectionCount", collectionCount)
                .append("nodes", nodes.stream().map(NodeProgress::toDocument).toList())
                .append("failure", failure == null ? null : new Document("nodeName", failure.nodeName())
                        .append("reason", failure.reason()).append("failedAt", Bsons.date(failure.failedAt())))
                .append("history", history.stream().map(h -> new Document("sequence", h.sequence())
                        .append("type", h.type()).append("state", h.state()).append("attempt", h.attempt())
                        .append("at", Bsons.date(h.at())).append("actor", h.actor())
                        .append("detail", h.detail())).toList())
                .append("lastSequence", lastSequence);
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
        o.collectionCount = Bsons.intOr(d, "collectionCount", 0);
        o.nodes = new ArrayList<>(Bsons.docs(d, "nodes").stream().map(NodeProgress::from).toList());
        Document f = d.get("failure", Document.class);
        o.failure = f == null ? null
                : new Failure(f.getString("nodeName"), f.getString("reason"), Bsons.instant(f, "failedAt"));
        o.history = new ArrayList<>(Bsons.docs(d, "history").stream().map(h -> new HistoryEntry(
                Bsons.longOrNull(h, "sequence"), h.getString("type"), h.getString("state"),
                Bsons.intOr(h, "attempt", 1), Bsons.instant(h, "at"), h.getString("actor"),
                h.getString("detail"))).toList());
        o.lastSequence = Bsons.longOrNull(d, "lastSequence");
        return o;
    }
}
