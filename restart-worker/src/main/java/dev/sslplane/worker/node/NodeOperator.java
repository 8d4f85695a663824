package dev.sslplane.worker.node;

import dev.sslplane.contracts.model.NodeSpec;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * What the worker needs from wherever the nodes live (hosts with systemd, the local fleet, Kubernetes): the
 * files and the process. Everything a running mongod answers itself (roles, replica-set status, step-down,
 * the runtime mode) goes through a {@link dev.sslplane.worker.nodeclient.ReplicaSetClient} instead, at the
 * node's registered address, so an operator never reports on the health of what it manages.
 *
 * <p>An operator is chosen by {@code sslplane.worker.node-operator} in {@code config.NodeOperatorConfig}; the job engine
 * does not change with it.
 *
 * <p>Every method is non-blocking and may be called again for the same node after a worker crash, so each must be
 * idempotent from the node's point of view. Errors: a {@link NodeOperatorException} that is not
 * {@linkplain NodeOperatorException#retryable() retryable} fails the step at once, with its
 * {@linkplain NodeOperatorException#code() code}; any other error is retried within the step timeout. A node the
 * operator does not know is a non-retryable failure: operators never create nodes.
 */
public interface NodeOperator {

    /**
     * Has the node make a fresh key pair where it lives and returns a PKCS#10 request (PEM) carrying exactly
     * {@code subjectAltNames}. The private key never leaves the node; it waits there, unused, until a
     * {@link #restart} hands over a certificate for it.
     */
    Mono<String> createCsr(InstanceRef instance, NodeSpec node, List<String> subjectAltNames);

    /**
     * Writes the node's files as {@code config} says (the certificate key file with a NEW certificate, the CA file
     * with REPLACE) and its mongod config file in the engine's dialect ({@link MongodConfig}), then restarts the
     * process. Completes once the process runs again (the health gate then decides whether it is usable); fails
     * with {@link dev.sslplane.contracts.model.NodeFailureCode#NODE_START_FAILED}, not retryable, when mongod
     * refuses to start with that config, carrying mongod's reason.
     */
    Mono<Void> restart(InstanceRef instance, NodeSpec node, NodeTlsConfig config);

    /**
     * For a runtime pass: writes the node's config file with {@code config}'s mode (files kept), without a
     * restart, so that a later restart keeps the mode the worker is about to set with {@code setParameter}.
     */
    Mono<Void> persistMode(InstanceRef instance, NodeSpec node, NodeTlsConfig config);

    /** Serials (lower-case hex) of the CA certificates the node's CA file holds now; empty without one. */
    Mono<List<String>> trustedCaSerials(InstanceRef instance, NodeSpec node);

    /**
     * Whether every member of the instance runs with one and the same certificate (a Kubernetes operator mounts
     * one secret into every pod) and, if so, the names that certificate carries: the names every node is
     * registered with, since the command service signs a node's CSR only for that node's names. The engine then
     * makes one CSR, with exactly these names, through {@link #createCsr} for the first node of the round, has it
     * signed as that node, and hands the same chain to every node's {@link #restart}. Empty (the default): each
     * node gets its own key and certificate.
     */
    default Optional<List<String>> sharedCertificateNames(InstanceRef instance, List<NodeSpec> nodes) {
        return Optional.empty();
    }

    /**
     * Whether the substrate restarts the members itself in a safe order and steps the primary down before its
     * restart (the Percona operator does). The engine then sends no {@code replSetStepDown} of its own: it would
     * start an election while the substrate may be restarting another member.
     */
    default boolean stepsDownPrimaryItself(InstanceRef instance) {
        return false;
    }
}
