package dev.sslplane.worker.health;

import dev.sslplane.worker.node.InstanceRef;
import dev.sslplane.worker.node.NodeState;
import reactor.core.publisher.Mono;

/** Checks once whether a node meets a {@link HealthExpectation}; never errors, answers with a result. */
public interface NodeProbe {

    Mono<ProbeResult> check(InstanceRef instance, NodeState node, HealthExpectation expectation);
}
