package dev.sslplane.worker.job;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.RotationFinishingEvent;
import dev.sslplane.contracts.model.NodeObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Restart jobs in MongoDB (reactive streams driver). The operationId is the {@code _id}, so a redelivered start
 * event cannot create a second job. Every write after a claim is conditional on the claim's fence.
 *
 * <p>Longer than most classes here on purpose: it is the one place that knows the job collection's queries and
 * updates (the documents themselves are {@link JobDocuments}, the fenced checkpoints {@link FencedWrites}).
 */
public class JobStore {

    private final MongoCollection<Document> jobs;
    private final FencedWrites fencedWrites;
    private final AbortMarks aborts;

    public JobStore(MongoCollection<Document> jobs) {
        this.jobs = jobs;
        this.fencedWrites = new FencedWrites(jobs);
        this.aborts = new AbortMarks(jobs);
    }

    public Mono<Void> ensureIndexes() {
        return Mono.from(jobs.createIndex(Indexes.ascending("outstanding", "leaseExpiresAt"),
                        new IndexOptions().name("claimable")))
                // every write after a claim filters on exactly (_id, fence): servers that only use an index whose
                // keys equal the filter's (the embedded MongoDB-wire server) then avoid a collection scan
                .then(Mono.from(jobs.createIndex(Indexes.ascending("_id", "fence"),
                        new IndexOptions().name("fenced").unique(true))))
                // the sweep for read-backs still to report: few jobs ever have the field, so the index stays small
                .then(Mono.from(jobs.createIndex(Indexes.ascending("readBack"),
                        new IndexOptions().name("readBack").sparse(true))))
                .then();
    }

    /**
     * Records the job an event asks for. {@code true} if that changed anything (new job, a failed job re-armed for
     * a newer attempt, a held job re-armed to finish); {@code false} for a redelivery.
     */
    public Mono<Boolean> record(OperationStartingEvent event, Instant now) {
        if (event instanceof RestartRetriedEvent retry) {
            return rearm(retry, now).flatMap(rearmed -> rearmed ? Mono.just(true) : insert(event, retry.attempt(), now));
        }
        if (event instanceof RotationFinishingEvent finishing) {
            return finish(finishing, now)
                    .flatMap(rearmed -> rearmed ? Mono.just(true) : insert(event, finishing.attempt(), now));
        }
        return insert(event, 1, now);
    }

    /**
     * Records many start events in one round trip (unordered insert; duplicates are redeliveries and are
     * ignored). Retries and finishing rotations re-arm existing jobs one by one. Returns the jobs created or
     * re-armed.
     */
    public Mono<List<String>> recordAll(List<OperationStartingEvent> events, Instant now) {
        var starts = new ArrayList<Document>();
        var rearms = new ArrayList<OperationStartingEvent>();
        var seen = new HashSet<String>();
        for (OperationStartingEvent event : events) {
            if (event instanceof RestartRetriedEvent || event instanceof RotationFinishingEvent) {
                rearms.add(event);
            } else if (seen.add(event.operationId())) {
                starts.add(JobDocuments.newJob(event, 1, now));
            }
        }
        Mono<List<String>> inserted = starts.isEmpty() ? Mono.just(List.of())
                : Mono.from(jobs.insertMany(starts, new InsertManyOptions().ordered(false)))
                        .map(r -> ids(starts, Set.of()))
                        .onErrorResume(MongoBulkWriteException.class, e -> e.getWriteErrors().stream()
                                .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY)
                                ? Mono.just(ids(starts, e.getWriteErrors().stream().map(w -> w.getIndex())
                                        .collect(Collectors.toSet())))
                                : Mono.error(e));
        return inserted.flatMap(created -> Flux.fromIterable(rearms)
                .concatMap(event -> record(event, now).filter(Boolean::booleanValue).map(b -> event.operationId()))
                .collectList()
                .map(rearmed -> {
                    var all = new ArrayList<>(created);
                    all.addAll(rearmed);
                    return all;
                }));
    }

    private static List<String> ids(List<Document> docs, Set<Integer> failedIndexes) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < docs.size(); i++) {
            if (!failedIndexes.contains(i)) {
                ids.add(docs.get(i).getString("_id"));
            }
        }
        return ids;
    }

    private Mono<Boolean> insert(OperationStartingEvent event, int attempt, Instant now) {
        return Mono.from(jobs.insertOne(JobDocuments.newJob(event, attempt, now))).thenReturn(true)
                .onErrorResume(MongoWriteException.class, e -> e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        ? Mono.just(false) : Mono.error(e));
    }

    /**
     * A retry resumes the same job at a newer attempt, skipping the steps the aggregate saw done, with what the
     * retry says now (nodes, collection count, passes, CAs, hold). A member replaced while the
     * operation had failed has a name of its own, so the dead node's completed steps never stand for the new one.
     */
    private Mono<Boolean> rearm(RestartRetriedEvent retry, Instant now) {
        Bson filter = byId(retry.operationId()).append("attempt", new Document("$lt", retry.attempt()))
                .append("state", new Document("$ne", JobState.ABORTED.name()));
        var updates = new ArrayList<>(List.of(
                Updates.set("attempt", retry.attempt()),
                Updates.set("nodes", retry.nodes().stream().map(JobDocuments::nodeDoc).toList()),
                Updates.set("targets", retry.targets()),
                // the latest collection count (an instance change may have updated it): the step timeout follows
                Updates.set("collectionCount", retry.collectionCount()),
                Updates.set("operator", JobDocuments.operatorDoc(retry.operator())),
                Updates.set("passes", JobDocuments.passDocs(retry.plan())),
                Updates.set("holdAfterPass", retry.holdAfterPass())));
        if (retry.engineVersion() != null) {
            updates.add(Updates.set("engine", retry.engineVersion()));
        }
        if (retry.ca() != null) {
            updates.add(Updates.set("caPem", retry.ca().pem()));
        }
        if (retry.previousCa() != null) {
            updates.add(Updates.set("previousCaPem", retry.previousCa().pem()));
        }
        return rearm(filter, updates, retry.doneSteps(), now);
    }

    /**
     * A held rotation goes on with its last pass: matched while the job still means to hold, so a redelivery
     * (the hold already lifted) changes nothing. A run that is about to write HELD loses its fence and stops.
     */
    private Mono<Boolean> finish(RotationFinishingEvent finishing, Instant now) {
        Bson filter = byId(finishing.operationId()).append("holdAfterPass", new Document("$ne", null))
                .append("state", new Document("$ne", JobState.ABORTED.name()));
        return rearm(filter, new ArrayList<>(List.of(Updates.set("holdAfterPass", null))), finishing.doneSteps(),
                now);
    }

    private Mono<Boolean> rearm(Bson filter, List<Bson> updates, Set<String> doneSteps, Instant now) {
        updates.addAll(List.of(
                Updates.set("state", JobState.PENDING.name()),
                Updates.set("outstanding", true),
                Updates.set("failedNode", null),
                Updates.set("failedPass", null),
                Updates.set("failureCode", null),
                Updates.set("failureReason", null),
                Updates.set("finishedAt", null),
                Updates.set("leaseOwner", null),
                Updates.set("leaseExpiresAt", JobDocuments.NEVER_LEASED),
                Updates.set("rearmedAt", Date.from(now)),
                Updates.addEachToSet("completedSteps", new ArrayList<>(doneSteps)),
                Updates.inc("fence", 1L)));
        return Mono.from(jobs.updateOne(filter, Updates.combine(updates))).map(r -> r.getMatchedCount() > 0);
    }

    /**
     * Claims a job with work left whose lease has expired, and marks it running. No sort: with the
     * {@code claimable} index MongoDB finds one without scanning, and expired leases come first.
     */
    public Mono<RestartJob> claim(String owner, Instant now, Duration lease) {
        Bson filter = Filters.and(Filters.eq("outstanding", true), Filters.lte("leaseExpiresAt", Date.from(now)));
        return Mono.from(jobs.findOneAndUpdate(filter, claimUpdate(owner, now, lease),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(JobDocuments::toJob);
    }

    /**
     * Claims a job that was recorded and never claimed since (fence 0: every claim and every re-arm increments
     * it), by id. The filter is exactly {@code (_id, fence)}, so every server answers it from an index; empty if
     * the job was claimed or re-armed meanwhile ({@link #claim(String, Instant, Duration)} finds the latter).
     */
    public Mono<RestartJob> claimNew(String operationId, String owner, Instant now, Duration lease) {
        Bson filter = byId(operationId).append("fence", 0L);
        return Mono.from(jobs.findOneAndUpdate(filter, claimUpdate(owner, now, lease),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(JobDocuments::toJob);
    }

    private static Bson claimUpdate(String owner, Instant now, Duration lease) {
        return Updates.combine(
                Updates.set("state", JobState.RUNNING.name()),
                Updates.min("startedAt", Date.from(now)),
                Updates.set("leaseOwner", owner),
                Updates.set("leaseExpiresAt", Date.from(now.plus(lease))),
                Updates.inc("fence", 1L));
    }

    public Mono<Boolean> renew(RestartJob job, Instant now, Duration lease) {
        return Mono.from(jobs.updateOne(fence(job), Updates.set("leaseExpiresAt", Date.from(now.plus(lease)))))
                .map(r -> r.getMatchedCount() > 0);
    }

    /** The checkpoint: the step is done and will not be done again in this operation. */
    public Mono<Void> stepDone(RestartJob job, String stepKey, long unreachableMillis, NodeObservation observed) {
        return fenced(job, Updates.combine(
                Updates.addToSet("completedSteps", stepKey),
                Updates.push("unreachable", JobDocuments.doneStepDoc(stepKey, unreachableMillis, observed))));
    }

    /** Written before the operation's first step starts: from then on the pre-flight check no longer applies. */
    public Mono<Void> changesBegin(RestartJob job) {
        return fenced(job, Updates.set("changesBegan", true));
    }

    /**
     * Ends this run after its final report was published: COMPLETED, FAILED (with {@code failure}) or HELD;
     * nothing is left to do until a retry or a finishing rotation re-arms it. A crash before this write makes
     * another worker publish the final report again.
     */
    public Mono<Void> finish(RestartJob job, JobState state, RestartJob.Failure failure, Long totalMillis,
                             Instant now) {
        return fenced(job, Updates.combine(
                Updates.set("state", state.name()),
                Updates.set("failedNode", failure == null ? null : failure.node()),
                Updates.set("failedPass", failure == null ? null : failure.pass()),
                Updates.set("failureCode", failure == null ? null : failure.code()),
                Updates.set("failureReason", failure == null ? null : failure.reason()),
                Updates.set("totalMillis", totalMillis),
                Updates.set("finishedAt", Date.from(now)),
                Updates.set("outstanding", false),
                Updates.set("leaseOwner", null),
                Updates.set("leaseExpiresAt", JobDocuments.NEVER_LEASED)));
    }

    /**
     * The operation's abort was asked for ({@code OperationAbortRequested}): durably marked; a FAILED or HELD job is
     * made outstanding so that a run stops it and reports. Redelivery changes nothing; a final job is left alone.
     * Returns the job as it is afterwards (empty for an unknown operation).
     */
    public Mono<RestartJob> requestAbort(String operationId, Instant now) {
        return aborts.request(operationId, now).then(find(operationId));
    }

    /** The operation was aborted ({@code OperationAborted}): a job not final yet becomes ABORTED, without a report. */
    public Mono<Boolean> abort(String operationId, Instant now) {
        return aborts.abort(operationId, now);
    }

    /** Whether the operation's abort was asked for: read before each node step. */
    public Mono<Boolean> abortRequested(String operationId) {
        return aborts.requested(operationId);
    }

    /**
     * The operation was aborted: its nodes are to be read back and reported, once ({@code true} if this marked it;
     * {@code false} for a redelivery, or an unknown operation).
     */
    public Mono<Boolean> markReadBack(String operationId) {
        return aborts.markReadBack(operationId);
    }

    /** The read-back of the aborted operation's nodes was reported. */
    public Mono<Void> readBackDone(String operationId) {
        return aborts.readBackDone(operationId);
    }

    /** Aborted operations whose read-back is still to be reported. */
    public Flux<String> pendingReadBacks() {
        return aborts.pendingReadBacks();
    }

    /** Gives the job back at once (shutdown) or after {@code delay} (infrastructure trouble). */
    public Mono<Void> release(RestartJob job, Instant now, Duration delay) {
        return Mono.from(jobs.updateOne(fence(job), Updates.combine(
                Updates.set("leaseOwner", null),
                Updates.set("leaseExpiresAt", Date.from(now.plus(delay)))))).then();
    }

    public Mono<RestartJob> find(String operationId) {
        return Mono.from(jobs.find(byId(operationId)).first()).map(JobDocuments::toJob);
    }

    public Mono<Long> countQueued() {
        return Mono.from(jobs.countDocuments(Filters.and(Filters.eq("outstanding", true),
                Filters.eq("state", JobState.PENDING.name()))));
    }

    public Mono<Boolean> ping() {
        return Mono.from(jobs.countDocuments(Filters.eq("_id", "__ping__"))).map(c -> true);
    }

    /** A write under the run's fence; writes of several jobs due at once travel together ({@link FencedWrites}). */
    private Mono<Void> fenced(RestartJob job, Bson update) {
        return fencedWrites.write(job.operationId(), job.fence(), update);
    }

    private static Bson fence(RestartJob job) {
        return byId(job.operationId()).append("fence", job.fence());
    }

    /** A flat filter starting with {@code _id} (not {@code $and}), so every server can use the _id index. */
    private static Document byId(String operationId) {
        return new Document("_id", operationId);
    }
}
