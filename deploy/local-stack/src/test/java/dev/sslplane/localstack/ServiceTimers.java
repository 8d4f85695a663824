package dev.sslplane.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The timers along the way from a command to its visibility, read from the services' actuator before and after a
 * measured run, so the report can say where the time went: the publisher's lag (event stored → Kafka acknowledged),
 * the projection's batches, and how the reads at a position were answered.
 */
final class ServiceTimers {

    private static final Map<String, String> TIMERS = Map.of(
            "publish (stored -> Kafka ack)", "command|sslplane.events.publish.lag",
            "projection batch", "query|sslplane.query.projection.batch",
            "read at position, at once", "query|sslplane.query.read.your.writes?tag=outcome:at-once",
            "read at position, waited", "query|sslplane.query.read.your.writes?tag=outcome:waited",
            "read at position, behind", "query|sslplane.query.read.your.writes?tag=outcome:behind");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> baseUrls;
    private final String adminToken;

    /** @param baseUrls {@code command} and {@code query} → their base URLs */
    ServiceTimers(Map<String, String> baseUrls, String adminToken) {
        this.baseUrls = baseUrls;
        this.adminToken = adminToken;
    }

    /** Count and total ms of every timer now. */
    Map<String, double[]> read() {
        var values = new LinkedHashMap<String, double[]>();
        TIMERS.forEach((label, where) -> values.put(label, timer(where)));
        return values;
    }

    /** One line per timer: count and mean over the run (after − before). */
    static String between(Map<String, double[]> before, Map<String, double[]> after) {
        var out = new StringJoiner("\n");
        after.forEach((label, value) -> {
            double count = value[0] - before.get(label)[0];
            double total = value[1] - before.get(label)[1];
            out.add(String.format(Locale.ROOT, "  %-32s %7.0f, mean %6.1f ms", label, count,
                    count > 0 ? total / count : 0));
        });
        return out.toString();
    }

    private double[] timer(String where) {
        String[] parts = where.split("\\|", 2);
        try {
            var response = http.send(HttpRequest.newBuilder(
                            URI.create(baseUrls.get(parts[0]) + "/actuator/metrics/" + parts[1]))
                    .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new double[] {0, 0}; // not recorded yet
            }
            double count = 0;
            double seconds = 0;
            for (JsonNode m : json.readTree(response.body()).path("measurements")) {
                switch (m.path("statistic").asText()) {
                    case "COUNT" -> count = m.path("value").asDouble();
                    case "TOTAL_TIME" -> seconds = m.path("value").asDouble();
                    default -> { }
                }
            }
            return new double[] {count, seconds * 1000};
        } catch (Exception e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }
}
