package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.StepKey;
import dev.sslplane.worker.node.NodeOperator;
import dev.sslplane.worker.signing.CertificateSigner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Before a run's first change: every node whose step in the certificate pass is not done yet makes a key and a
 * CSR where it lives, and the command service signs it, all at once. A refused or failed signature thus stops the
 * operation before it costs any outage; keys wait unused on their node until its step of that pass. Where every
 * member runs with one certificate ({@link NodeOperator#sharedCertificateNames}), one CSR with the names all nodes
 * share is made for the first of those nodes and signed as that node, and its chain goes to each of them.
 */
final class CertificateRound {

    private final NodeOperator operator;
    private final CertificateSigner signer;

    CertificateRound(NodeOperator operator, CertificateSigner signer) {
        this.operator = operator;
        this.signer = signer;
    }

    /** Sets {@link Run#chains}: each such node's certificate followed by the CA chain. */
    Mono<Void> obtain(Run run) {
        Optional<Pass> issuing = run.plan.certificatePass()
                .filter(pass -> pass.number() <= run.plan.lastPassToRun());
        if (issuing.isEmpty()) {
            return Mono.empty();
        }
        int pass = issuing.get().number();
        var done = run.done();
        List<NodeSpec> pending = run.steppedNodes().stream().filter(node -> !done.contains(StepKey.of(pass, node.name())))
                .toList();
        if (pending.isEmpty()) {
            return Mono.empty();
        }
        Optional<List<String>> shared = operator.sharedCertificateNames(run.instance, run.nodes());
        if (shared.isPresent()) {
            NodeSpec first = pending.get(0);
            var phase = new StepPhase();
            return certificate(run, first, shared.get(), phase)
                    .timeout(run.stepTimeout)
                    .onErrorMap(e -> !(e instanceof LeaseLostException),
                            e -> StepFailures.of(first.name(), pass, e, phase, run.stepTimeout))
                    .doOnNext(chain -> {
                        var chains = new HashMap<String, String>();
                        pending.forEach(node -> chains.put(node.name(), chain));
                        run.chains = Map.copyOf(chains);
                    })
                    .then();
        }
        return Flux.fromIterable(pending)
                .flatMap(node -> {
                    var phase = new StepPhase();
                    return certificate(run, node, node.subjectAltNames(), phase)
                            .timeout(run.stepTimeout)
                            .onErrorMap(e -> !(e instanceof LeaseLostException),
                                    e -> StepFailures.of(node.name(), pass, e, phase, run.stepTimeout))
                            .map(chain -> Map.entry(node.name(), chain));
                })
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .doOnNext(chains -> run.chains = Map.copyOf(chains))
                .then();
    }

    private Mono<String> certificate(Run run, NodeSpec node, List<String> names, StepPhase phase) {
        return Mono.defer(() -> {
                    phase.enter("creating a CSR on the node", NodeFailureCode.NODE_OPERATOR);
                    return operator.createCsr(run.instance, node, names);
                })
                .retryWhen(StepFailures.transientRetry(phase))
                .flatMap(csr -> Mono.defer(() -> {
                    phase.enter("getting the CSR signed", NodeFailureCode.ERROR);
                    return signer.sign(run.job.instanceId(), run.job.operationId(), node.name(), csr);
                }).retryWhen(StepFailures.transientRetry(phase)))
                .map(signed -> chain(signed.certificatePem(), signed.caChainPem()));
    }

    static String chain(String certificatePem, String caChainPem) {
        if (caChainPem == null || caChainPem.isBlank()) {
            return certificatePem;
        }
        return certificatePem.endsWith("\n") ? certificatePem + caChainPem : certificatePem + "\n" + caChainPem;
    }
}
