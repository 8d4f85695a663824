package dev.sslplane.query.readmodel;

import java.time.Instant;
import java.util.List;
import org.bson.Document;

/**
 * An aborted operation left the nodes in different TLS states, so only its rollback may run next (the command side
 * refuses everything else with ROLLBACK_REQUIRED). {@code operationId} is the operation to roll back (an aborted
 * rollback leaves the one it rolled back here, which a new rollback names again); {@code nodes} how the last abort
 * left them (as read back from the nodes once the worker did); {@code sslStatus}, {@code tlsMode} and {@code caSerial} the state before that operation, which a
 * rollback restores; {@code rollbackOperationId} the rollback under way (or aborted), null before one started.
 */
public record RollbackRequiredDoc(String operationId, String kind, Instant abortedAt, String abortedBy,
                                  List<NodeTlsDoc> nodes, String sslStatus, String tlsMode, String caSerial,
                                  String rollbackOperationId) {

    public RollbackRequiredDoc {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public RollbackRequiredDoc withRollback(String rollbackOperationId) {
        return new RollbackRequiredDoc(operationId, kind, abortedAt, abortedBy, nodes, sslStatus, tlsMode, caSerial,
                rollbackOperationId);
    }

    /** The nodes as the worker read them back after the abort. */
    public RollbackRequiredDoc withNodes(List<NodeTlsDoc> observed) {
        return new RollbackRequiredDoc(operationId, kind, abortedAt, abortedBy, observed, sslStatus, tlsMode, caSerial,
                rollbackOperationId);
    }

    Document toDocument() {
        return new Document("operationId", operationId).append("kind", kind)
                .append("abortedAt", Bsons.date(abortedAt)).append("abortedBy", abortedBy)
                .append("nodes", NodeTlsDoc.toDocuments(nodes)).append("sslStatus", sslStatus)
                .append("tlsMode", tlsMode).append("caSerial", caSerial)
                .append("rollbackOperationId", rollbackOperationId);
    }

    static RollbackRequiredDoc from(Document d) {
        return d == null ? null : new RollbackRequiredDoc(d.getString("operationId"), d.getString("kind"),
                Bsons.instant(d, "abortedAt"), d.getString("abortedBy"), NodeTlsDoc.fromDocuments(d, "nodes"),
                d.getString("sslStatus"), d.getString("tlsMode"), d.getString("caSerial"),
                d.getString("rollbackOperationId"));
    }
}
