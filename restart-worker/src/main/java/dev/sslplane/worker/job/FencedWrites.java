package dev.sslplane.worker.job;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit for the writes a run makes under its fence (checkpoints, final writes): writes of different jobs
 * that are due while earlier ones are on their way go to MongoDB together, as one unordered bulk write, instead
 * of one command each. Each caller still completes only once its own write is acknowledged, so a checkpoint is
 * durable before its job moves on, exactly as with a single write; nothing is merged within a job.
 *
 * <p>A bulk write reports only how many documents matched. When all did (the normal case), every write applied.
 * Otherwise the jobs' current fences are read: fences only grow, so a job that still carries the writer's fence
 * had it when the write ran, and the write applied; any other lost its lease ({@link LeaseLostException}).
 */
final class FencedWrites {

    /** Bulk writes on their way at once: a second one lets writes queue behind a slow one without waiting long. */
    private static final int IN_FLIGHT = 2;
    /** Writes per bulk write at most (MongoDB itself splits at 100,000). */
    private static final int BATCH = 256;

    private record Pending(String id, long fence, Bson update, MonoSink<Void> sink) {
    }

    private final MongoCollection<Document> jobs;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    FencedWrites(MongoCollection<Document> jobs) {
        this.jobs = jobs;
    }

    /** Applies {@code update} to the job if it still carries {@code fence}; {@link LeaseLostException} if not. */
    Mono<Void> write(String id, long fence, Bson update) {
        return Mono.create(sink -> {
            pending.add(new Pending(id, fence, update, sink));
            drain();
        });
    }

    private void drain() {
        while (!pending.isEmpty()) {
            int current = inFlight.get();
            if (current >= IN_FLIGHT) {
                return; // a bulk write on its way drains again when it ends
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            var batch = new ArrayList<Pending>();
            for (Pending next; batch.size() < BATCH && (next = pending.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            send(batch);
        }
    }

    private void send(List<Pending> batch) {
        var models = batch.stream()
                .map(p -> new UpdateOneModel<Document>(new Document("_id", p.id()).append("fence", p.fence()),
                        p.update()))
                .toList();
        Mono.from(jobs.bulkWrite(models, new BulkWriteOptions().ordered(false)))
                // all matched: all applied; otherwise find out which did
                .flatMap(result -> result.getMatchedCount() == batch.size() ? Mono.just(Optional.<Map<String, Long>>empty())
                        : currentFences(batch).map(Optional::of))
                .subscribe(fences -> {
                    finished();
                    for (Pending p : batch) {
                        if (fences.isEmpty() || Long.valueOf(p.fence()).equals(fences.get().get(p.id()))) {
                            p.sink().success();
                        } else {
                            p.sink().error(new LeaseLostException(p.id()));
                        }
                    }
                }, e -> {
                    finished();
                    // whether any of them applied is unknown: each run stops and resumes from its checkpoint
                    batch.forEach(p -> p.sink().error(e));
                });
    }

    private void finished() {
        inFlight.decrementAndGet();
        drain();
    }

    /** The fences the batch's jobs carry now (a job that no longer exists carries none). */
    private Mono<HashMap<String, Long>> currentFences(List<Pending> batch) {
        return Flux.from(jobs.find(Filters.in("_id", batch.stream().map(Pending::id).distinct().toList()))
                        .projection(Projections.include("fence")))
                .collect(HashMap<String, Long>::new,
                        (map, doc) -> map.put(doc.getString("_id"), ((Number) doc.get("fence")).longValue()));
    }
}
