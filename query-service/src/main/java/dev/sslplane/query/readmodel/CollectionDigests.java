package dev.sslplane.query.readmodel;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SHA-256 over every document of a collection in {@code _id} order, each in canonical JSON (keys sorted), so
 * two generations built from the same events have equal digests. Streams the collection; memory stays flat.
 */
public final class CollectionDigests {

    /** Count and hex digest of one collection. */
    public record Digest(long documents, String sha256) {
    }

    public static Mono<Map<String, Digest>> of(Generation generation) {
        return Flux.fromIterable(generation.collections().entrySet())
                .concatMap(e -> of(e.getValue()).map(d -> Map.entry(e.getKey(), d)))
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()));
    }

    public static Mono<Digest> of(MongoCollection<Document> collection) {
        return Flux.from(collection.find().sort(Sorts.ascending("_id")).batchSize(1000))
                .reduceWith(Accumulator::new, Accumulator::add)
                .map(Accumulator::finish);
    }

    private static final class Accumulator {
        private final MessageDigest sha = sha256();
        private long count;

        Accumulator add(Document doc) {
            sha.update(new Document(canonical(doc)).toJson().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            count++;
            return this;
        }

        Digest finish() {
            return new Digest(count, HexFormat.of().formatHex(sha.digest()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> canonical(Map<String, Object> doc) {
        var sorted = new TreeMap<String, Object>();
        doc.forEach((k, v) -> sorted.put(k, canonicalValue(v)));
        return sorted;
    }

    @SuppressWarnings("unchecked")
    private static Object canonicalValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new Document(canonical((Map<String, Object>) map));
        }
        if (value instanceof List<?> list) {
            var out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(canonicalValue(v)));
            return out;
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private CollectionDigests() {
    }
}
