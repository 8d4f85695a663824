package dev.sslplane.query.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Read model: the SSL status of one instance. {@code lastSequence} is the aggregate sequence of the last event
 * applied; events at or below it are redeliveries and change nothing.
 */
public final class InstanceDoc {

    public String instanceId;
    /** False while only later events were seen (a gap swallowed the registration). */
    public boolean registered;
    public String engineVersion;
    public String topology;
    public int collectionCount;
    public String sslStatus = "DISABLED";
    public List<NodeDoc> nodes = new ArrayList<>();
    public CaSummary currentCa;
    public OperationSummary operation;
    public long lastSequence = -1;
    public Instant lastEventAt;
    /** Set once a gap in the sequence was seen; cleared only by a rebuild that sees every event. */
    public boolean stale;
    public List<Gap> gaps = new ArrayList<>();

    public InstanceDoc(String instanceId) {
        this.instanceId = instanceId;
    }

    /** A replica-set member and its most recent restart. */
    public static final class NodeDoc {
        public String name;
        public String host;
        public int port;
        public String role;
        public List<String> altNames = new ArrayList<>();
        public Instant lastRestartedAt;
        public Long lastUnreachableMillis;
        public String lastRestartOperationId;

        Document toDocument() {
            return new Document("name", name).append("host", host).append("port", port).append("role", role)
                    .append("altNames", altNames).append("lastRestartedAt", Bsons.date(lastRestartedAt))
                    .append("lastUnreachableMillis", lastUnreachableMillis)
                    .append("lastRestartOperationId", lastRestartOperationId);
        }

        static NodeDoc from(Document d) {
            var n = new NodeDoc();
            n.name = d.getString("name");
            n.host = d.getString("host");
            n.port = Bsons.intOr(d, "port", 0);
            n.role = d.getString("role");
            n.altNames = Bsons.strings(d, "altNames");
            n.lastRestartedAt = Bsons.instant(d, "lastRestartedAt");
            n.lastUnreachableMillis = Bsons.longOrNull(d, "lastUnreachableMillis");
            n.lastRestartOperationId = d.getString("lastRestartOperationId");
            return n;
        }
    }

    /** Public facts of the current CA; the PEM lives in the certificate history. */
    public record CaSummary(String serial, String sha256Fingerprint, String subject, Instant notBefore,
                            Instant notAfter, String keyAlgorithm) {

        Document toDocument() {
            return new Document("serial", serial).append("sha256Fingerprint", sha256Fingerprint)
                    .append("subject", subject).append("notBefore", Bsons.date(notBefore))
                    .append("notAfter", Bsons.date(notAfter)).append("keyAlgorithm", keyAlgorithm);
        }

        static CaSummary from(Document d) {
            return d == null ? null : new CaSummary(d.getString("serial"), d.getString("sha256Fingerprint"),
                    d.getString("subject"), Bsons.instant(d, "notBefore"), Bsons.instant(d, "notAfter"),
                    d.getString("keyAlgorithm"));
        }
    }

    /** The running or last operation, copied from its operation document after each change. */
    public record OperationSummary(String operationId, String kind, String state, int nodesDone, int nodesTotal,
                                   Instant startedAt, Instant endedAt) {

        Document toDocument() {
            return new Document("operationId", operationId).append("kind", kind).append("state", state)
                    .append("nodesDone", nodesDone).append("nodesTotal", nodesTotal)
                    .append("startedAt", Bsons.date(startedAt)).append("endedAt", Bsons.date(endedAt));
        }

        static OperationSummary from(Document d) {
            return d == null ? null : new OperationSummary(d.getString("operationId"), d.getString("kind"),
                    d.getString("state"), Bsons.intOr(d, "nodesDone", 0), Bsons.intOr(d, "nodesTotal", 0),
                    Bsons.instant(d, "startedAt"), Bsons.instant(d, "endedAt"));
        }
    }

    /** Sequence numbers that never arrived: {@code from} to {@code to}, inclusive. */
    public record Gap(long from, long to) {
    }

    public NodeDoc node(String name) {
        return nodes.stream().filter(n -> n.name.equals(name)).findFirst().orElse(null);
    }

    public Document toDocument() {
        return new Document("_id", instanceId).append("registered", registered)
                .append("engineVersion", engineVersion).append("topology", topology)
                .append("collectionCount", collectionCount).append("sslStatus", sslStatus)
                .append("nodes", nodes.stream().map(NodeDoc::toDocument).toList())
                .append("currentCa", currentCa == null ? null : currentCa.toDocument())
                .append("operation", operation == null ? null : operation.toDocument())
                .append("lastSequence", lastSequence).append("lastEventAt", Bsons.date(lastEventAt))
                .append("stale", stale)
                .append("gaps", gaps.stream().map(g -> new Document("from", g.from()).append("to", g.to())).toList());
    }

    public static InstanceDoc from(Document d) {
        var doc = new InstanceDoc(d.getString("_id"));
        doc.registered = Boolean.TRUE.equals(d.getBoolean("registered"));
        doc.engineVersion = d.getString("engineVersion");
        doc.topology = d.getString("topology");
        doc.collectionCount = Bsons.intOr(d, "collectionCount", 0);
        doc.sslStatus = d.getString("sslStatus");
        doc.nodes = new ArrayList<>(Bsons.docs(d, "nodes").stream().map(NodeDoc::from).toList());
        doc.currentCa = CaSummary.from(d.get("currentCa", Document.class));
        doc.operation = OperationSummary.from(d.get("operation", Document.class));
        doc.lastSequence = Bsons.longOrNull(d, "lastSequence");
        doc.lastEventAt = Bsons.instant(d, "lastEventAt");
        doc.stale = Boolean.TRUE.equals(d.getBoolean("stale"));
        doc.gaps = new ArrayList<>(Bsons.docs(d, "gaps").stream()
                .map(g -> new Gap(Bsons.longOrNull(g, "from"), Bsons.longOrNull(g, "to"))).toList());
        return doc;
    }
}
