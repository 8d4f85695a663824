package dev.sslplane.worker.job;

import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.procedure.StepKey;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.OperationHeldReport;
import dev.sslplane.contracts.progress.OperationStoppedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import dev.sslplane.worker.plan.PlannedStep;
import dev.sslplane.worker.progress.ProgressPublisher;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The progress reports of a run, on {@code ssl.restart-progress}; each has a stable id, so re-sending is safe. */
final class Reporting {

    private final ProgressPublisher progress;
    private final Clock clock;

    Reporting(ProgressPublisher progress, Clock clock) {
        this.progress = progress;
        this.clock = clock;
    }

    /** @param stepTimeout the timeout this run applies to the step, reported so the status shows it */
    Mono<Void> started(RestartJob job, PlannedStep step, Duration stepTimeout) {
        return progress.publish(new NodeRestartStartedReport(job.instanceId(), job.operationId(), step.node().name(),
                clock.instant(), step.pass().number(), step.role(), stepTimeout), job.attempt());
    }

    Mono<Void> restarted(RestartJob job, int pass, String node, long unreachableMillis, NodeObservation observed) {
        return progress.publish(new NodeRestartedReport(job.instanceId(), job.operationId(), node, unreachableMillis,
                clock.instant(), pass, observed), job.attempt());
    }

    Mono<Void> held(RestartJob job, int pass) {
        return progress.publish(new OperationHeldReport(job.instanceId(), job.operationId(), pass, clock.instant()),
                job.attempt());
    }

    Mono<Void> completed(RestartJob job, long totalMillis) {
        return progress.publish(new RestartCompletedReport(job.instanceId(), job.operationId(), totalMillis,
                clock.instant()), job.attempt());
    }

    /** The run stopped because the operation's abort was asked for; no step of it runs any more. */
    Mono<Void> stopped(RestartJob job) {
        return progress.publish(new OperationStoppedReport(job.instanceId(), job.operationId(), clock.instant()),
                job.attempt());
    }

    Mono<Void> failed(RestartJob job, NodeFailedException e) {
        return progress.publish(new RestartFailedReport(job.instanceId(), job.operationId(), e.nodeName(),
                e.getMessage(), clock.instant(), e.pass(), e.code().name()), job.attempt());
    }

    /** After a takeover the previous owner may have died between a checkpoint and its report. */
    Mono<Void> resendDone(RestartJob job) {
        return Flux.fromIterable(job.doneSteps().entrySet())
                .filter(e -> job.completedSteps().contains(e.getKey()))
                .concatMap(e -> restarted(job, StepKey.pass(e.getKey()), StepKey.node(e.getKey()),
                        e.getValue().unreachableMillis(), e.getValue().observed()))
                .then();
    }
}
