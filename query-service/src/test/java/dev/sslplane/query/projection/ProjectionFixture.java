package dev.sslplane.query.projection;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.sslplane.query.api.ReadModelQueries;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.InstanceCache;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.readmodel.ReadModelStore;
import dev.sslplane.query.support.InMemoryMongo;
import dev.sslplane.security.InstanceScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Projection tests: events fed through the projection into MongoDB (embedded wire server), read back. */
abstract class ProjectionFixture {

    static final Duration T = Duration.ofSeconds(30);
    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static InMemoryMongo mongo;
    private static MongoClient client;

    ReadModelStore store;
    ProjectionService projection;
    ProjectionMetrics metrics;
    ReadModelQueries queries;

    @BeforeAll
    static void startMongo() {
        mongo = new InMemoryMongo();
        client = MongoClients.create(mongo.uri("x"));
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        mongo.close();
    }

    @BeforeEach
    void freshDatabase() {
        store = new ReadModelStore(client.getDatabase("t" + UUID.randomUUID().toString().replace("-", "")));
        store.initialize().block(T);
        metrics = new ProjectionMetrics(new SimpleMeterRegistry());
        projection = new ProjectionService(metrics, new OperationChanges());
        queries = new ReadModelQueries(store, new InstanceCache(0, new SimpleMeterRegistry()));
    }

    void project(List<ProjectedEvent> events) {
        projection.project(events, store.active(), true).block(T);
    }

    InstanceDoc instance(String id) {
        return queries.instance(id).block(T);
    }

    OperationDoc operation(String id) {
        return queries.operation(id).block(T);
    }

    List<AuditDoc> audit(String instanceId) {
        return queries.auditExport(new ReadModelQueries.AuditFilter(instanceId, null, null, null, null,
                        InstanceScope.ALL))
                .collectList().block(T);
    }
}
