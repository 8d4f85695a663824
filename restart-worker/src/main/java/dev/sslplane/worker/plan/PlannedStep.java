package dev.sslplane.worker.plan;

import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.StepKey;

/**
 * One node's step of one pass.
 *
 * @param role           the node's role when the pass began (reported with the step's start)
 * @param stepDownFirst  the primary of a restart pass hands over before it goes down
 */
public record PlannedStep(Pass pass, NodeSpec node, NodeRole role, boolean stepDownFirst) {

    public String key() {
        return StepKey.of(pass.number(), node.name());
    }
}
