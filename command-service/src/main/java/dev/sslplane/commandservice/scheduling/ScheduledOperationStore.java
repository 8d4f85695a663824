package dev.sslplane.commandservice.scheduling;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The due list: one document per operation waiting for its window, keyed by operation id, with the time it may
 * start. In MongoDB, so it survives restarts and every replica sees the same list; only {@link
 * ScheduledOperationsProjection} writes it, and rebuilds it from the event store when its token is reset.
 */
@Component
class ScheduledOperationStore {

    static final String COLLECTION = "scheduled_operations";

    private final MongoCollection<Document> operations;

    ScheduledOperationStore(MongoDatabase database) {
        this.operations = database.getCollection(COLLECTION);
        operations.createIndex(Indexes.ascending("startsAt"), new IndexOptions().name("startsAt"));
    }

    /** Inserts or moves an operation (a replayed event writes the same document again). */
    void put(String instanceId, String operationId, Instant startsAt) {
        operations.replaceOne(Filters.eq("_id", operationId),
                new Document("_id", operationId).append("instanceId", instanceId)
                        .append("startsAt", Date.from(startsAt)),
                new ReplaceOptions().upsert(true));
    }

    void remove(String operationId) {
        operations.deleteOne(Filters.eq("_id", operationId));
    }

    /** Operations whose window opened at or before {@code now}, earliest first. */
    List<DueOperation> due(Instant now, int limit) {
        var due = new ArrayList<DueOperation>();
        operations.find(Filters.lte("startsAt", Date.from(now))).sort(Sorts.ascending("startsAt")).limit(limit)
                .forEach(document -> due.add(new DueOperation(document.getString("instanceId"),
                        document.getString("_id"))));
        return due;
    }
}
