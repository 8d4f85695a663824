package dev.sslplane.query.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.Generation;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Projects a batch of events into one generation of read models: load the documents the batch touches (three
 * queries), fold the events in memory, write back what changed (bulk inserts for new documents, bulk replaces for
 * loaded ones, audit entries inserted with duplicates ignored). Instances are written last: their sequence is the
 * guard that makes a redelivered event a no-op, so it must not run ahead of the other documents if a write fails
 * halfway. A document inserted meanwhile by someone else fails the insert; the batch is then retried and finds
 * it loaded.
 */
public class ProjectionService {

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final int CHUNK = 2000;

    private final Projector projector = new Projector();
    private final ProjectionMetrics metrics;
    private final OperationChanges changes;
    private final InstanceChanges instanceChanges;

    public ProjectionService(ProjectionMetrics metrics, OperationChanges changes, InstanceChanges instanceChanges) {
        this.metrics = metrics;
        this.changes = changes;
        this.instanceChanges = instanceChanges;
    }

    /** Without anyone listening for written instances (tests, benchmarks). */
    public ProjectionService(ProjectionMetrics metrics, OperationChanges changes) {
        this(metrics, changes, new InstanceChanges());
    }

    /** Projects into the generation; counts in the live metrics only when {@code live}. */
    public Mono<ProjectionBatch> project(List<ProjectedEvent> events, Generation generation, boolean live) {
        if (events.isEmpty()) {
            return Mono.just(ProjectionBatch.empty());
        }
        Set<String> instanceIds = new LinkedHashSet<>();
        Set<String> operationIds = new LinkedHashSet<>();
        Set<String> certificateIds = new LinkedHashSet<>();
        for (ProjectedEvent pe : events) {
            instanceIds.add(pe.instanceId());
            if (pe.known()) {
                collectIds(pe.event(), operationIds, certificateIds);
            }
        }
        Mono<Map<String, InstanceDoc>> instances = load(generation.instances(), instanceIds, InstanceDoc::from,
                d -> d.instanceId).cache();
        Mono<Map<String, OperationDoc>> operations = load(generation.operations(), operationIds,
                OperationDoc::from, d -> d.operationId);
        Mono<Map<String, CertificateDoc>> certificates = retiresCurrentCertificates(events)
                // which certificates are current is in the status documents: read them first
                ? instances.flatMap(stored -> load(generation.certificates(),
                        withCurrentCertificates(certificateIds, stored.values()), CertificateDoc::from,
                        CertificateDoc::id))
                : load(generation.certificates(), certificateIds, CertificateDoc::from, CertificateDoc::id);
        certificates = certificates.flatMap(loaded -> withRetiredBy(generation.certificates(), abortedIds(events),
                instanceIds, loaded));
        long start = System.nanoTime();
        return Mono.zip(instances, operations, certificates)
                .flatMap(t -> {
                    // what was loaded exists: replace it; what was not is new: insert it (cheaper than upserts)
                    Set<String> storedInstances = new java.util.HashSet<>(t.getT1().keySet());
                    Set<String> storedOperations = new java.util.HashSet<>(t.getT2().keySet());
                    Set<String> storedCertificates = new java.util.HashSet<>(t.getT3().keySet());
                    var batch = new ProjectionBatch(t.getT1(), t.getT2(), t.getT3());
                    for (ProjectedEvent pe : events) {
                        projector.apply(pe, batch);
                    }
                    Mono<Void> others = Mono.when(
                            writeFresh(generation.certificates(), batch.changedCertificates(), CertificateDoc::id,
                                    CertificateDoc::toDocument, storedCertificates),
                            writeFresh(generation.operations(), batch.changedOperations(), d -> d.operationId,
                                    OperationDoc::toDocument, storedOperations),
                            insertAudit(generation.audit(), batch.auditEntries()));
                    return others.then(writeFresh(generation.instances(), batch.changedInstances(),
                                    d -> d.instanceId, InstanceDoc::toDocument, storedInstances))
                            .thenReturn(batch);
                })
                .doOnNext(batch -> {
                    if (live) {
                        metrics.record(batch);
                        metrics.batches().record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                        batch.changedOperations().forEach(op -> changes.changed(op.operationId));
                        batch.changedInstances().forEach(inst -> instanceChanges.written(inst.instanceId));
                    }
                });
    }

    /**
     * Projects into a fresh generation that only this rebuild writes to. Audit entries are inserted batch by
     * batch; instance, operation and certificate documents stay in the rebuild's cache and are written once, by
     * {@link #flushFresh}, so a document changed by a thousand events is still written only once.
     */
    public Mono<ProjectionBatch> projectFresh(List<ProjectedEvent> events, Generation generation,
                                              RebuildCache cache) {
        if (events.isEmpty()) {
            return Mono.just(ProjectionBatch.empty());
        }
        var batch = new ProjectionBatch(cache.instances, cache.operations, cache.certificates);
        for (ProjectedEvent pe : events) {
            projector.apply(pe, batch);
        }
        batch.changedInstances().forEach(d -> cache.dirtyInstances.add(d.instanceId));
        batch.changedOperations().forEach(d -> cache.dirtyOperations.add(d.operationId));
        batch.changedCertificates().forEach(d -> cache.dirtyCertificates.add(d.id()));
        return insertAudit(generation.audit(), batch.auditEntries()).thenReturn(batch);
    }

    /** Writes every document the rebuild changed since the last flush: inserts for new ones, replaces otherwise. */
    public Mono<Void> flushFresh(Generation generation, RebuildCache cache) {
        return Flux.concat(
                        writeFresh(generation.certificates(), take(cache.dirtyCertificates, cache.certificates),
                                CertificateDoc::id, CertificateDoc::toDocument, cache.persistedCertificates),
                        writeFresh(generation.operations(), take(cache.dirtyOperations, cache.operations),
                                d -> d.operationId, OperationDoc::toDocument, cache.persistedOperations),
                        writeFresh(generation.instances(), take(cache.dirtyInstances, cache.instances),
                                d -> d.instanceId, InstanceDoc::toDocument, cache.persistedInstances))
                .then();
    }

    private static <T> List<T> take(Set<String> dirty, Map<String, T> docs) {
        List<T> out = dirty.stream().map(docs::get).toList();
        dirty.clear();
        return out;
    }

    private static <T> Mono<Void> writeFresh(MongoCollection<Document> collection, List<T> docs,
                                             Function<T, String> id, Function<T, Document> toDocument,
                                             Set<String> persisted) {
        var inserts = new java.util.ArrayList<Document>();
        var replaces = new java.util.ArrayList<WriteModel<Document>>();
        for (T d : docs) {
            String key = id.apply(d);
            if (persisted.contains(key)) {
                replaces.add(new ReplaceOneModel<>(Filters.eq("_id", key), toDocument.apply(d)));
            } else {
                inserts.add(toDocument.apply(d));
            }
        }
        Flux<Void> insert = Flux.range(0, (inserts.size() + CHUNK - 1) / CHUNK)
                .concatMap(i -> Mono.from(collection.insertMany(
                        inserts.subList(i * CHUNK, Math.min(inserts.size(), (i + 1) * CHUNK)),
                        new InsertManyOptions().ordered(false))).then());
        Flux<Void> replace = Flux.range(0, (replaces.size() + CHUNK - 1) / CHUNK)
                .concatMap(i -> Mono.from(collection.bulkWrite(
                        replaces.subList(i * CHUNK, Math.min(replaces.size(), (i + 1) * CHUNK)), UNORDERED)).then());
        return Flux.concat(insert, replace).then()
                .doOnSuccess(x -> docs.forEach(d -> persisted.add(id.apply(d))));
    }

    /** Inserts audit entries; an event id already present (the topic held the event twice) is left as it is. */
    private static Mono<Void> insertAudit(MongoCollection<Document> audit, List<AuditDoc> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        List<Document> docs = entries.stream().map(AuditDoc::toDocument).toList();
        return Mono.from(audit.insertMany(docs, new InsertManyOptions().ordered(false))).then()
                .onErrorResume(MongoBulkWriteException.class, e -> e.getWriteErrors().stream()
                        .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY)
                        ? Mono.empty() : Mono.error(e));
    }

    private static <T> Mono<Map<String, T>> load(MongoCollection<Document> collection, Set<String> ids,
                                                 Function<Document, T> from, Function<T, String> key) {
        if (ids.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        return Flux.from(collection.find(Filters.in("_id", ids)).batchSize(Math.max(ids.size(), 2)))
                .map(from)
                .collect(HashMap::new, (m, d) -> m.put(key.apply(d), d));
    }

    /**
     * Whether an event may retire a certificate in use: a newer one for its node, SSL disabled, an abort (the
     * operation's CA and node certificates) or a rollback (the aborted operation's).
     */
    private static boolean retiresCurrentCertificates(List<ProjectedEvent> events) {
        return events.stream().anyMatch(pe -> pe.known()
                && (pe.event() instanceof NodeCertificateIssuedEvent || pe.event() instanceof SslDisabledEvent
                        || pe.event() instanceof OperationAbortedEvent || endsLikeAnAbort(pe.event())
                        || pe.event() instanceof OperationRollingBackEvent));
    }

    /** A read-back that found every node as before the aborted operation folds like an abort that changed nothing. */
    private static boolean endsLikeAnAbort(SslEvent event) {
        return event instanceof NodeTlsStatesObservedEvent e && !e.rollbackRequired();
    }

    /** The aborted operations of the batch, whose retired certificates an abort may put back in use. */
    private static Set<String> abortedIds(List<ProjectedEvent> events) {
        var ids = new LinkedHashSet<String>();
        events.stream().filter(pe -> pe.known() && (pe.event() instanceof OperationAbortedEvent
                        || endsLikeAnAbort(pe.event())))
                .forEach(pe -> ids.add(pe.event().operationId()));
        return ids;
    }

    /** Adds the node certificates the aborted operations retired (a disable retires the nodes' at its start). */
    private static Mono<Map<String, CertificateDoc>> withRetiredBy(MongoCollection<Document> collection,
                                                                   Set<String> abortedIds, Set<String> instanceIds,
                                                                   Map<String, CertificateDoc> loaded) {
        if (abortedIds.isEmpty()) {
            return Mono.just(loaded);
        }
        return Flux.from(collection.find(Filters.and(Filters.in("instanceId", instanceIds),
                        Filters.in("retiredByOperation", abortedIds), Filters.ne("nodeName", null))))
                .map(CertificateDoc::from)
                .doOnNext(c -> loaded.putIfAbsent(c.id(), c))
                .then(Mono.just(loaded));
    }

    private static Set<String> withCurrentCertificates(Set<String> ids, Collection<InstanceDoc> instances) {
        var all = new LinkedHashSet<>(ids);
        for (InstanceDoc instance : instances) {
            if (instance.currentCa != null) {
                all.add(CertificateDoc.id(instance.instanceId, instance.currentCa.serial()));
            }
            instance.nodes.stream().filter(n -> n.certificate != null)
                    .forEach(n -> all.add(CertificateDoc.id(instance.instanceId, n.certificate.serial())));
        }
        return all;
    }

    private static void collectIds(SslEvent event, Set<String> operationIds, Set<String> certificateIds) {
        String instanceId = event.instanceId();
        if (event.operationId() != null) {
            operationIds.add(event.operationId());
        }
        if (event instanceof SslEnabledEvent e) {
            certificateIds.add(CertificateDoc.id(instanceId, e.ca().serial()));
        } else if (event instanceof CertificateRotatedEvent e) {
            certificateIds.add(CertificateDoc.id(instanceId, e.ca().serial()));
        } else if (event instanceof NodeCertificateIssuedEvent e) {
            certificateIds.add(CertificateDoc.id(instanceId, e.certificate().serial()));
        } else if (event instanceof OperationAbortedEvent e && e.ca() != null) {
            certificateIds.add(CertificateDoc.id(instanceId, e.ca().serial()));
        } else if (event instanceof NodeTlsStatesObservedEvent e && e.ca() != null) {
            certificateIds.add(CertificateDoc.id(instanceId, e.ca().serial()));
        } else if (event instanceof OperationRollingBackEvent e) {
            // the aborted operation learns its rollback; the CA before it is in use again
            operationIds.add(e.abortedOperationId());
            if (e.ca() != null) {
                certificateIds.add(CertificateDoc.id(instanceId, e.ca().serial()));
            }
        }
        if (event instanceof OperationStartingEvent e) {
            String previous = e.previousCa() != null ? e.previousCa().serial()
                    : e instanceof CertificateRotatedEvent r ? r.previousSerial()
                    : e instanceof SslDisabledEvent d ? d.previousSerial() : null;
            if (previous != null) {
                certificateIds.add(CertificateDoc.id(instanceId, previous));
            }
        } else if (event instanceof NodeRestartedEvent e && e.observed() != null) {
            // the subjects of the CAs the node trusts come from the history
            e.observed().trustedCaSerials()
                    .forEach(serial -> certificateIds.add(CertificateDoc.id(instanceId, serial)));
        }
    }
}
