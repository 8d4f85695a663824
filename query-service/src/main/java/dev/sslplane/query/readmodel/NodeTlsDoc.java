package dev.sslplane.query.readmodel;

import dev.sslplane.contracts.model.NodeTlsState;
import java.util.List;
import org.bson.Document;

/**
 * A node's TLS state as an aborted operation left it (first the command side's account, from what each step did;
 * then, once the worker read the nodes back, what the node is): its mode, the CAs it trusts, the CA that signed the certificate it presents, and whether it is
 * settled ({@code false} for the node whose step was under way: it may be on either side of that step).
 */
public record NodeTlsDoc(String node, String mode, List<String> trustedCaSerials, String certificateCaSerial,
                         boolean settled) {

    public NodeTlsDoc {
        trustedCaSerials = trustedCaSerials == null ? List.of() : List.copyOf(trustedCaSerials);
    }

    public static NodeTlsDoc of(NodeTlsState s) {
        return new NodeTlsDoc(s.node(), s.mode() == null ? null : s.mode().name(), s.trustedCaSerials(),
                s.certificateCaSerial(), s.settled());
    }

    Document toDocument() {
        return new Document("node", node).append("mode", mode).append("trustedCaSerials", trustedCaSerials)
                .append("certificateCaSerial", certificateCaSerial).append("settled", settled);
    }

    static NodeTlsDoc from(Document d) {
        return new NodeTlsDoc(d.getString("node"), d.getString("mode"), Bsons.strings(d, "trustedCaSerials"),
                d.getString("certificateCaSerial"), Boolean.TRUE.equals(d.getBoolean("settled")));
    }

    static List<Document> toDocuments(List<NodeTlsDoc> nodes) {
        return nodes == null ? null : nodes.stream().map(NodeTlsDoc::toDocument).toList();
    }

    static List<NodeTlsDoc> fromDocuments(Document d, String key) {
        return d.get(key) == null ? null : Bsons.docs(d, key).stream().map(NodeTlsDoc::from).toList();
    }
}
