package dev.sslplane.localstack.chaos;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClients;
import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.model.AuditEntry;
import dev.sslplane.client.model.AuditQuery;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.localstack.SharedStack;
import dev.sslplane.localstack.StackSecretScan;
import dev.sslplane.security.Role;
import dev.sslplane.testsupport.PublishedStreamAudit.Published;
import dev.sslplane.testsupport.PublishedStreamAudit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.bson.Document;

/** What must hold after a chaos run, each check named after its invariant. */
final class ChaosInvariants {

    /** Restarts each node takes in Enable (1), Rotate (3) and Disable from preferTLS (2). */
    private static final Map<OperationKind, Integer> RESTARTS_PER_NODE = Map.of(OperationKind.ENABLE, 1,
            OperationKind.ROTATE, 3, OperationKind.DISABLE, 2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final SharedStack.Stack stack;
    private final String prefix;

    ChaosInvariants(SharedStack.Stack stack, String prefix) {
        this.stack = stack;
        this.prefix = prefix;
    }

    void eventsArePublishedExactlyOnceInOrder(SoftAssertions softly) {
        Set<String> stored = new HashSet<>();
        try (var mongo = MongoClients.create(stack.mongoUri("sslplane_command"))) {
            mongo.getDatabase("sslplane_command").getCollection("domainevents")
                    .find(new Document("aggregateIdentifier", new Document("$regex", "^" + prefix)))
                    .forEach(e -> stored.add(e.getString("aggregateIdentifier") + "/"
                            + ((Number) e.get("sequenceNumber")).longValue()));
        }
        var codec = new MessageCodec();
        List<Published> published = new ArrayList<>();
        TopicContents.read(stack.kafkaBootstrap(), Topics.EVENTS).forEach(record -> {
            if (record.key() != null && record.key().startsWith(prefix)
                    && codec.decodeEnvelope(record.value()) instanceof Decoded.Ok<EventEnvelope> ok) {
                published.add(new Published(record.key(), ok.value().sequence()));
            }
        });
        var audit = PublishedStreamAudit.of(stored, published);
        softly.assertThat(audit.clean())
                .as("events: every stored event is on ssl.events exactly once, in sequence order per instance (%s)",
                        audit).isTrue();
    }

    void operationsCompleteOrFailWithAReasonThenCompleteOnRetry(SoftAssertions softly, List<Journey.Outcome> done,
                                                                 int instances) {
        softly.assertThat(done).as("operations: every instance went through Enable, Rotate and Disable")
                .hasSize(instances)
                .allSatisfy(o -> softly.assertThat(o.steps()).hasSize(3));
        softly.assertThat(done.stream().flatMap(o -> o.steps().stream()).flatMap(s -> s.failures().stream()))
                .as("operations: each failure a Retry got past came with its code and reason")
                .allSatisfy(reason -> softly.assertThat(reason).doesNotStartWith("FAILED without").contains(": "));
    }

    /**
     * A node is restarted once per restart pass; a killed worker's lease may have the node it was restarting
     * restarted again, and a Retry redoes the step that failed: nothing beyond that.
     */
    void noNodeIsRestartedMoreThanItsPassesAllow(SoftAssertions softly, List<Journey.Outcome> done,
                                                 long workerKills) throws Exception {
        for (Journey.Outcome outcome : done) {
            long retries = outcome.steps().stream().mapToLong(s -> s.failures().size()).sum();
            int passes = outcome.steps().stream().mapToInt(s -> RESTARTS_PER_NODE.get(s.kind())).sum();
            for (int i = 0; i < 3; i++) {
                int restarts = fleetNode(outcome.instanceId(), "rs0-" + i).path("restartsSinceFleetStart").asInt();
                softly.assertThat(restarts)
                        .as("restarts: node rs0-%d of %s (%d worker kills, %d retries)", i, outcome.instanceId(),
                                workerKills, retries)
                        .isBetween(passes, passes + (int) (workerKills + retries));
            }
        }
    }

    void readModelsEqualARebuildFromTheEvents(SoftAssertions softly) throws Exception {
        String admin = stack.token(Role.ADMIN);
        var started = send(HttpRequest.newBuilder(URI.create(stack.queryUrl() + "/api/v1/admin/replay"))
                .POST(HttpRequest.BodyPublishers.noBody()), admin);
        softly.assertThat(started.statusCode()).as("read models: the rebuild starts (%s)", started.body())
                .isIn(200, 202);
        JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> JSON.readTree(send(HttpRequest.newBuilder(
                                URI.create(stack.queryUrl() + "/api/v1/admin/replay")).GET(), admin).body()),
                        s -> s.path("state").asText().matches("SWITCHED|FAILED"));
        softly.assertThat(done.path("digestsMatch").asBoolean())
                .as("read models: equal a rebuild from ssl.events, digest by digest (%s)", done).isTrue();
    }

    void theAuditTrailHasEveryEventWithItsPrincipal(SoftAssertions softly, SslplaneClient auditor,
                                                    List<Journey.Outcome> done) {
        try (var mongo = MongoClients.create(stack.mongoUri("sslplane_command"))) {
            var events = mongo.getDatabase("sslplane_command").getCollection("domainevents");
            for (Journey.Outcome outcome : done) {
                long stored = events.countDocuments(new Document("aggregateIdentifier", outcome.instanceId()));
                List<AuditEntry> entries = new ArrayList<>();
                auditor.queries().exportAudit(AuditQuery.instance(outcome.instanceId()), entries::add);
                softly.assertThat(entries).as("audit: every event of %s, with its principal", outcome.instanceId())
                        .hasSize((int) stored)
                        .allSatisfy(e -> softly.assertThat(e.actor()).isNotBlank());
            }
        }
    }

    void noSecretAppearsAnywhere(SoftAssertions softly) throws Exception {
        var scan = stack.secretScan();
        var scanner = scan.scannerOfEverySecret();
        var scanned = scan.scanWithCanary(scanner, stack.logFiles());
        softly.assertThat(StackSecretScan.leaks(scanner))
                .as("secrets: no API token, master key or node private key in any log, Kafka record or MongoDB "
                        + "document (%s)", scanned)
                .isEmpty();
    }

    private JsonNode fleetNode(String instanceId, String node) throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create(stack.fleetUrl() + "/api/v1/instances/" + instanceId
                + "/nodes/" + node)).GET(), stack.fleetToken());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
