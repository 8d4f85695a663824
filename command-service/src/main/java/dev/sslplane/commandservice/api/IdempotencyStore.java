package dev.sslplane.commandservice.api;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Answers given to requests that carried an {@code Idempotency-Key}, in MongoDB so every replica sees them.
 * The first answer stored for a key wins; entries expire after {@code sslplane.api.idempotency-ttl}.
 */
@Component
class IdempotencyStore {

    static final String COLLECTION = "idempotency_keys";

    /** What was answered: status, Location, content type and body, plus the hash of the request it answered. */
    record StoredAnswer(String requestHash, int status, String location, String contentType, String body) {
    }

    private final MongoCollection<Document> keys;

    IdempotencyStore(MongoDatabase database, ApiProperties properties) {
        this.keys = database.getCollection(COLLECTION);
        keys.createIndex(Indexes.ascending("createdAt"),
                new IndexOptions().expireAfter(properties.idempotencyTtl().toSeconds(), TimeUnit.SECONDS));
    }

    Optional<StoredAnswer> find(String key) {
        Document d = keys.find(Filters.eq("_id", key)).first();
        return Optional.ofNullable(d).map(doc -> new StoredAnswer(doc.getString("requestHash"),
                doc.getInteger("status"), doc.getString("location"), doc.getString("contentType"),
                doc.getString("body")));
    }

    /** Stores the answer unless the key already has one; returns the answer that is stored. */
    StoredAnswer remember(String key, StoredAnswer answer) {
        try {
            keys.insertOne(new Document("_id", key)
                    .append("requestHash", answer.requestHash())
                    .append("status", answer.status())
                    .append("location", answer.location())
                    .append("contentType", answer.contentType())
                    .append("body", answer.body())
                    .append("createdAt", new Date()));
            return answer;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return find(key).orElse(answer);
            }
            throw e;
        }
    }
}
