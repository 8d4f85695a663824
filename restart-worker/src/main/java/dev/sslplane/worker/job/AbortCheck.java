package dev.sslplane.worker.job;

import reactor.core.publisher.Mono;

/**
 * Whether a run may start its next piece of work: before the certificate round and before every node step it
 * reads the job's durable abort mark, so an abort asked for while another worker (or this one) runs the job takes
 * effect once the step in progress is done, wherever the job runs. Once seen, the mark is remembered for the run.
 */
final class AbortCheck {

    /** Ends a run whose abort was asked for, after the step in progress. */
    static final class StoppedException extends RuntimeException {
        StoppedException(String operationId) {
            super("abort of " + operationId + " was asked for", null, false, false);
        }
    }

    private final JobStore store;

    AbortCheck(JobStore store) {
        this.store = store;
    }

    /** Completes if the run may go on; {@link StoppedException} if its abort was asked for. */
    Mono<Void> beforeNextStep(Run run) {
        return asked(run).flatMap(asked -> asked ? Mono.error(new StoppedException(run.job.operationId()))
                : Mono.empty());
    }

    /** Whether the run's abort was asked for (the claimed job's mark, else the stored one). */
    Mono<Boolean> asked(Run run) {
        if (run.abortAsked) {
            return Mono.just(true);
        }
        return store.abortRequested(run.job.operationId()).doOnNext(asked -> run.abortAsked = asked);
    }
}
