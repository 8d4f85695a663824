package dev.sslplane.commandservice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for every IT extending this class (Spring caches it): the real service on a random
 * port, an in-process KRaft Kafka broker and the in-memory MongoDB-wire server. Tests isolate themselves by
 * using fresh instance ids, never by assuming an empty topic or store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sslplane.kafka.partitions=2",
        "sslplane.kafka.retry-backoff=100ms",
        "sslplane.kafka.processing-attempts=3",
        "sslplane.vault.master-key=" + IntegrationTestBase.MASTER_KEY,
        // A master-key rotation in progress: new entries are sealed under the next key, MASTER_KEY still opens.
        "sslplane.vault.next-master-key=" + IntegrationTestBase.NEXT_MASTER_KEY,
        "sslplane.pki.key-algorithm=EC_P256",
        "sslplane.api.query-base-url=http://query.test",
        // limits stay on (the filter runs) but far above what the suites send; CommandSecurityIT tests the 429
        "sslplane.rate-limit.capacity=1000000",
        "sslplane.rate-limit.signing-capacity=1000000",
        "sslplane.kafka.allowed-producers=" + IntegrationTestBase.PRODUCER + ",ops-portal",
        "spring.kafka.consumer.properties.metadata.max.age.ms=1000",
        "logging.level.kafka=WARN",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.org.apache.zookeeper=WARN",
})
@EmbeddedKafka(kraft = true, partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class IntegrationTestBase {

    /** Test-only vault master key (32 zero-free bytes, base64). */
    public static final String MASTER_KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    /** Test-only next vault master key (rotation target). */
    public static final String NEXT_MASTER_KEY = "3q2+7wEjRWeJq83vASNFZ4mrze8BI0VniavN7wEjRWc=";
    public static final Duration WAIT = Duration.ofSeconds(60);
    /** The ssl-producer the tests' command records carry (allow-listed). */
    public static final String PRODUCER = "it-producer";

    static {
        // no calls home from Axon's update checker during tests
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    protected MongoDatabase database;
    @Autowired
    protected ObjectMapper objectMapper;

    protected final MessageCodec codec = new MessageCodec();
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("sslplane.mongodb.uri", () -> TestMongo.uri("sslplane_command"));
        registry.add("sslplane.vault.database", () -> "sslplane_vault");
        registry.add("sslplane.security.tokens-file", () -> TestTokens.hashedFile().toString());
    }

    /**
     * The role whose token the helpers send when a test gives no Authorization header: worker on the CSR path,
     * admin under {@code /api/v1/admin} and {@code /actuator}, operator elsewhere.
     */
    protected static Role defaultRoleFor(String path) {
        String plainPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (plainPath.startsWith("/api/v1/admin/") || plainPath.startsWith("/actuator/")) {
            return Role.ADMIN;
        }
        if (plainPath.startsWith("/api/v1/instances/") && plainPath.contains("/nodes/")
                && plainPath.endsWith("/certificate")) {
            return Role.WORKER;
        }
        return Role.OPERATOR;
    }

    private static Map<String, String> withAuthorization(String path, Map<String, String> headers) {
        if (headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"))) {
            return headers;
        }
        var all = new java.util.HashMap<>(headers);
        all.put("Authorization", TestTokens.bearer(defaultRoleFor(path)));
        return all;
    }

    protected static String newInstanceId() {
        return "it-" + UUID.randomUUID().toString().substring(0, 12);
    }

    protected static List<NodeSpec> nodes() {
        return List.of(
                new NodeSpec("n0", "10.1.0.1", 27017, NodeRole.PRIMARY, List.of("n0.db.test")),
                new NodeSpec("n1", "10.1.0.2", 27017, NodeRole.SECONDARY, List.of()),
                new NodeSpec("n2", "10.1.0.3", 27017, NodeRole.SECONDARY, List.of()));
    }

    protected static RegisterInstanceRequest registration(String instanceId) {
        return new RegisterInstanceRequest(instanceId, "4.2", Topology.REPLICA_SET, nodes(), 120);
    }

    /** POSTs with the default role's token unless {@code headers} carries an Authorization header. */
    protected HttpResponse<String> post(String path, Object body, Map<String, String> headers) {
        return postRaw(path, body, withAuthorization(path, headers));
    }

    /** POSTs exactly the given headers (no token added). */
    protected HttpResponse<String> postRaw(String path, Object body, Map<String, String> headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            if (body == null) {
                request.POST(HttpRequest.BodyPublishers.noBody());
            } else {
                String json = body instanceof String s ? s : objectMapper.writeValueAsString(body);
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> post(String path, Object body) {
        return post(path, body, Map.of());
    }

    protected HttpResponse<String> post(String path, Object body, Role role) {
        return postRaw(path, body, Map.of("Authorization", TestTokens.bearer(role)));
    }

    /** GETs with the default role's token. */
    protected HttpResponse<String> get(String path) {
        return get(path, withAuthorization(path, Map.of()));
    }

    /** GETs exactly the given headers (no token added). */
    protected HttpResponse<String> get(String path, Map<String, String> headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()
                    .timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected JsonNode json(HttpResponse<String> response) {
        try {
            return objectMapper.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(response.body(), e);
        }
    }

    protected void register(String instanceId) {
        var response = post("/api/v1/instances", registration(instanceId));
        if (response.statusCode() != 201) {
            throw new AssertionError("registration failed: " + response.statusCode() + " " + response.body());
        }
    }

    protected String enable(String instanceId) {
        var response = post("/api/v1/instances/" + instanceId + "/ssl:enable", null);
        if (response.statusCode() != 202) {
            throw new AssertionError("enable failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("operationId").asText();
    }

    /** Event documents of one instance in the Axon event store, in sequence order. */
    protected List<Document> storedEvents(String instanceId) {
        return database.getCollection("domainevents").find(Filters.eq("aggregateIdentifier", instanceId))
                .sort(new Document("sequenceNumber", 1)).into(new ArrayList<>());
    }

    protected List<String> storedEventTypes(String instanceId) {
        return storedEvents(instanceId).stream().map(d -> d.getString("payloadType"))
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    protected String brokers() {
        return broker.getBrokersAsString();
    }

    protected static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer;

    /** Sends a raw record and waits for the broker's acknowledgement. */
    protected void send(String topic, String key, byte[] value, Map<String, String> headers) {
        synchronized (this) {
            if (producer == null) {
                producer = new org.apache.kafka.clients.producer.KafkaProducer<>(Map.of(
                        "bootstrap.servers", brokers(), "acks", "all",
                        "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class,
                        "value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class));
            }
        }
        var record = new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected void send(String topic, String key, byte[] value) {
        send(topic, key, value, Map.of());
    }

    /** A restart worker's progress report on ssl.restart-progress. */
    protected void sendProgress(dev.sslplane.contracts.progress.RestartProgressReport report) {
        send(dev.sslplane.contracts.messaging.Topics.RESTART_PROGRESS, report.instanceId(),
                codec.encode(codec.envelope(report, report.reportId(), report.instanceId(), null,
                        java.time.Instant.now(), "system:restart-worker", report.operationId())));
    }

    /**
     * Reports every step of passes {@code from} to {@code to} started and done, node by node (secondaries first,
     * the primary last, as a worker goes).
     */
    protected void sendPasses(String instanceId, String operationId, int from, int to) {
        var t = java.time.Instant.now();
        for (int pass = from; pass <= to; pass++) {
            for (NodeSpec node : nodes().stream().sorted(java.util.Comparator.comparing(
                    (NodeSpec n) -> n.role() == NodeRole.PRIMARY)).toList()) {
                sendProgress(new dev.sslplane.contracts.progress.NodeRestartStartedReport(instanceId, operationId,
                        node.name(), t, pass, node.role()));
                sendProgress(new dev.sslplane.contracts.progress.NodeRestartedReport(instanceId, operationId,
                        node.name(), 1_000, t.plusSeconds(1), pass, null));
            }
        }
    }

    /** Reports every step of the operation's {@code passes} done and the operation complete, and waits for it. */
    protected void completeRestart(String instanceId, String operationId, int passes) {
        sendPasses(instanceId, operationId, 1, passes);
        sendProgress(new dev.sslplane.contracts.progress.RestartCompletedReport(instanceId, operationId, 3_000,
                java.time.Instant.now().plusSeconds(3)));
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> storedEvents(instanceId).stream()
                .filter(d -> d.getString("payloadType").endsWith("RestartCompletedEvent"))
                .anyMatch(d -> d.toJson().contains(operationId)));
    }

    /** A record on ssl.commands from the allow-listed test producer. */
    protected void sendCommandRecord(String key, byte[] value) {
        send(dev.sslplane.contracts.messaging.Topics.COMMANDS, key, value,
                Map.of(dev.sslplane.contracts.messaging.Headers.PRODUCER, PRODUCER));
    }

    @org.junit.jupiter.api.AfterEach
    void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
