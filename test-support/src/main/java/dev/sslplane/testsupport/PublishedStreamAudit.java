package dev.sslplane.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what the event store holds with what reached {@code ssl.events}: every stored (instance, sequence) must
 * be published exactly once, in sequence order per instance.
 *
 * @param stored     stored events, as {@code instance/sequence}
 * @param missing    stored but never published
 * @param duplicated published more than once
 * @param misordered instances whose published sequences do not ascend, with the order seen
 */
public record PublishedStreamAudit(Set<String> stored, Set<String> missing, Set<String> duplicated,
                                   Map<String, List<Long>> misordered) {

    /** One record of {@code ssl.events}: its key and the envelope's aggregate sequence. */
    public record Published(String instanceId, long sequence) {
    }

    /**
     * @param stored    the store's events as {@code instance/sequence}
     * @param published the topic's records in the order read (one instance's records are on one partition)
     */
    public static PublishedStreamAudit of(Set<String> stored, List<Published> published) {
        Map<String, List<Long>> order = new LinkedHashMap<>();
        published.forEach(p -> order.computeIfAbsent(p.instanceId(), k -> new ArrayList<>()).add(p.sequence()));
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new TreeSet<>();
        Map<String, List<Long>> misordered = new HashMap<>();
        order.forEach((instance, sequences) -> {
            for (int i = 0; i < sequences.size(); i++) {
                if (!seen.add(instance + "/" + sequences.get(i))) {
                    duplicated.add(instance + "/" + sequences.get(i));
                }
                if (i > 0 && sequences.get(i) <= sequences.get(i - 1)) {
                    misordered.put(instance, sequences);
                }
            }
        });
        Set<String> missing = new TreeSet<>(stored);
        missing.removeAll(seen);
        return new PublishedStreamAudit(Set.copyOf(stored), missing, duplicated, misordered);
    }

    public boolean clean() {
        return missing.isEmpty() && duplicated.isEmpty() && misordered.isEmpty();
    }

    @Override
    public String toString() {
        return "stored " + stored.size() + ", missing " + missing.size() + " " + first(missing)
                + ", duplicated " + duplicated.size() + " " + first(duplicated)
                + ", misordered " + misordered.size() + " " + misordered.entrySet().stream().limit(3).toList();
    }

    private static List<String> first(Set<String> keys) {
        return keys.stream().limit(5).toList();
    }
}
