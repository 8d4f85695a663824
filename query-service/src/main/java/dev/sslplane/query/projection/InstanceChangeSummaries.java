package dev.sslplane.query.projection;

import dev.sslplane.contracts.event.CollectionCountUpdatedEvent;
import dev.sslplane.contracts.event.EngineVersionUpdatedEvent;
import dev.sslplane.contracts.event.InstanceChangedEvent;
import dev.sslplane.contracts.event.MemberAddedEvent;
import dev.sslplane.contracts.event.MemberRemovedEvent;
import dev.sslplane.contracts.event.MemberReplacedEvent;
import dev.sslplane.contracts.model.NodeSpec;

/** Audit lines of instance changes (members, collection count, engine version); the actor is the entry's own. */
final class InstanceChangeSummaries {

    private InstanceChangeSummaries() {
    }

    static String of(InstanceChangedEvent event) {
        if (event instanceof MemberAddedEvent e) {
            return "Member " + member(e.member()) + " added; " + e.nodes().size()
                    + " member(s) now; it has no certificate until an operation issues one";
        }
        if (event instanceof MemberRemovedEvent e) {
            return "Member " + e.memberName() + " removed; " + e.nodes().size() + " member(s) now";
        }
        if (event instanceof MemberReplacedEvent e) {
            return "Member " + e.replacedName() + " replaced by " + member(e.replacement())
                    + "; it has no certificate until an operation issues one (the retry of a failed one drives it)";
        }
        if (event instanceof CollectionCountUpdatedEvent e) {
            return "Collection count updated from " + e.previousCollectionCount() + " to " + e.collectionCount()
                    + "; the step timeout of the next operation or retry follows it";
        }
        EngineVersionUpdatedEvent e = (EngineVersionUpdatedEvent) event;
        return "Engine version updated from " + e.previousEngineVersion() + " to " + e.engineVersion();
    }

    private static String member(NodeSpec node) {
        return node.name() + " (" + node.host() + ":" + node.port() + ", " + node.role() + ")";
    }
}
