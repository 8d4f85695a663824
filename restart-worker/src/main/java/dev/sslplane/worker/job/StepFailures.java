package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeFailureCode;
import dev.sslplane.nodeclient.NodeCommandException;
import dev.sslplane.worker.node.NodeOperatorException;
import dev.sslplane.worker.signing.SigningRefusedException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.util.retry.Retry;

/** Turns whatever ended a step into a {@link NodeFailedException} with a stable code, and says what is retried. */
final class StepFailures {

    private StepFailures() {
    }

    static NodeFailedException of(String node, int pass, Throwable e, StepPhase phase, Duration timeout) {
        if (e instanceof NodeFailedException failed) {
            return failed;
        }
        if (e instanceof TimeoutException) {
            return new NodeFailedException(node, pass, phase.code(),
                    "step timed out after " + timeout + " while " + phase.describe());
        }
        if (e instanceof SigningRefusedException) {
            return new NodeFailedException(node, pass, NodeFailureCode.SIGNING_REFUSED, e.getMessage());
        }
        if (e instanceof NodeOperatorException refused) {
            return new NodeFailedException(node, pass, refused.code(), phase.describe() + ": " + e.getMessage());
        }
        if (e instanceof NodeCommandException answered) {
            return new NodeFailedException(node, pass, phase.code(), phase.describe() + ": node " + node
                    + " answered \"" + answered.errmsg() + "\" (code " + answered.code()
                    + (answered.codeName() == null ? "" : " " + answered.codeName()) + ")");
        }
        return new NodeFailedException(node, pass, NodeFailureCode.ERROR, phase.describe() + ": " + message(e));
    }

    /**
     * Retries what may pass by itself (a node restarting, a connection refused, a 5xx) with back-off, within the
     * step timeout, keeping each retried error as the phase's last reason for a timeout; not what was decided: a
     * refusal by the node, the signer or the operator, or a lost lease.
     */
    static Retry transientRetry(StepPhase phase) {
        return Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                .filter(StepFailures::transientError)
                .doBeforeRetry(signal -> phase.lastReason(message(signal.failure())));
    }

    static boolean transientError(Throwable e) {
        return !(e instanceof SigningRefusedException || e instanceof LeaseLostException
                || e instanceof NodeFailedException || e instanceof NodeCommandException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof NodeOperatorException noe && !noe.retryable());
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
