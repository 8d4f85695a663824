package dev.sslplane.worker.api;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.worker.job.JobState;
import dev.sslplane.worker.job.JobStore;
import dev.sslplane.worker.job.RestartJob;
import dev.sslplane.contracts.procedure.Pass;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** Read-only view of a job, for operators looking at a stuck restart. */
@RestController
public class JobController {

    /**
     * A job as shown to operators (public facts only).
     *
     * @param passes         the passes' names, in order
     * @param completedSteps the steps done, {@code <pass>/<node>}
     * @param failure        where and why the last run stopped, with its code
     * @param abortRequested the operation's abort was asked for: its run stops after the step in progress
     */
    public record JobView(String operationId, String instanceId, String kind, String engineVersion, int attempt,
                          JobState state, List<String> passes, Integer holdAfterPass, Set<String> completedSteps,
                          RestartJob.Failure failure, String leaseOwner, Instant leaseExpiresAt, Instant startedAt,
                          Instant finishedAt, boolean abortRequested) {
        static JobView of(RestartJob job) {
            return new JobView(job.operationId(), job.instanceId(), job.kind().name(), job.engine().version(),
                    job.attempt(), job.state(), job.passes().stream().map(Pass::name).toList(), job.holdAfterPass(),
                    job.completedSteps(), job.failure(), job.leaseOwner(), job.leaseExpiresAt(), job.startedAt(),
                    job.finishedAt(), job.abortRequested());
        }
    }

    private final JobStore store;

    public JobController(JobStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/jobs/{operationId}")
    public Mono<JobView> job(@PathVariable String operationId) {
        if (!IdRules.isId(operationId)) {
            return Mono.error(problem(ErrorCode.VALIDATION_FAILED, "operationId must match " + IdRules.ID.pattern()));
        }
        return store.find(operationId).map(JobView::of).switchIfEmpty(Mono.error(
                problem(ErrorCode.JOB_NOT_FOUND, "no restart job for operation " + operationId)));
    }

    private static ResponseStatusException problem(ErrorCode code, String detail) {
        var e = new ResponseStatusException(HttpStatus.valueOf(code.status()), detail);
        e.getBody().setProperty("code", code.name());
        return e;
    }
}
