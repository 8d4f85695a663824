package dev.sslplane.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An SSL operation as the query service shows it: its passes, each with one step per node.
 *
 * @param kind  ENABLE, ROTATE, DISABLE, ENFORCE_TLS, RELAX_TLS, RENEW_NODE_CERTIFICATES or ROLLBACK (the new operation
 *              that brings the nodes of an aborted one back)
 * @param state RUNNING, RETRIED, WAITING_FOR_CLIENTS, FAILED, COMPLETED, SCHEDULED, CANCELLED, ABORTING (stops after
 *              the node in progress) or ABORTED
 * @param phase the current pass's name, WAITING_FOR_CLIENTS or COMPLETED
 */
public record Operation(String operationId, String instanceId, String kind, String state, int attempt,
                        String startedBy, Instant startedAt, Instant endedAt, Long totalMillis, int stepsDone,
                        int stepsTotal, Long estimatedRemainingMillis, Failure failure, int currentPass, String phase,
                        List<Pass> passes) {

    /**
     * States after which the operation waits for a person (retry, finish, abort) or is over: its stream ends there.
     * ABORTING is not one: the node in progress is still being worked on.
     */
    public static final Set<String> RESTING_STATES = Set.of("COMPLETED", "FAILED", "WAITING_FOR_CLIENTS",
            "CANCELLED", "ABORTED");

    public Operation {
        passes = passes == null ? List.of() : List.copyOf(passes);
    }

    public boolean resting() {
        return RESTING_STATES.contains(state);
    }

    public boolean completed() {
        return "COMPLETED".equals(state);
    }

    /** Ended by an abort: no step of it runs any more (a rollback may be the only operation allowed next). */
    public boolean aborted() {
        return "ABORTED".equals(state);
    }

    /** Where and why the operation stopped; {@code code} such as UNHEALTHY or PREFLIGHT_FAILED. */
    public record Failure(String nodeName, String reason, Instant failedAt, int pass, String code) {
    }

    /** A pass: RESTART or RUNTIME {@code action}, the TLS {@code mode} nodes have after it, its steps. */
    public record Pass(int number, String name, String action, String mode, String state, int stepsDone,
                       List<PassStep> steps) {

        public Pass {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** One node's step: PENDING, RUNNING, DONE or FAILED; {@code role} when the step began. */
    public record PassStep(String node, String state, String role, int attempt, Instant startedAt,
                           Instant finishedAt, Long durationMillis, Long unreachableMillis) {
    }
}
