package dev.sslplane.query.api;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.Generation;
import dev.sslplane.query.readmodel.InstanceCache;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.readmodel.ReadModelStore;
import dev.sslplane.security.InstanceScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads of the active read-model generation, all non-blocking. */
@Component
public class ReadModelQueries {

    /**
     * Filters of the audit trail; null fields do not filter. {@code from} inclusive, {@code to} exclusive;
     * {@code scope} the caller's instance scope.
     */
    public record AuditFilter(String instanceId, String type, String actor, Instant from, Instant to,
                              InstanceScope scope) {
    }

    private final ReadModelStore store;
    private final InstanceCache cache;

    public ReadModelQueries(ReadModelStore store, InstanceCache cache) {
        this.store = store;
        this.cache = cache;
    }

    private Generation g() {
        return store.active();
    }

    /** One instance: from the instance cache when it is current there, else one {@code findOne} by {@code _id}. */
    public Mono<InstanceDoc> instance(String instanceId) {
        Generation generation = g();
        return cache.find(instanceId, generation.number(), id -> stored(generation, id));
    }

    /**
     * One instance as MongoDB has it now, past the cache: a read waiting for a position looks here, since the cache
     * may keep an older document until the change feed has seen the newer event.
     */
    public Mono<InstanceDoc> storedInstance(String instanceId) {
        return stored(g(), instanceId);
    }

    private static Mono<InstanceDoc> stored(Generation generation, String instanceId) {
        return Mono.from(generation.instances().find(Filters.eq("_id", instanceId)).first()).map(InstanceDoc::from);
    }

    /**
     * Instances inside {@code scope} ordered by id, after {@code afterId}; one more than {@code limit} tells whether
     * a page follows.
     */
    public Flux<InstanceDoc> instances(InstanceScope scope, String sslStatus, String afterId, int limit) {
        var filters = new ArrayList<Bson>();
        Bson inScope = InstanceAccess.filter(scope, "_id");
        if (inScope != null) {
            filters.add(inScope);
        }
        if (sslStatus != null) {
            filters.add(Filters.eq("sslStatus", sslStatus));
        }
        if (afterId != null) {
            filters.add(Filters.gt("_id", afterId));
        }
        return Flux.from(g().instances().find(and(filters)).sort(Sorts.ascending("_id")).limit(limit + 1))
                .map(InstanceDoc::from);
    }

    /** The instance's CA certificates, newest first. */
    public Flux<CertificateDoc> certificates(String instanceId) {
        return certificatesWhere(Filters.and(Filters.eq("instanceId", instanceId), Filters.eq("nodeName", null)));
    }

    /** The certificates issued to one node of the instance, newest first. */
    public Flux<CertificateDoc> nodeCertificates(String instanceId, String nodeName) {
        return certificatesWhere(Filters.and(Filters.eq("instanceId", instanceId), Filters.eq("nodeName", nodeName)));
    }

    private Flux<CertificateDoc> certificatesWhere(Bson filter) {
        return Flux.from(g().certificates().find(filter).sort(Sorts.descending("issuedSequence")))
                .map(CertificateDoc::from);
    }

    public Mono<CertificateDoc> certificate(String instanceId, String serial) {
        return Mono.from(g().certificates().find(Filters.eq("_id", CertificateDoc.id(instanceId, serial))).first())
                .map(CertificateDoc::from);
    }

    public Mono<OperationDoc> operation(String operationId) {
        return Mono.from(g().operations().find(Filters.eq("_id", operationId)).first()).map(OperationDoc::from);
    }

    /** Newest first, strictly before the cursor position. */
    public Flux<AuditDoc> auditPage(AuditFilter filter, Instant beforeAt, String beforeId, int limit) {
        List<Bson> filters = auditFilters(filter);
        if (beforeAt != null) {
            Date at = Date.from(beforeAt);
            filters.add(Filters.or(Filters.lt("occurredAt", at),
                    Filters.and(Filters.eq("occurredAt", at), Filters.lt("_id", beforeId))));
        }
        return Flux.from(g().audit().find(and(filters))
                        .sort(Sorts.descending("occurredAt", "_id")).limit(limit + 1))
                .map(AuditDoc::from);
    }

    /** Oldest first, streamed from the cursor in batches with backpressure: never held in memory. */
    public Flux<AuditDoc> auditExport(AuditFilter filter) {
        return Flux.from(g().audit().find(and(auditFilters(filter)))
                        .sort(Sorts.ascending("occurredAt", "_id")).batchSize(500))
                .map(AuditDoc::from);
    }

    private static List<Bson> auditFilters(AuditFilter f) {
        var filters = new ArrayList<Bson>();
        Bson inScope = InstanceAccess.filter(f.scope(), "instanceId");
        if (inScope != null) {
            filters.add(inScope);
        }
        if (f.instanceId() != null) {
            filters.add(Filters.eq("instanceId", f.instanceId()));
        }
        if (f.type() != null) {
            filters.add(Filters.eq("type", f.type()));
        }
        if (f.actor() != null) {
            filters.add(Filters.eq("actor", f.actor()));
        }
        if (f.from() != null) {
            filters.add(Filters.gte("occurredAt", Date.from(f.from())));
        }
        if (f.to() != null) {
            filters.add(Filters.lt("occurredAt", Date.from(f.to())));
        }
        return filters;
    }

    private static Bson and(List<Bson> filters) {
        return filters.isEmpty() ? Filters.empty() : Filters.and(filters);
    }
}
