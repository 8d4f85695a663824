package dev.sslplane.worker.job;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

/**
 * Restart jobs in MongoDB (reactive streams driver). The operationId is the {@code _id}, so a redelivered start
 * event cannot create a second job. Every write after a claim is conditional on the claim's fence.
 */
public class JobStore {

    private static final Date NEVER_LEASED = new Date(0);

    private final MongoCollection<Document> jobs;
    private final FencedWrites fencedWrites;

    public JobStore(MongoCollection<Document> jobs) {
        this.jobs = jobs;
        this.fencedWrites = new FencedWrites(jobs);
    }

    public Mono<Void> ensureIndexes() {
        return Mono.from(jobs.createIndex(Indexes.ascending("outstanding", "leaseExpiresAt"),
                        new IndexOptions().name("claimable")))
                // every write after a claim filters on exactly (_id, fence): servers that only use an index whose
                // keys equal the filter's (the embedded MongoDB-wire server) then avoid a collection scan
                .then(Mono.from(jobs.createIndex(Indexes.ascending("_id", "fence"),
                        new IndexOptions().name("fenced").unique(true))))
                .then();
    }

    /**
     * Records the job an event asks for. {@code true} if that changed anything (new job, or a failed job
     * re-armed for a newer attempt); {@code false} for a redelivery.
     */
    public Mono<Boolean> record(OperationStartingEvent event, Instant now) {
        if (event instanceof RestartRetriedEvent retry) {
            return rearm(retry, now).flatMap(rearmed -> rearmed ? Mono.just(true) : insert(event, retry.attempt(), now));
        }
        return insert(event, 1, now);
    }

    /**
     * Records many start events in one round trip (unordered insert; duplicates are redeliveries and are
     * ignored). Retries are re-armed one by one. Returns how many jobs were created or re-armed.
     */
    public Mono<List<String>> recordAll(List<OperationStartingEvent> events, Instant now) {
        var starts = new ArrayList<Document>();
        var retries = new ArrayList<RestartRetriedEvent>();
        var seen = new java.util.HashSet<String>();
        for (OperationStartingEvent event : events) {
            if (event instanceof RestartRetriedEvent retry) {
                retries.add(retry);
            } else if (seen.add(event.operationId())) {
                starts.add(newJob(event, 1, now));
            }
        }
        Mono<List<String>> inserted = starts.isEmpty() ? Mono.just(List.of())
                : Mono.from(jobs.insertMany(starts, new InsertManyOptions().ordered(false)))
                        .map(r -> ids(starts, java.util.Set.of()))
                        .onErrorResume(MongoBulkWriteException.class, e -> e.getWriteErrors().stream()
                                .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY)
                                ? Mono.just(ids(starts, e.getWriteErrors().stream().map(w -> w.getIndex())
                                        .collect(java.util.stream.Collectors.toSet())))
                                : Mono.error(e));
        return inserted.flatMap(created -> reactor.core.publisher.Flux.fromIterable(retries)
                .concatMap(retry -> record(retry, now).filter(Boolean::booleanValue).map(b -> retry.operationId()))
                .collectList()
                .map(rearmed -> {
                    var all = new ArrayList<>(created);
                    all.addAll(rearmed);
                    return all;
                }));
    }

    private static List<String> ids(List<Document> docs, java.util.Set<Integer> failedIndexes) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < docs.size(); i++) {
            if (!failedIndexes.contains(i)) {
                ids.add(docs.get(i).getString("_id"));
            }
        }
        return ids;
    }

    private Mono<Boolean> insert(OperationStartingEvent event, int attempt, Instant now) {
        return Mono.from(jobs.insertOne(newJob(event, attempt, now))).thenReturn(true)
                .onErrorResume(MongoWriteException.class, e -> e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        ? Mono.just(false) : Mono.error(e));
    }

    private static Document newJob(OperationStartingEvent event, int attempt, Instant now) {
        return new Document("_id", event.operationId())
                .append("instanceId", event.instanceId())
                .append("kind", event.kind().name())
                .append("caPem", event.ca() == null ? null : event.ca().pem())
                .append("nodes", event.nodes().stream().map(JobStore::nodeDoc).toList())
                .append("collectionCount", event.collectionCount())
                .append("attempt", attempt)
                .append("state", JobState.PENDING.name())
                .append("completedNodes", new ArrayList<>(event.completedNodes()))
                .append("unreachable", new ArrayList<Document>())
                .append("outstanding", true)
                .append("leaseOwner", null)
                .append("leaseExpiresAt", NEVER_LEASED)
                .append("fence", 0L)
                .append("createdAt", Date.from(now));
    }

    /** A retry resumes the same job at a newer attempt, skipping the nodes the aggregate saw complete. */
    private Mono<Boolean> rearm(RestartRetriedEvent retry, Instant now) {
        Bson filter = byId(retry.operationId()).append("attempt", new Document("$lt", retry.attempt()));
        Bson update = Updates.combine(
                Updates.set("attempt", retry.attempt()),
                Updates.set("state", JobState.PENDING.name()),
                Updates.set("outstanding", true),
                Updates.set("failedNode", null),
                Updates.set("failureReason", null),
                Updates.set("finishedAt", null),
                Updates.set("leaseOwner", null),
                Updates.set("leaseExpiresAt", NEVER_LEASED),
                Updates.set("nodes", retry.nodes().stream().map(JobStore::nodeDoc).toList()),
                Updates.set("rearmedAt", Date.from(now)),
                Updates.addEachToSet("completedNodes", new ArrayList<>(retry.completedNodes())),
                Updates.inc("fence", 1L));
        return Mono.from(jobs.updateOne(filter, update)).map(r -> r.getMatchedCount() > 0);
    }

    /**
     * Claims a job with work left whose lease has expired, and marks it running. No sort: with the
     * {@code claimable} index MongoDB finds one without scanning, and expired leases come first.
     */
    public Mono<RestartJob> claim(String owner, Instant now, Duration lease) {
        Bson filter = Filters.and(Filters.eq("outstanding", true), Filters.lte("leaseExpiresAt", Date.from(now)));
        return Mono.from(jobs.findOneAndUpdate(filter, claimUpdate(owner, now, lease),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(JobStore::toJob);
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
                .map(JobStore::toJob);
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

    /** The checkpoint: the node is done and will not be restarted again in this operation. */
    public Mono<Void> nodeDone(RestartJob job, String nodeName, long unreachableMillis) {
        return fenced(job, Updates.combine(
                Updates.addToSet("completedNodes", nodeName),
                Updates.push("unreachable", new Document("node", nodeName).append("millis", unreachableMillis))));
    }

    /**
     * Ends the job after its final report was published (COMPLETED or FAILED); nothing is left to do until a
     * retry re-arms it. A crash before this write makes another worker publish the final report again.
     */
    public Mono<Void> finish(RestartJob job, JobState state, String failedNode, String reason, Long totalMillis,
                             Instant now) {
        return fenced(job, Updates.combine(
                Updates.set("state", state.name()),
                Updates.set("failedNode", failedNode),
                Updates.set("failureReason", reason),
                Updates.set("totalMillis", totalMillis),
                Updates.set("finishedAt", Date.from(now)),
                Updates.set("outstanding", false),
                Updates.set("leaseOwner", null),
                Updates.set("leaseExpiresAt", NEVER_LEASED)));
    }

    /** Gives the job back at once (shutdown) or after {@code delay} (infrastructure trouble). */
    public Mono<Void> release(RestartJob job, Instant now, Duration delay) {
        return Mono.from(jobs.updateOne(fence(job), Updates.combine(
                Updates.set("leaseOwner", null),
                Updates.set("leaseExpiresAt", Date.from(now.plus(delay)))))).then();
    }

    public Mono<RestartJob> find(String operationId) {
        return Mono.from(jobs.find(byId(operationId)).first()).map(JobStore::toJob);
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

    private static Document nodeDoc(NodeSpec node) {
        return new Document("name", node.name()).append("host", node.host()).append("port", node.port())
                .append("role", node.role().name()).append("altNames", node.altNames());
    }

    private static NodeSpec toNode(Document doc) {
        return new NodeSpec(doc.getString("name"), doc.getString("host"), doc.getInteger("port"),
                NodeRole.valueOf(doc.getString("role")), doc.getList("altNames", String.class));
    }

    static RestartJob toJob(Document doc) {
        Map<String, Long> unreachable = new LinkedHashMap<>();
        for (Document d : doc.getList("unreachable", Document.class, List.of())) {
            unreachable.put(d.getString("node"), ((Number) d.get("millis")).longValue());
        }
        Number total = (Number) doc.get("totalMillis");
        return new RestartJob(
                doc.getString("_id"),
                doc.getString("instanceId"),
                OperationKind.valueOf(doc.getString("kind")),
                doc.getString("caPem"),
                doc.getList("nodes", Document.class).stream().map(JobStore::toNode).toList(),
                doc.getInteger("collectionCount", 0),
                doc.getInteger("attempt", 1),
                JobState.valueOf(doc.getString("state")),
                new LinkedHashSet<>(doc.getList("completedNodes", String.class, List.of())),
                unreachable,
                doc.getString("failedNode"),
                doc.getString("failureReason"),
                total == null ? null : total.longValue(),
                doc.getBoolean("outstanding", false),
                doc.getString("leaseOwner"),
                instant(doc.getDate("leaseExpiresAt")),
                ((Number) doc.get("fence")).longValue(),
                instant(doc.getDate("createdAt")),
                instant(doc.getDate("startedAt")),
                instant(doc.getDate("finishedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
