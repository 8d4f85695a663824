package dev.sslplane.worker.job;

import dev.sslplane.worker.plan.PlannedStep;
import reactor.core.publisher.Mono;

/** What a pass does to one node, before the health gate: {@link RestartPass} or {@link RuntimePass}. */
interface NodeChange {

    /**
     * Changes the node.
     *
     * @return when the node went down ({@link System#nanoTime()}), or {@code -1} if it did not
     */
    Mono<Long> apply(Run run, PlannedStep step, StepPhase phase);
}
