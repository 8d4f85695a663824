package dev.sslplane.client.model;

import java.time.Instant;
import java.util.List;

/**
 * The SSL status of one instance as the query service shows it (the fields a client needs; the service may send
 * more, which are ignored).
 *
 * @param sslStatus ENABLED or DISABLED
 * @param tlsMode   DISABLED, PREFER or REQUIRE
 * @param operation the running or last operation, {@code null} before the first
 * @param stale     true when events of the instance never arrived: the status may be behind
 * @param maintenanceWindow the weekly window (UTC) scheduled operations start in; {@code null} when none is set
 * @param renewalPolicy     {@code OFF} or {@code IN_MAINTENANCE_WINDOW} (automatic renewal of node certificates due);
 *                          {@code null} from a query service that does not show it
 */
public record InstanceStatus(String instanceId, String sslStatus, String engineVersion, String topology,
                             int collectionCount, List<Node> nodes, Ca currentCa, OperationSummary operation,
                             boolean stale, String tlsMode, boolean tlsEnforced, Ca previousCa,
                             MaintenanceWindow maintenanceWindow, String renewalPolicy) {

    public InstanceStatus {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /**
     * A member as registered, with its TLS mode and role as last read back ({@code null} until one was) and the
     * certificate last signed for it ({@code null} before one was and once SSL is disabled);
     * {@code certificateMissing}: SSL is enabled but this member (added or replaced since) has no certificate yet.
     */
    public record Node(String name, String host, int port, String role, String tlsMode, String currentRole,
                       Instant lastRestartedAt, NodeCertificate certificate, boolean certificateMissing) {
    }

    /** {@code expiry}: OK, RENEW_SOON or EXPIRED; {@code daysLeft} is negative once expired. */
    public record Ca(String serial, String sha256Fingerprint, String subject, Instant notBefore, Instant notAfter,
                     String keyAlgorithm, long daysLeft, String expiry) {
    }

    /** A node's certificate, signed by the CA {@code issuerSerial}; {@code expiry} as for the CA. */
    public record NodeCertificate(String serial, String sha256Fingerprint, Instant notAfter, String issuerSerial,
                                  long daysLeft, String expiry) {
    }

    /**
     * {@code nodesDone}/{@code nodesTotal} count steps (passes × nodes); {@code stepTimeout} (ISO-8601) is the
     * step timeout the worker applies, derived from the collection count ({@code null} before a step started).
     * State SCHEDULED: it starts when the maintenance window opens at {@code scheduledFor} (closes
     * {@code windowEndsAt}); CANCELLED: it never started; ABORTING: it stops after the node in progress; ABORTED:
     * it ended without finishing (the nodes show the mode each has now). Kind ROLLBACK: the operation bringing the
     * nodes of an aborted one back.
     */
    public record OperationSummary(String operationId, String kind, String state, int nodesDone, int nodesTotal,
                                   Instant startedAt, Instant endedAt, int currentPass, int passCount,
                                   String phase, String stepTimeout, Instant scheduledFor, Instant windowEndsAt) {
    }

    /** {@code dayOfWeek} MONDAY..SUNDAY, {@code start} HH:mm and ISO {@code duration}, UTC. */
    public record MaintenanceWindow(String dayOfWeek, String start, String duration) {
    }
}
