package dev.sslplane.worker.job;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The job collection's writes for abort (issue 19 §4), apart from {@link JobStore} to keep that class readable.
 * Every write is conditional on the job's state, so a redelivered event changes nothing, and none touches a job
 * that is COMPLETED or ABORTED.
 */
final class AbortMarks {

    private static final List<String> UNCLAIMED_OR_RUNNING = List.of(JobState.PENDING.name(),
            JobState.RUNNING.name());
    private static final List<String> AT_REST = List.of(JobState.FAILED.name(), JobState.HELD.name());
    private static final List<String> FINAL = List.of(JobState.COMPLETED.name(), JobState.ABORTED.name());

    private static final String READ_BACK_PENDING = "PENDING";
    private static final String READ_BACK_DONE = "DONE";

    private final MongoCollection<Document> jobs;

    AbortMarks(MongoCollection<Document> jobs) {
        this.jobs = jobs;
    }

    /**
     * Marks the job abort-requested. A job waiting to run or running keeps its state: whoever runs it sees the mark
     * before its next node step. A FAILED or HELD job has nobody running it, so it is made outstanding again: the
     * run that claims it stops at once and publishes the stopped report, exactly as after a takeover. The running
     * case is written first: a run that fails between the two writes is then re-armed by the second.
     */
    Mono<Void> request(String operationId, Instant now) {
        Bson mark = Updates.combine(Updates.set("abortRequested", true),
                Updates.min("abortRequestedAt", Date.from(now)));
        Bson rearm = Updates.combine(mark,
                Updates.set("state", JobState.PENDING.name()),
                Updates.set("outstanding", true),
                Updates.set("leaseOwner", null),
                Updates.set("leaseExpiresAt", JobDocuments.NEVER_LEASED),
                Updates.inc("fence", 1L));
        return Mono.from(jobs.updateOne(byIdIn(operationId, UNCLAIMED_OR_RUNNING), mark))
                .then(Mono.from(jobs.updateOne(byIdIn(operationId, AT_REST), rearm)))
                .then();
    }

    /**
     * The command side ended the operation: a job not final yet becomes ABORTED with nothing left to do (no report).
     * The fence moves on, so a run still going somewhere can write nothing more and stops. {@code true} if this
     * changed the job.
     */
    Mono<Boolean> abort(String operationId, Instant now) {
        Bson filter = new Document("_id", operationId).append("state", new Document("$nin", FINAL));
        return Mono.from(jobs.updateOne(filter, Updates.combine(
                        Updates.set("state", JobState.ABORTED.name()),
                        Updates.set("outstanding", false),
                        Updates.set("leaseOwner", null),
                        Updates.set("leaseExpiresAt", JobDocuments.NEVER_LEASED),
                        Updates.set("finishedAt", Date.from(now)),
                        Updates.inc("fence", 1L))))
                .map(r -> r.getModifiedCount() > 0);
    }

    /**
     * The operation was aborted: its nodes are to be read back and reported ({@code readBack: PENDING}), once per
     * job, so a redelivered event does not read them again once the report went out. {@code true} if this marked it.
     */
    Mono<Boolean> markReadBack(String operationId) {
        Bson filter = Filters.and(Filters.eq("_id", operationId), Filters.exists("readBack", false));
        return Mono.from(jobs.updateOne(filter, Updates.set("readBack", READ_BACK_PENDING)))
                .map(r -> r.getModifiedCount() > 0);
    }

    /** The read-back was reported: it is not done again. */
    Mono<Void> readBackDone(String operationId) {
        return Mono.from(jobs.updateOne(Filters.eq("_id", operationId), Updates.set("readBack", READ_BACK_DONE)))
                .then();
    }

    /** Jobs whose read-back is still to be reported (a worker stopped before, or Kafka refused the report). */
    Flux<String> pendingReadBacks() {
        return Flux.from(jobs.find(Filters.eq("readBack", READ_BACK_PENDING)).projection(Projections.include("_id")))
                .map(doc -> doc.getString("_id"));
    }

    /** The durable mark, read before each node step of a run; {@code false} for a job that does not exist. */
    Mono<Boolean> requested(String operationId) {
        return Mono.from(jobs.find(Filters.eq("_id", operationId))
                        .projection(Projections.include("abortRequested")).first())
                .map(doc -> doc.getBoolean("abortRequested", false))
                .defaultIfEmpty(false);
    }

    private static Document byIdIn(String operationId, List<String> states) {
        return new Document("_id", operationId).append("state", new Document("$in", states));
    }
}
