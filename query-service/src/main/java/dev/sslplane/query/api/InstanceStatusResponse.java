package dev.sslplane.query.api;

import dev.sslplane.contracts.model.ExpiryState;
import java.time.Instant;
import java.util.List;

/**
 * The SSL status of one instance as the API shows it.
 *
 * @param stale        true when events of this instance never arrived (see {@code gaps}); the status may be behind
 * @param tlsMode      the TLS mode the instance is put in: DISABLED, PREFER or REQUIRE
 * @param tlsEnforced  whether TLS is enforced (requireTLS: plain connections refused)
 * @param previousCa   while a rotation runs or waits: the CA being replaced (null when its event did not carry it)
 * @param caBundleHref while a rotation runs or waits: where to download the bundle (new CA, then previous CA)
 * @param maintenanceWindow the weekly window (UTC) operations scheduled for it start in; null when none is set
 * @param rollbackRequired while an aborted operation has left the nodes in different TLS states (until a rollback
 *                     of it completes): which operation to roll back, each node's TLS state, and the state a rollback
 *                     restores; null otherwise. Meanwhile {@code sslStatus}, {@code tlsMode} and {@code currentCa} are
 *                     what the aborted operation was moving to, once its rollback starts what it restores
 * @param renewalPolicy     automatic renewal of node certificates due: {@code OFF} (also when never set) or
 *                          {@code IN_MAINTENANCE_WINDOW}
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
        Instant lastEventAt,
        String tlsMode,
        boolean tlsEnforced,
        Ca previousCa,
        String caBundleHref,
        MaintenanceWindow maintenanceWindow,
        RollbackRequired rollbackRequired,
        String renewalPolicy) {

    /**
     * Only a rollback of {@code operationId} (kind {@code kind}, aborted at {@code abortedAt} by {@code abortedBy})
     * may run next; {@code href} is that operation. {@code nodes}: each node's TLS state as the last abort left it.
     * {@code restores}: the state before that operation, which the rollback brings back. {@code rollbackOperationId}:
     * the rollback under way, or the one whose abort left the nodes so (null before one started); its operation is
     * at {@code rollbackHref}. Roll back with {@code POST .../operations/{operationId}:rollback} on the command
     * service.
     */
    public record RollbackRequired(String operationId, String kind, Instant abortedAt, String abortedBy,
                                   String href, List<OperationResponse.NodeTls> nodes, Restores restores,
                                   String rollbackOperationId, String rollbackHref) {
    }

    /** The state a rollback restores: SSL status, TLS mode and the CA's serial (null with SSL disabled). */
    public record Restores(String sslStatus, String tlsMode, String caSerial) {
    }

    /**
     * A member: as registered ({@code role}), its most recent step, and as last read back from it after a step
     * ({@code tlsMode}, {@code trustedCas}, {@code currentRole} at {@code observedAt}; null until one reported it).
     * {@code certificateMissing}: SSL is enabled but no certificate was issued to this member yet (a member added
     * or replaced since): the next operation (a retry of a failed one, or a renewal) issues it from the current CA.
     */
    public record Node(String name, String host, int port, String role, List<String> altNames,
                       Instant lastRestartedAt, Long lastUnreachableMillis, String lastRestartOperationId,
                       String tlsMode, List<TrustedCa> trustedCas, String currentRole, Instant observedAt,
                       NodeCertificate certificate, boolean certificateMissing) {
    }

    /**
     * The certificate last signed for a node (null before one was, and once SSL is disabled), with the days left
     * until {@code notAfter} (negative once expired) and its {@code expiry}: OK, RENEW_SOON or EXPIRED.
     */
    public record NodeCertificate(String serial, String sha256Fingerprint, Instant notBefore, Instant notAfter,
                                  String keyAlgorithm, String issuerSerial, String operationId, long daysLeft,
                                  ExpiryState expiry) {
    }

    /** A CA a node trusts; {@code subject} when the certificate history knows the serial. */
    public record TrustedCa(String serial, String subject) {
    }

    /**
     * A CA; download the current one from {@code href} (null for the previous CA: it is in the bundle). The days
     * left until {@code notAfter} (negative once expired) and its {@code expiry}: OK, RENEW_SOON or EXPIRED. A CA is
     * never renewed by itself: RENEW_SOON asks for a rotation.
     */
    public record Ca(String serial, String sha256Fingerprint, String subject, Instant notBefore, Instant notAfter,
                     String keyAlgorithm, String href, long daysLeft, ExpiryState expiry) {
    }

    /**
     * The running or last operation; details at {@code href}. {@code nodesDone}/{@code nodesTotal} count steps
     * (passes × nodes); {@code phase} is the current pass's name, WAITING_FOR_CLIENTS or COMPLETED.
     * {@code stepTimeout}: the step timeout (ISO-8601) the worker applies, as it reported with the latest step it
     * started (derived from the collection count the operation carries); null before a step started. State
     * SCHEDULED: it waits for the maintenance window that opens at {@code scheduledFor} (closes
     * {@code windowEndsAt}; both null for operations that started at once); CANCELLED: cancelled before it started.
     */
    public record OperationSummary(String operationId, String kind, String state, int nodesDone, int nodesTotal,
                                   Instant startedAt, Instant endedAt, String href, int currentPass, int passCount,
                                   String phase, String stepTimeout, Instant scheduledFor, Instant windowEndsAt) {
    }

    /** The weekly maintenance window, UTC: {@code dayOfWeek} MONDAY..SUNDAY, {@code start} HH:mm, ISO {@code duration}. */
    public record MaintenanceWindow(String dayOfWeek, String start, String duration) {
    }

    /** Sequence numbers (inclusive) that never arrived. */
    public record Gap(long from, long to) {
    }
}
