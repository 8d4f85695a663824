package dev.sslplane.worker.nodeclient;

import dev.sslplane.contracts.model.NodeRole;

/**
 * A member's {@code isMaster} answer, reduced to what the worker uses.
 *
 * @param primary        {@code ismaster}: the member is the primary
 * @param secondary      {@code secondary}
 * @param hidden         {@code hidden}
 * @param primaryAddress {@code primary}: the member the answering one sees as primary ({@code host:port}), or null
 * @param setName        {@code setName}, or null outside a replica set
 * @param maxWireVersion {@code maxWireVersion}: 5 for 3.4, 7 for 4.0, 8 for 4.2
 */
public record Hello(boolean primary, boolean secondary, boolean hidden, String primaryAddress, String setName,
                    int maxWireVersion) {

    /** The role in the worker's terms: anything that is neither primary nor hidden restarts like a secondary. */
    public NodeRole role() {
        if (primary) {
            return NodeRole.PRIMARY;
        }
        return hidden ? NodeRole.HIDDEN : NodeRole.SECONDARY;
    }
}
