package dev.sslplane.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The client side of {@link CommandVisibleStackBenchmark}: commands at a fixed rate, open loop (each starts on its
 * tick whether or not the ones before have finished), over a set of instances taken in turn; each instance
 * alternates Enable and Disable. Per command: {@code POST} → {@code 202}, then at once and side by side the
 * {@code Location} it answered (its status code counted: a 404 is the failure this measures) and the instance's
 * status at the answered position; "visible" is when that status, showing the command's operation, has arrived.
 */
final class CommandVisibleLoad {

    /** What one command saw; times in ns from its POST. */
    record Sample(long post, long visible, int postStatus, int locationStatus, boolean locationShowsIt,
                  int statusStatus, boolean statusShowsIt) {
    }

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String commandUrl;
    private final String operatorToken;
    private final String viewerToken;
    private final List<String> instances;
    private final boolean[] enabled;
    private final AtomicInteger next = new AtomicInteger();

    CommandVisibleLoad(String commandUrl, String operatorToken, String viewerToken, List<String> instances) {
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(5)).build();
        this.commandUrl = commandUrl;
        this.operatorToken = operatorToken;
        this.viewerToken = viewerToken;
        this.instances = instances;
        this.enabled = new boolean[instances.size()];
    }

    /** Registers every instance (three nodes each, named only: the simulated operator drives them). */
    void registerAll() throws Exception {
        for (String id : instances) {
            var nodes = List.of(
                    Map.of("name", "n0", "host", "10.9.0.1", "port", 27017, "role", "PRIMARY"),
                    Map.of("name", "n1", "host", "10.9.0.2", "port", 27017, "role", "SECONDARY"),
                    Map.of("name", "n2", "host", "10.9.0.3", "port", 27017, "role", "SECONDARY"));
            String body = json.writeValueAsString(Map.of("instanceId", id, "engineVersion", "4.2",
                    "topology", "REPLICA_SET", "nodes", nodes, "collectionCount", 10));
            HttpResponse<String> answer = http.send(post("/api/v1/instances", body), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("register " + id + ": " + answer.statusCode() + " " + answer.body());
            }
        }
    }

    /** Sends {@code perSecond} commands a second for {@code duration}; answers every command's sample. */
    List<Sample> run(int perSecond, Duration duration) throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long count = duration.toNanos() / interval;
        var samples = new ConcurrentLinkedQueue<Sample>();
        var pending = new ArrayList<CompletableFuture<Void>>();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            LockSupport.parkNanos(start + i * interval - System.nanoTime());
            long t0 = System.nanoTime();
            // no answer in time (or a broken connection) is a sample too: status 0 where it was missing
            pending.add(command(t0).exceptionally(e -> new Sample(System.nanoTime() - t0, -1, 0, 0, false, 0, false))
                    .thenAccept(samples::add));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        return new ArrayList<>(samples);
    }

    /** The next instance's next command, sent at {@code t0}, and the two reads after its 202. */
    private CompletableFuture<Sample> command(long t0) {
        int index = Math.floorMod(next.getAndIncrement(), instances.size());
        String id = instances.get(index);
        String action = enabled[index] ? "ssl:disable" : "ssl:enable";
        return http.sendAsync(post("/api/v1/instances/" + id + "/" + action, null),
                        HttpResponse.BodyHandlers.ofString())
                .thenCompose(accepted -> {
                    long post = System.nanoTime() - t0;
                    if (accepted.statusCode() != 202) {
                        return CompletableFuture.completedFuture(
                                new Sample(post, -1, accepted.statusCode(), 0, false, 0, false));
                    }
                    enabled[index] = action.equals("ssl:enable");
                    JsonNode body = read(accepted.body());
                    String op = body.path("operationId").asText();
                    String status = commandUrlOfQuery(body.path("location").asText(), id)
                            + "/api/v1/instances/" + id + "/ssl?position=" + body.path("position").asLong();
                    var location = get(accepted.headers().firstValue("Location").orElseThrow())
                            .exceptionally(e -> null);
                    var visible = get(status).thenApply(r -> new long[] {System.nanoTime() - t0, r.statusCode(),
                            shows(r, "/operation/operationId", op) ? 1 : 0})
                            .exceptionally(e -> new long[] {-1, 0, 0});
                    return location.thenCombine(visible, (l, v) -> new Sample(post, v[0], 202,
                            l == null ? 0 : l.statusCode(), l != null && shows(l, "/operationId", op), (int) v[1],
                            v[2] == 1));
                });
    }

    /** The query service's base URL, from the Location the command service answered. */
    private static String commandUrlOfQuery(String location, String id) {
        return location.substring(0, location.indexOf("/api/v1/instances/" + id));
    }

    private boolean shows(HttpResponse<String> answer, String pointer, String op) {
        return answer.statusCode() == 200 && read(answer.body()).at(pointer).asText().equals(op);
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return json.missingNode();
        }
    }

    private CompletableFuture<HttpResponse<String>> get(String url) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + viewerToken)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest post(String path, String body) {
        var request = HttpRequest.newBuilder(URI.create(commandUrl + path))
                .header("Authorization", "Bearer " + operatorToken).timeout(Duration.ofSeconds(30));
        return (body == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)))
                .build();
    }

    /** The summary lines of a run. */
    static String report(List<Sample> samples) {
        List<Sample> accepted = samples.stream().filter(s -> s.postStatus() == 202).toList();
        long refused = samples.size() - accepted.size();
        long notFound = accepted.stream().filter(s -> s.locationStatus() == 404).count();
        long locationWrong = accepted.stream().filter(s -> !s.locationShowsIt()).count();
        long statusWrong = accepted.stream().filter(s -> !s.statusShowsIt()).count();
        List<Long> visible = new ArrayList<>(accepted.stream().filter(Sample::statusShowsIt).map(Sample::visible)
                .toList());
        List<Long> post = new ArrayList<>(accepted.stream().map(Sample::post).toList());
        List<Long> lag = new ArrayList<>(accepted.stream().filter(Sample::statusShowsIt)
                .map(s -> s.visible() - s.post()).toList());
        return String.format(Locale.ROOT, "commands sent %d, accepted (202) %d, refused %d (%s)%n"
                        + "command -> visible in status: %s%n"
                        + "  of which POST -> 202:         %s%n"
                        + "  of which 202 -> visible:      %s%n"
                        + "Location reads: %d answered 404, %d did not show the operation (%s); status reads at "
                        + "the position that did not show it: %d (%s)",
                samples.size(), accepted.size(), refused, refusals(samples), stats(visible), stats(post), stats(lag),
                notFound, locationWrong, byStatus(accepted, Sample::locationStatus), statusWrong,
                byStatus(accepted, Sample::statusStatus));
    }

    private static String refusals(List<Sample> samples) {
        String statuses = byStatus(samples.stream().filter(s -> s.postStatus() != 202).toList(), Sample::postStatus);
        return statuses.equals("{}") ? "none" : "by status " + statuses;
    }

    /** How many answered each HTTP status, e.g. {@code {200=2380, 503=2}}. */
    private static String byStatus(List<Sample> samples, java.util.function.ToIntFunction<Sample> status) {
        var counts = new java.util.TreeMap<Integer, Long>();
        samples.forEach(s -> counts.merge(status.applyAsInt(s), 1L, Long::sum));
        return counts.toString();
    }

    private static String stats(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "none";
        }
        Collections.sort(nanos);
        return String.format(Locale.ROOT, "median %6.1f ms   p90 %6.1f ms   p99 %6.1f ms   max %7.1f ms  (n=%d)",
                ms(percentile(nanos, 50)), ms(percentile(nanos, 90)), ms(percentile(nanos, 99)),
                ms(nanos.get(nanos.size() - 1)), nanos.size());
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
