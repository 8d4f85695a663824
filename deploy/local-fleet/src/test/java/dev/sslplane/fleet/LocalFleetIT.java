package dev.sslplane.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet as its own process, checked with the real MongoDB driver and real TLS handshakes. */
class LocalFleetIT {

    private static final String TOKEN = "fleet-it-token";
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    // one fleet for the class (each test has its own instances): a fleet start costs seconds
    @TempDir
    static Path dataDir;
    private static FleetProcess fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = new FleetProcess(dataDir, TOKEN).start();
    }

    @AfterAll
    static void stopFleet() throws Exception {
        fleet.close();
    }

    @Test
    void enableRotateAndDisableChangeWhatClientsCanDo() throws Exception {
        int port = ensure("rs-it", "rs0-0").get("port").asInt();
        awaitTrue(() -> ping(port, null));
        insert(port, "before-enable");

        var ca1 = new TestCa("it CA one");
        restartWithTls("rs-it", "rs0-0", ca1);
        awaitTrue(() -> ping(port, trusting(ca1)));
        awaitTrue(() -> ping(port, null));
        assertThat(ping(port, SSLContext.getDefault())).as("TLS client without the CA").isFalse();
        assertThat(count(port, trusting(ca1))).as("data survives the restart").isEqualTo(1);

        var ca2 = new TestCa("it CA two");
        restartWithTls("rs-it", "rs0-0", ca2);
        awaitTrue(() -> ping(port, trusting(ca2)));
        assertThat(ping(port, trusting(ca1))).as("old CA after rotate").isFalse();
        awaitTrue(() -> ping(port, null));

        JsonNode disabled = post("/api/v1/instances/rs-it/nodes/rs0-0/restart", Map.of("tls", false), 200);
        assertThat(disabled.get("tls").asBoolean()).isFalse();
        assertThat(ping(port, trusting(ca2))).as("TLS after disable").isFalse();
        awaitTrue(() -> ping(port, null));
    }

    @Test
    void aFleetRestartBringsEveryNodeBackAsItWas() throws Exception {
        int port = ensure("rs-persist", "rs0-0").get("port").asInt();
        int plainPort = ensure("rs-persist", "rs0-1").get("port").asInt();
        var ca = new TestCa("persisted CA");
        restartWithTls("rs-persist", "rs0-0", ca);

        fleet.stop();
        assertThat(ping(plainPort, null)).as("nodes are down with the fleet").isFalse();
        fleet.start();

        awaitTrue(() -> ping(port, trusting(ca)));
        awaitTrue(() -> ping(port, null));
        awaitTrue(() -> ping(plainPort, null));
        assertThat(ping(plainPort, trusting(ca))).isFalse();
        JsonNode status = get("/api/v1/instances/rs-persist/nodes/rs0-0", 200);
        assertThat(status.get("tls").asBoolean()).isTrue();
        assertThat(status.get("caSubject").asText()).contains("persisted CA");
    }

    @Test
    void refusesWhatItCannotTrust() throws Exception {
        ensure("rs-refuse", "rs0-0");
        ensure("rs-refuse", "rs0-1");
        var ca = new TestCa("refusing CA");
        // a certificate for another node's key is refused and the node stays up
        String otherCsr = post("/api/v1/instances/rs-refuse/nodes/rs0-1/csr", Map.of(), 200).get("csrPem").asText();
        post("/api/v1/instances/rs-refuse/nodes/rs0-0/csr", Map.of(), 200);
        JsonNode mismatch = post("/api/v1/instances/rs-refuse/nodes/rs0-0/restart",
                Map.of("tls", true, "certificatePem", ca.sign(otherCsr), "caPem", ca.pem()), 422);
        assertThat(mismatch.get("code").asText()).isEqualTo("CERTIFICATE_KEY_MISMATCH");
        // a certificate from another CA than the one clients are told to trust
        String csr = post("/api/v1/instances/rs-refuse/nodes/rs0-0/csr", Map.of(), 200).get("csrPem").asText();
        JsonNode foreign = post("/api/v1/instances/rs-refuse/nodes/rs0-0/restart",
                Map.of("tls", true, "certificatePem", ca.sign(csr), "caPem", new TestCa("other").pem()), 422);
        assertThat(foreign.get("code").asText()).isEqualTo("CERTIFICATE_NOT_ISSUED_BY_CA");
        assertThat(get("/api/v1/instances/rs-refuse/nodes/rs0-0", 200).get("running").asBoolean()).isTrue();

        assertThat(get("/api/v1/instances/rs-refuse/nodes/nope", 404).get("code").asText())
                .isEqualTo("NODE_NOT_FOUND");
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/instances/rs-refuse/nodes")).GET().build(), 401)
                .get("code").asText()).isEqualTo("UNAUTHORIZED");
        JsonNode badRole = put("/api/v1/instances/rs-refuse/nodes/rs0-9",
                Map.of("host", "127.0.0.1", "port", 0, "role", "KING"), 400);
        assertThat(badRole.get("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void stepDownMovesThePrimary() throws Exception {
        put("/api/v1/instances/rs-roles/nodes/a", Map.of("host", "127.0.0.1", "port", 0, "role", "PRIMARY"), 200);
        put("/api/v1/instances/rs-roles/nodes/b", Map.of("host", "127.0.0.1", "port", 0, "role", "SECONDARY"), 200);
        post("/api/v1/instances/rs-roles/nodes/a/step-down", Map.of(), 200);
        JsonNode nodes = get("/api/v1/instances/rs-roles/nodes", 200);
        assertThat(nodes.get(0).get("role").asText()).isEqualTo("SECONDARY");
        assertThat(nodes.get(1).get("role").asText()).isEqualTo("PRIMARY");
    }

    private JsonNode ensure(String instance, String node) throws Exception {
        return put("/api/v1/instances/" + instance + "/nodes/" + node,
                Map.of("host", "127.0.0.1", "port", 0, "role", "SECONDARY", "altNames", List.of("localhost")), 200);
    }

    private void restartWithTls(String instance, String node, TestCa ca) throws Exception {
        String base = "/api/v1/instances/" + instance + "/nodes/" + node;
        String csr = post(base + "/csr", Map.of(), 200).get("csrPem").asText();
        assertThat(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----").doesNotContain("PRIVATE");
        JsonNode status = post(base + "/restart",
                Map.of("tls", true, "certificatePem", ca.sign(csr), "caPem", ca.pem()), 200);
        assertThat(status.get("tls").asBoolean()).isTrue();
        assertThat(status.get("running").asBoolean()).isTrue();
    }

    static SSLContext trusting(TestCa ca) throws Exception {
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        var context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static MongoClientSettings settings(int port, SSLContext tls) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
                .applyToSslSettings(b -> {
                    b.enabled(tls != null);
                    if (tls != null) {
                        b.context(tls);
                    }
                })
                .build();
    }

    static boolean ping(int port, SSLContext tls) {
        try (var client = MongoClients.create(settings(port, tls))) {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            return true;
        } catch (MongoException e) {
            return false;
        }
    }

    private static void insert(int port, String id) {
        try (var client = MongoClients.create(settings(port, null))) {
            client.getDatabase("app").getCollection("things").insertOne(new Document("_id", id));
        }
    }

    private static long count(int port, SSLContext tls) {
        try (var client = MongoClients.create(settings(port, tls))) {
            return client.getDatabase("app").getCollection("things").countDocuments();
        }
    }

    private URI uri(String path) {
        return URI.create(fleet.url() + path);
    }

    private JsonNode get(String path, int expected) throws Exception {
        return send(authorized(path).GET().build(), expected);
    }

    private JsonNode post(String path, Object body, int expected) throws Exception {
        return send(authorized(path).POST(json(body)).build(), expected);
    }

    private JsonNode put(String path, Object body, int expected) throws Exception {
        return send(authorized(path).PUT(json(body)).build(), expected);
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json");
    }

    private HttpRequest.BodyPublisher json(Object body) throws Exception {
        return HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body));
    }

    private JsonNode send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return mapper.readTree(response.body());
    }

    /** Positive checks may wait: on a loaded machine a cold TLS handshake can outlast one selection timeout. */
    private static void awaitTrue(java.util.concurrent.Callable<Boolean> check) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                .pollInterval(java.time.Duration.ofMillis(500)).until(check);
    }
}
