package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.node.NodeTlsConfig;
import dev.sslplane.worker.nodeclient.ReplicaSetClient;
import dev.sslplane.worker.plan.PlannedStep;
import reactor.core.publisher.Mono;

/**
 * A runtime pass's change: the config file first gets the new mode (so a later restart keeps it), then the node
 * gets it through {@code setParameter}, unless it already runs with it (a step redone after a crash, or a rollback's
 * pass on a node the aborted operation had not changed yet): mongod refuses a "change" to the mode it has
 * ({@code checkTLSModeTransition} in {@code ssl_parameters.cpp} accepts allow → prefer and prefer → require only),
 * so the mode is read first and the step still counts, with its read-back. mongod moves only allow → prefer → require; a refusal fails the step with
 * {@link NodeFailureCode#RUNTIME_MODE_REFUSED} and the node's words.
 */
final class RuntimePass implements NodeChange {

    private final NodeOperator operator;
    private final ReplicaSetClient client;

    RuntimePass(NodeOperator operator, ReplicaSetClient client) {
        this.operator = operator;
        this.client = client;
    }

    @Override
    public Mono<Long> apply(Run run, PlannedStep step, StepPhase phase) {
        TlsMode target = step.pass().mode();
        var member = run.member(step.node());
        var connection = run.plan.control(step.pass());
        return Mono.defer(() -> {
                    phase.enter("writing the mode into the node's config file", NodeFailureCode.NODE_OPERATOR);
                    return operator.persistMode(run.instance, step.node(),
                            NodeTlsConfig.modeOnly(run.instance.engine(), target));
                })
                .retryWhen(StepFailures.transientRetry(phase))
                .then(Mono.defer(() -> {
                    phase.enter("setting " + run.instance.engine().modeParameter() + " to "
                            + target.configValue(run.instance.engine()) + " at run time",
                            NodeFailureCode.RUNTIME_MODE_REFUSED);
                    return client.mode(member, connection, run.instance.engine())
                            .flatMap(current -> current == target ? Mono.<Void>empty()
                                    : client.setMode(member, connection, run.instance.engine(), target));
                }).retryWhen(StepFailures.transientRetry(phase)))
                .thenReturn(-1L);
    }
}
