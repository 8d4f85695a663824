package dev.sslplane.query.readmodel;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * One complete set of read-model collections. A rebuild fills a fresh generation while queries read the active
 * one; switching generations is a single pointer swap.
 */
public record Generation(int number, MongoCollection<Document> instances, MongoCollection<Document> operations,
                         MongoCollection<Document> certificates, MongoCollection<Document> audit) {

    public static Generation of(MongoDatabase db, int number) {
        return new Generation(number,
                db.getCollection("instances_g" + number),
                db.getCollection("operations_g" + number),
                db.getCollection("certificates_g" + number),
                db.getCollection("audit_g" + number));
    }

    /** The collections by their logical name, in a fixed order. */
    public Map<String, MongoCollection<Document>> collections() {
        var all = new LinkedHashMap<String, MongoCollection<Document>>();
        all.put("instances", instances);
        all.put("operations", operations);
        all.put("certificates", certificates);
        all.put("audit", audit);
        return all;
    }
}
