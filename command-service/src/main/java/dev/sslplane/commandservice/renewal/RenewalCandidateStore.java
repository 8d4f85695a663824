package dev.sslplane.commandservice.renewal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import dev.sslplane.contracts.model.RenewalPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * One document per instance ({@link RenewalCandidate}), in MongoDB so every replica's poller reads the same and it
 * survives restarts. Only {@link RenewalCandidatesProjection} writes it (one processor thread, so read-change-write
 * is safe), and a reset of its token rebuilds it from the event store.
 */
@Component
class RenewalCandidateStore {

    static final String COLLECTION = "renewal_candidates";

    private final MongoCollection<Document> candidates;

    RenewalCandidateStore(MongoDatabase database) {
        this.candidates = database.getCollection(COLLECTION);
        candidates.createIndex(Indexes.ascending("policy"), new IndexOptions().name("policy"));
    }

    /** Applies {@code change} to the instance's document (a new one when none exists) and writes it back whole. */
    void update(String instanceId, Consumer<RenewalCandidate> change) {
        Document found = candidates.find(Filters.eq("_id", instanceId)).first();
        RenewalCandidate candidate = found == null ? new RenewalCandidate(instanceId) : RenewalCandidate.from(found);
        change.accept(candidate);
        candidates.replaceOne(Filters.eq("_id", instanceId), candidate.toDocument(),
                new ReplaceOptions().upsert(true));
    }

    /**
     * Every instance with SSL on, whatever its policy: the CA's expiry is watched for all of them. Unbounded on
     * purpose (a limit would starve the instances after it); the documents are small and read once per poll.
     */
    void forEachWithSslEnabled(Consumer<RenewalCandidate> action) {
        candidates.find(Filters.eq("sslEnabled", true)).forEach(d -> action.accept(RenewalCandidate.from(d)));
    }

    /** Instances whose policy renews in the maintenance window, at most {@code limit}. */
    List<RenewalCandidate> renewingInTheWindow(int limit) {
        var found = new ArrayList<RenewalCandidate>();
        candidates.find(Filters.eq("policy", RenewalPolicy.IN_MAINTENANCE_WINDOW.name()))
                .limit(limit).forEach(d -> found.add(RenewalCandidate.from(d)));
        return found;
    }
}
