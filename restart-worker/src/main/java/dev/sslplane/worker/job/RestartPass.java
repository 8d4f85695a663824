package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.plan.PlannedStep;
import reactor.core.publisher.Mono;

/**
 * A restart pass's change: the primary hands over first ({@link StepDown}), unless the operator's substrate steps it
 * down itself ({@link NodeOperator#stepsDownPrimaryItself}); then the operator writes the node's files and config and
 * restarts it. The node is unreachable from the restart call until the gate passes.
 */
final class RestartPass implements NodeChange {

    private final NodeOperator operator;
    private final StepDown stepDown;

    RestartPass(NodeOperator operator, StepDown stepDown) {
        this.operator = operator;
        this.stepDown = stepDown;
    }

    @Override
    public Mono<Long> apply(Run run, PlannedStep step, StepPhase phase) {
        Mono<Void> handOver = step.stepDownFirst() && !operator.stepsDownPrimaryItself(run.instance)
                ? stepDown.handOver(run, step, phase) : Mono.empty();
        long[] wentDown = new long[1];
        return handOver.then(Mono.defer(() -> {
                    phase.enter("restarting", NodeFailureCode.NODE_OPERATOR);
                    var config = run.plan.nodeConfig(step.pass(), run.chains.get(step.node().name()));
                    wentDown[0] = System.nanoTime();
                    return operator.restart(run.instance, step.node(), config);
                }).retryWhen(StepFailures.transientRetry(phase)))
                .then(Mono.fromSupplier(() -> wentDown[0]));
    }
}
