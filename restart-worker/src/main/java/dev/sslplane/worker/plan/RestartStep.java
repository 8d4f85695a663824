package dev.sslplane.worker.plan;

import dev.sslplane.worker.node.NodeState;

/** One node to restart; {@code stepDownFirst} for the primary. */
public record RestartStep(NodeState node, boolean stepDownFirst) {
}
