package dev.sslplane.query.readmodel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The abort of an operation: who asked and when (only for one that was running: it stops after the step in
 * progress), who ended it and when, where it was then, how it left the nodes, and whether (as the abort found)
 * only a rollback may run next; {@code rollbackOperationId} is the rollback started for it last. Once the worker
 * read the nodes back ({@code nodesObservedAt}), {@code nodes} is what they are, except the {@code unreadNodes}. Whether a rollback
 * is still required now is the instance status's ({@code InstanceDoc.rollbackRequired}).
 */
public final class AbortDoc {

    public String requestedBy;
    public Instant requestedAt;
    public String abortedBy;
    public Instant abortedAt;
    /** RUNNING, FAILED or WAITING_FOR_CLIENTS; null until aborted. */
    public String stateBefore;
    /** Null until aborted. */
    public Boolean rollbackRequired;
    /** Null until aborted. */
    public List<NodeTlsDoc> nodes;
    public String rollbackOperationId;
    /** When the worker read the nodes back ({@code nodes} then says what they are); null while they are computed. */
    public Instant nodesObservedAt;
    /** Nodes the read-back could not read, with the reason (their state in {@code nodes} stays computed). */
    public Map<String, String> unreadNodes;

    Document toDocument() {
        return new Document("requestedBy", requestedBy).append("requestedAt", Bsons.date(requestedAt))
                .append("abortedBy", abortedBy).append("abortedAt", Bsons.date(abortedAt))
                .append("stateBefore", stateBefore).append("rollbackRequired", rollbackRequired)
                .append("nodes", NodeTlsDoc.toDocuments(nodes)).append("rollbackOperationId", rollbackOperationId)
                .append("nodesObservedAt", Bsons.date(nodesObservedAt))
                .append("unreadNodes", unreadNodes == null ? null : new Document(new java.util.TreeMap<>(unreadNodes)));
    }

    static AbortDoc from(Document d) {
        if (d == null) {
            return null;
        }
        var a = new AbortDoc();
        a.requestedBy = d.getString("requestedBy");
        a.requestedAt = Bsons.instant(d, "requestedAt");
        a.abortedBy = d.getString("abortedBy");
        a.abortedAt = Bsons.instant(d, "abortedAt");
        a.stateBefore = d.getString("stateBefore");
        a.rollbackRequired = d.getBoolean("rollbackRequired");
        a.nodes = NodeTlsDoc.fromDocuments(d, "nodes");
        a.rollbackOperationId = d.getString("rollbackOperationId");
        a.nodesObservedAt = Bsons.instant(d, "nodesObservedAt");
        Document unread = d.get("unreadNodes", Document.class);
        if (unread != null) {
            var reasons = new java.util.TreeMap<String, String>();
            unread.forEach((node, reason) -> reasons.put(node, String.valueOf(reason)));
            a.unreadNodes = reasons;
        }
        return a;
    }
}
