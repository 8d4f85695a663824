package dev.sslplane.query.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An SSL operation: its passes, each with one step per node, and its progress.
 *
 * @param state                    RUNNING, RETRIED (running again after a retry), WAITING_FOR_CLIENTS (a rotation
 *                                 held after its second pass until it is finished), FAILED (waiting for a retry),
 *                                 COMPLETED, SCHEDULED, CANCELLED, ABORTING (abort asked for: it stops after the
 *                                 step in progress) or ABORTED (ended without finishing; see {@code abort})
 * @param nodesDone                steps done over all passes (kept under its first name for older clients; equals
 *                                 {@code stepsDone})
 * @param nodesTotal               steps of all passes (passes × nodes; equals {@code stepsTotal})
 * @param estimatedRemainingMillis remaining steps times the mean measured step of their kind (restart or runtime
 *                                 change; configured defaults before any was measured), less the time the running
 *                                 step has already taken; 0 when completed, null while failed or waiting
 * @param nodes                    every node over all passes: PENDING, RESTARTING (a step runs), RESTARTED (every
 *                                 step done) or FAILED, with its steps that began
 * @param currentPass              the pass being worked on (while waiting: the pass after which it waits)
 * @param phase                    the name of the current pass, WAITING_FOR_CLIENTS or COMPLETED
 * @param holdAfterPass            the pass after which a held rotation waits; null once finished or never held
 * @param abort                    its abort, once asked for; null for an operation never aborted
 * @param rollsBack                for a ROLLBACK: the aborted operation it undoes; null for other kinds
 * @param stepTimeout              the step timeout (ISO-8601) the worker applies, derived from the collection count,
 *                                 as it reported with the latest step it began; null before its first step
 */
public record OperationResponse(
        String operationId,
        String instanceId,
        String kind,
        String state,
        int attempt,
        String startedBy,
        Instant startedAt,
        Instant endedAt,
        Long totalMillis,
        String caSerial,
        int collectionCount,
        int nodesDone,
        int nodesTotal,
        Long estimatedRemainingMillis,
        Failure failure,
        List<Node> nodes,
        List<HistoryEntry> history,
        String previousCaSerial,
        String engineVersion,
        Boolean requireTls,
        Boolean holdOldCa,
        Integer holdAfterPass,
        int currentPass,
        String phase,
        int stepsDone,
        int stepsTotal,
        Awaiting awaitingClients,
        List<Pass> passes,
        Scheduled scheduled,
        Abort abort,
        RollsBack rollsBack,
        String stepTimeout) {

    /**
     * The abort of an operation: who asked and when ({@code requestedBy}/{@code requestedAt}, only for a running
     * one, which stops after the step in progress: state ABORTING), then who ended it and when
     * ({@code abortedBy}/{@code abortedAt}), where it was then ({@code stateBefore}: RUNNING, FAILED or
     * WAITING_FOR_CLIENTS), each node's TLS state as it left them ({@code nodes}) and whether only a rollback may
     * run next ({@code rollbackRequired}, as the abort found; the instance status says whether it still is);
     * {@code rollbackOperationId} is the rollback started for it last (null before one). Fields of the end are null
     * while ABORTING. Once the worker read the nodes back ({@code nodesObservedAt}), {@code nodes} is what each node
     * is, observed, except those in {@code unreadNodes} (node → why), which keep the computed state.
     */
    public record Abort(String requestedBy, Instant requestedAt, String abortedBy, Instant abortedAt,
                        String stateBefore, Boolean rollbackRequired, List<NodeTls> nodes,
                        String rollbackOperationId, Instant nodesObservedAt, Map<String, String> unreadNodes) {
    }

    /**
     * A node's TLS state after an abort: {@code mode} (DISABLED, ALLOW, PREFER, REQUIRE), the serials of the CAs it
     * trusts, the serial of the CA that signed the certificate it presents (null for none), and {@code settled}
     * (false for the node whose step was under way: it may be on either side of that step).
     */
    public record NodeTls(String node, String mode, List<String> trustedCaSerials, String certificateCaSerial,
                          boolean settled) {
    }

    /** The aborted operation a rollback undoes, and its kind. */
    public record RollsBack(String operationId, String kind) {
    }

    /**
     * An operation asked for in the maintenance window: who asked, when the window it waits for opens and closes,
     * and how often it missed one (state SCHEDULED until it starts, CANCELLED if cancelled before); null for
     * operations that started at once.
     */
    public record Scheduled(String scheduledBy, Instant startsAt, Instant windowEndsAt, int deferrals) {
    }

    /** Where and why the operation stopped; {@code code} a node failure code such as UNHEALTHY or PREFLIGHT_FAILED. */
    public record Failure(String nodeName, String reason, Instant failedAt, int pass, String code) {
    }

    /** A node over all passes (registered role), with its steps that began, in pass order. */
    public record Node(String name, String host, int port, String role, String state, List<Step> steps) {
    }

    /**
     * A node's step as the one-pass model showed it, now with its pass, state and the node's role when it began;
     * {@code restartedAt} is when it finished.
     */
    public record Step(int attempt, Instant startedAt, Instant restartedAt, Long durationMillis,
                       Long unreachableMillis, int pass, String state, String role) {
    }

    /** Since when, and after which pass, a rotation waits for clients. */
    public record Awaiting(int afterPass, Instant since) {
    }

    /**
     * One pass: what it does ({@code action} RESTART or RUNTIME, the {@code mode} nodes have after it, the
     * {@code certificate} and CA {@code trust} it gives them), its state (PENDING, RUNNING, DONE or FAILED) and
     * its step on each node.
     */
    public record Pass(int number, String name, String action, String mode, String certificate, String trust,
                       String state, int stepsDone, List<PassStep> steps) {
    }

    /**
     * One node's step in a pass: PENDING, RUNNING, DONE or FAILED; {@code role} is the node's role when the step
     * began (not the registered one); {@code observed} the node as read back after it.
     */
    public record PassStep(String node, String state, String role, int attempt, Instant startedAt,
                           Instant finishedAt, Long durationMillis, Long unreachableMillis, Observation observed) {
    }

    /** A node as read back after a step: TLS mode, serials of the CAs it trusts, role. */
    public record Observation(String mode, List<String> trustedCaSerials, String role) {
    }

    /** A state change of the operation. */
    public record HistoryEntry(long sequence, String type, String state, int attempt, Instant at, String actor,
                               String detail) {
    }
}
