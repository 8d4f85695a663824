package dev.sslplane.fleet.node;

import java.time.Instant;
import java.util.List;

/**
 * A node as the control API shows it. Never carries key material.
 *
 * @param tlsMode   effective mode (runtime changes included), null while the node does not run
 * @param replState PRIMARY, SECONDARY or DOWN
 * @param restartsSinceFleetStart restarts done through the API since this fleet process started
 */
public record NodeStatus(
        String instanceId,
        String name,
        String host,
        int port,
        String engineVersion,
        String replicaSet,
        NodeState state,
        String failureReason,
        String tlsMode,
        String replState,
        List<TrustedCa> trustedCas,
        String certificateSerial,
        Instant certificateNotAfter,
        Paths paths,
        int restartsSinceFleetStart) {

    /** A CA of the node's effective CAFile. */
    public record TrustedCa(String subject, String serial, String sha256Fingerprint) {
    }

    /** Absolute paths a mongod.conf for this node should name. */
    public record Paths(String config, String certificateKeyFile, String caFile) {
    }
}
