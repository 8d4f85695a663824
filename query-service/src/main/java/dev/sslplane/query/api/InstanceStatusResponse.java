package dev.sslplane.query.api;

import java.time.Instant;
import java.util.List;

/**
 * The SSL status of one instance as the API shows it.
 *
 * @param stale true when events of this instance never arrived (see {@code gaps}); the status may be behind
 */
public record InstanceStatusResponse(
        String instanceId,
        boolean registered,
        String sslStatus,
        String engineVersion,
        String topology,
        int collectionCount,
        List<Node> nodes,
        Ca currentCa,
        OperationSummary operation,
        boolean stale,
        List<Gap> gaps,
        long lastSequence,
        Instant lastEventAt) {

    /** A member and its most recent restart. */
    public record Node(String name, String host, int port, String role, List<String> altNames,
                       Instant lastRestartedAt, Long lastUnreachableMillis, String lastRestartOperationId) {
    }

    /** The current CA; download it from {@code href}. */
    public record Ca(String serial, String sha256Fingerprint, String subject, Instant notBefore, Instant notAfter,
                     String keyAlgorithm, String href) {
    }

    /** The running or last operation; details at {@code href}. */
    public record OperationSummary(String operationId, String kind, String state, int nodesDone, int nodesTotal,
                                   Instant startedAt, Instant endedAt, String href) {
    }

    /** Sequence numbers (inclusive) that never arrived. */
    public record Gap(long from, long to) {
    }
}
