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
    /** The TLS mode the instance is put in: DISABLED, PREFER or REQUIRE (as the command side tracks it). */
    public String tlsMode = "DISABLED";
    public List<NodeDoc> nodes = new ArrayList<>();
    public CaSummary currentCa;
    /** While a rotation runs or waits: the CA being replaced (null when its event did not carry it). */
    public CaSummary previousCa;
    /** Its PEM, for the CA bundle clients download during the rotation; null with {@code previousCa}. */
    public String previousCaPem;
    public OperationSummary operation;
    /**
     * Set from an abort that left the nodes in different TLS states until a rollback of it completes (or an abort
     * of that rollback finds the nodes as before); null otherwise.
     */
    public RollbackRequiredDoc rollbackRequired;
    /** The weekly window (UTC) scheduled operations start in; null when none was set. */
    public MaintenanceWindowDoc maintenanceWindow;
    /** Automatic renewal of node certificates ({@code OFF} or {@code IN_MAINTENANCE_WINDOW}); null until set. */
    public String renewalPolicy;
    public long lastSequence = -1;
    public Instant lastEventAt;
    /** Set once a gap in the sequence was seen; cleared only by a rebuild that sees every event. */
    public boolean stale;
    public List<Gap> gaps = new ArrayList<>();

    public InstanceDoc(String instanceId) {
        this.instanceId = instanceId;
    }

    /**
     * A replica-set member: as registered, its most recent step, and as last read back from it (TLS mode, trusted
     * CAs, role; null until a step reported it).
     */
    public static final class NodeDoc {
        public String name;
        public String host;
        public int port;
        public String role;
        public List<String> altNames = new ArrayList<>();
        public Instant lastRestartedAt;
        public Long lastUnreachableMillis;
        public String lastRestartOperationId;
        public String tlsMode;
        public List<TrustedCa> trustedCas;
        public String currentRole;
        public Instant observedAt;
        /** The node certificate last signed for it; null before one was, and after SSL was disabled. */
        public NodeCertificate certificate;

        /** Copies what is known about the node itself (not its registration) from its previous document. */
        public void keepObservedFrom(NodeDoc previous) {
            certificate = previous.certificate;
            lastRestartedAt = previous.lastRestartedAt;
            lastUnreachableMillis = previous.lastUnreachableMillis;
            lastRestartOperationId = previous.lastRestartOperationId;
            tlsMode = previous.tlsMode;
            trustedCas = previous.trustedCas;
            currentRole = previous.currentRole;
            observedAt = previous.observedAt;
        }

        Document toDocument() {
            return new Document("name", name).append("host", host).append("port", port).append("role", role)
                    .append("altNames", altNames).append("lastRestartedAt", Bsons.date(lastRestartedAt))
                    .append("lastUnreachableMillis", lastUnreachableMillis)
                    .append("lastRestartOperationId", lastRestartOperationId)
                    .append("tlsMode", tlsMode)
                    .append("trustedCas", trustedCas == null ? null : trustedCas.stream()
                            .map(c -> new Document("serial", c.serial()).append("subject", c.subject())).toList())
                    .append("currentRole", currentRole).append("observedAt", Bsons.date(observedAt))
                    .append("certificate", certificate == null ? null : certificate.toDocument());
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
            n.tlsMode = d.getString("tlsMode");
            n.trustedCas = d.containsKey("trustedCas") && d.get("trustedCas") != null
                    ? Bsons.docs(d, "trustedCas").stream()
                            .map(c -> new TrustedCa(c.getString("serial"), c.getString("subject"))).toList()
                    : null;
            n.currentRole = d.getString("currentRole");
            n.observedAt = Bsons.instant(d, "observedAt");
            n.certificate = NodeCertificate.from(d.get("certificate", Document.class));
            return n;
        }
    }

    /** Public facts of a node's certificate: which CA signed it, in which operation, and its validity. */
    public record NodeCertificate(String serial, String sha256Fingerprint, Instant notBefore, Instant notAfter,
                                  String keyAlgorithm, String issuerSerial, String operationId) {

        Document toDocument() {
            return new Document("serial", serial).append("sha256Fingerprint", sha256Fingerprint)
                    .append("notBefore", Bsons.date(notBefore)).append("notAfter", Bsons.date(notAfter))
                    .append("keyAlgorithm", keyAlgorithm).append("issuerSerial", issuerSerial)
                    .append("operationId", operationId);
        }

        static NodeCertificate from(Document d) {
            return d == null ? null : new NodeCertificate(d.getString("serial"), d.getString("sha256Fingerprint"),
                    Bsons.instant(d, "notBefore"), Bsons.instant(d, "notAfter"), d.getString("keyAlgorithm"),
                    d.getString("issuerSerial"), d.getString("operationId"));
        }
    }

    /** A CA a node trusts: its serial and, when the certificate history knows it, its subject. */
    public record TrustedCa(String serial, String subject) {
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

    /**
     * The running or last operation, copied from its operation document after each change. {@code nodesDone} and
     * {@code nodesTotal} count steps (passes × nodes); {@code phase} is the running pass's name,
     * WAITING_FOR_CLIENTS or COMPLETED.
     */
    public record OperationSummary(String operationId, String kind, String state, int nodesDone, int nodesTotal,
                                   Instant startedAt, Instant endedAt, int currentPass, int passCount,
                                   String phase, String stepTimeout, Instant scheduledFor,
                                   Instant windowEndsAt) {

        /**
         * From a rotation's (or a rollback's) start until it completes; a scheduled or cancelled one has not
         * started, an aborted one is over (the instance's {@code rollbackRequired} then says what is left).
         */
        public boolean rotating() {
            return ("ROTATE".equals(kind) || "ROLLBACK".equals(kind)) && !"COMPLETED".equals(state)
                    && !"SCHEDULED".equals(state) && !"CANCELLED".equals(state) && !"ABORTED".equals(state);
        }

        Document toDocument() {
            return new Document("operationId", operationId).append("kind", kind).append("state", state)
                    .append("nodesDone", nodesDone).append("nodesTotal", nodesTotal)
                    .append("startedAt", Bsons.date(startedAt)).append("endedAt", Bsons.date(endedAt))
                    .append("currentPass", currentPass).append("passCount", passCount).append("phase", phase)
                    .append("stepTimeout", stepTimeout)
                    .append("scheduledFor", Bsons.date(scheduledFor)).append("windowEndsAt", Bsons.date(windowEndsAt));
        }

        static OperationSummary from(Document d) {
            return d == null ? null : new OperationSummary(d.getString("operationId"), d.getString("kind"),
                    d.getString("state"), Bsons.intOr(d, "nodesDone", 0), Bsons.intOr(d, "nodesTotal", 0),
                    Bsons.instant(d, "startedAt"), Bsons.instant(d, "endedAt"), Bsons.intOr(d, "currentPass", 1),
                    Bsons.intOr(d, "passCount", 1), d.getString("phase"), d.getString("stepTimeout"),
                    Bsons.instant(d, "scheduledFor"), Bsons.instant(d, "windowEndsAt"));
        }
    }

    /** A weekly maintenance window, UTC: {@code dayOfWeek} MONDAY..SUNDAY, {@code start} HH:mm, ISO {@code duration}. */
    public record MaintenanceWindowDoc(String dayOfWeek, String start, String duration) {

        Document toDocument() {
            return new Document("dayOfWeek", dayOfWeek).append("start", start).append("duration", duration);
        }

        static MaintenanceWindowDoc from(Document d) {
            return d == null ? null
                    : new MaintenanceWindowDoc(d.getString("dayOfWeek"), d.getString("start"), d.getString("duration"));
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
                .append("tlsMode", tlsMode)
                .append("nodes", nodes.stream().map(NodeDoc::toDocument).toList())
                .append("currentCa", currentCa == null ? null : currentCa.toDocument())
                .append("previousCa", previousCa == null ? null : previousCa.toDocument())
                .append("previousCaPem", previousCaPem)
                .append("operation", operation == null ? null : operation.toDocument())
                .append("rollbackRequired", rollbackRequired == null ? null : rollbackRequired.toDocument())
                .append("maintenanceWindow", maintenanceWindow == null ? null : maintenanceWindow.toDocument())
                .append("renewalPolicy", renewalPolicy)
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
        // documents written before TLS modes were tracked: Enable then meant preferTLS
        doc.tlsMode = d.getString("tlsMode") != null ? d.getString("tlsMode")
                : "ENABLED".equals(doc.sslStatus) ? "PREFER" : "DISABLED";
        doc.nodes = new ArrayList<>(Bsons.docs(d, "nodes").stream().map(NodeDoc::from).toList());
        doc.currentCa = CaSummary.from(d.get("currentCa", Document.class));
        doc.previousCa = CaSummary.from(d.get("previousCa", Document.class));
        doc.previousCaPem = d.getString("previousCaPem");
        doc.operation = OperationSummary.from(d.get("operation", Document.class));
        doc.rollbackRequired = RollbackRequiredDoc.from(d.get("rollbackRequired", Document.class));
        doc.maintenanceWindow = MaintenanceWindowDoc.from(d.get("maintenanceWindow", Document.class));
        doc.renewalPolicy = d.getString("renewalPolicy");
        doc.lastSequence = Bsons.longOrNull(d, "lastSequence");
        doc.lastEventAt = Bsons.instant(d, "lastEventAt");
        doc.stale = Boolean.TRUE.equals(d.getBoolean("stale"));
        doc.gaps = new ArrayList<>(Bsons.docs(d, "gaps").stream()
                .map(g -> new Gap(Bsons.longOrNull(g, "from"), Bsons.longOrNull(g, "to"))).toList());
        return doc;
    }
}
