package dev.sslplane.query.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Knows which generation of read-model collections is active. The number is kept in the {@code query_meta}
 * collection so a restarted service reads the generation the last rebuild switched to.
 */
public class ReadModelStore {

    private static final Logger log = LoggerFactory.getLogger(ReadModelStore.class);
    private static final String META_ID = "readModels";

    private final MongoDatabase database;
    private final MongoCollection<Document> meta;
    private final AtomicReference<Generation> active = new AtomicReference<>();

    public ReadModelStore(MongoDatabase database) {
        this.database = database;
        this.meta = database.getCollection("query_meta");
    }

    /** Loads the active generation (1 on a fresh database) and makes sure its indexes exist. */
    public Mono<Generation> initialize() {
        return Mono.from(meta.find(Filters.eq("_id", META_ID)).first())
                .map(d -> d.getInteger("activeGeneration", 1))
                .defaultIfEmpty(1)
                .map(n -> Generation.of(database, n))
                .flatMap(g -> ensureIndexes(g).thenReturn(g))
                .doOnNext(g -> {
                    active.set(g);
                    log.info("Read models use generation {}", g.number());
                });
    }

    public Generation active() {
        Generation g = active.get();
        if (g == null) {
            throw new IllegalStateException("read model store not initialized");
        }
        return g;
    }

    /** An empty generation after the active one, for a rebuild. */
    public Mono<Generation> prepareFresh() {
        Generation fresh = Generation.of(database, active().number() + 1);
        return drop(fresh).then(ensureIndexes(fresh)).thenReturn(fresh);
    }

    /** Makes {@code next} the generation every query and the live projection use from now on. */
    public Mono<Void> activate(Generation next) {
        return Mono.from(meta.replaceOne(Filters.eq("_id", META_ID),
                        new Document("_id", META_ID).append("activeGeneration", next.number()),
                        new ReplaceOptions().upsert(true)))
                .doOnSuccess(r -> {
                    active.set(next);
                    log.info("Switched read models to generation {}", next.number());
                })
                .then();
    }

    public Mono<Void> drop(Generation generation) {
        return Flux.fromIterable(generation.collections().values())
                .concatMap(MongoCollection::drop)
                .then();
    }

    private Mono<Void> ensureIndexes(Generation g) {
        return Flux.concat(
                        g.instances().createIndexes(List.of(
                                new IndexModel(Indexes.ascending("sslStatus", "_id")))),
                        g.certificates().createIndexes(List.of(
                                new IndexModel(Indexes.compoundIndex(Indexes.ascending("instanceId"),
                                        Indexes.descending("issuedSequence"))))),
                        g.operations().createIndexes(List.of(
                                new IndexModel(Indexes.ascending("instanceId")))),
                        g.audit().createIndexes(List.of(
                                new IndexModel(Indexes.descending("occurredAt", "_id")),
                                new IndexModel(Indexes.compoundIndex(Indexes.ascending("instanceId"),
                                        Indexes.descending("occurredAt"))))))
                .then();
    }
}
