package dev.sslplane.query.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Small conversions between read-model fields and BSON values. */
final class Bsons {

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Document doc, String key) {
        Date date = doc.getDate(key);
        return date == null ? null : date.toInstant();
    }

    static Long longOrNull(Document doc, String key) {
        Object value = doc.get(key);
        return value == null ? null : ((Number) value).longValue();
    }

    static int intOr(Document doc, String key, int fallback) {
        Object value = doc.get(key);
        return value == null ? fallback : ((Number) value).intValue();
    }

    static List<Document> docs(Document doc, String key) {
        List<Document> list = doc.getList(key, Document.class);
        return list == null ? List.of() : list;
    }

    static List<String> strings(Document doc, String key) {
        List<String> list = doc.getList(key, String.class);
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    private Bsons() {
    }
}
