package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sslplane.commandservice.CommandServiceApplication;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.SignCsrRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.security.ApiTokens;
import dev.sslplane.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Access control of the command service over real HTTP: who may call which route, instance scopes, the recorded
 * actor, CORS, rate limits, actuator exposure, JWTs and the refusal to start without credentials. Its own context
 * (small rate limit, CORS origin, JWT key), the base's tokens (one per role) plus a few inline ones.
 */
@AutoConfigureObservability(tracing = false) // tests switch metrics export (prometheus) off unless asked
class CommandSecurityIT extends IntegrationTestBase {

    static final String CONSOLE = "http://console.test:8082";
    static final String SCOPED_TOKEN = ApiTokens.PREFIX + "scoped-operator-test-token-0123456789";
    static final String LIMITED_TOKEN = ApiTokens.PREFIX + "limited-operator-test-token-0123456789";
    /** Enough for the scoped credential's requests in one test (register, 12 refused routes, 2 inside). */
    static final int CAPACITY = 16;

    private static final KeyPair JWT_KEY = rsa();
    private static final KeyPair OTHER_KEY = rsa();

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        // a context of its own, with a broker of its own: its publisher needs a claim (token) of its own too, or
        // the other context, owning the shared one, would send this context's events to the other broker
        registry.add("sslplane.event-store.tokens-collection", () -> "trackingtokens_security");
        registry.add("sslplane.rate-limit.capacity", () -> CAPACITY);
        registry.add("sslplane.rate-limit.refill-period", () -> "1h");
        registry.add("sslplane.security.cors.allowed-origins", () -> CONSOLE);
        registry.add("sslplane.security.jwt.public-key-location", () -> "file:" + publicKeyFile());
        token(registry, 0, "scoped-operator", SCOPED_TOKEN, "operator", "scope-*");
        token(registry, 1, "limited-operator", LIMITED_TOKEN, "operator", "*");
    }

    private static void token(DynamicPropertyRegistry registry, int i, String name, String token, String role,
                              String instances) {
        String prefix = "sslplane.security.tokens[" + i + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "sha256", () -> ApiTokens.sha256Hex(token));
        registry.add(prefix + "roles[0]", () -> role);
        registry.add(prefix + "instances[0]", () -> instances);
    }

    // ------------------------------------------------------------------ authentication

    /** One request per route family; none may answer without a valid token. */
    private List<String[]> routes(String id) {
        return List.of(
                new String[] {"POST", "/api/v1/instances"},
                new String[] {"POST", "/api/v1/instances/" + id + "/ssl:enable"},
                new String[] {"POST", "/api/v1/instances/" + id + "/ssl:rotate"},
                new String[] {"POST", "/api/v1/instances/" + id + "/ssl:disable"},
                new String[] {"POST", "/api/v1/instances/" + id + "/ssl:renew-node-certificates"},
                new String[] {"POST", "/api/v1/instances/" + id + "/ssl:enforce-tls"},
                new String[] {"POST", "/api/v1/instances/" + id + "/operations/op-1:retry"},
                new String[] {"POST", "/api/v1/instances/" + id + "/operations/op-1:finish-rotation"},
                new String[] {"POST", "/api/v1/instances/" + id + "/members:add"},
                new String[] {"POST", "/api/v1/instances/" + id + "/members/n1:remove"},
                new String[] {"POST", "/api/v1/instances/" + id + "/members/n1:replace"},
                new String[] {"POST", "/api/v1/instances/" + id + "/collection-count:update"},
                new String[] {"POST", "/api/v1/instances/" + id + "/engine-version:update"},
                new String[] {"POST", "/api/v1/instances/" + id + "/operations/op-1/nodes/n0/certificate"},
                new String[] {"POST", "/api/v1/admin/republish"},
                new String[] {"GET", "/api/v1/admin/republish"},
                new String[] {"POST", "/api/v1/admin/vault:rotate-master-key"},
                new String[] {"GET", "/actuator/metrics"},
                new String[] {"GET", "/actuator/prometheus"},
                new String[] {"GET", "/actuator/env"},
                new String[] {"GET", "/v3/api-docs"},
                new String[] {"GET", "/swagger-ui.html"},
                new String[] {"GET", "/api/v1/no-such-route"});
    }

    @Test
    void withoutAValidTokenEveryRouteIs401WithAProblemAndNothingRuns() {
        long before = eventCount();
        String id = newInstanceId();
        String otherKeyJwt = jwt(OTHER_KEY, "mallory", List.of("admin"), null, Instant.now().plusSeconds(300));
        String expiredJwt = jwt(JWT_KEY, "alice", List.of("admin"), null, Instant.now().minusSeconds(600));
        for (String[] route : routes(id)) {
            for (String authorization : new String[] {null, "Bearer sslp_unknown", "Bearer " + otherKeyJwt,
                    "Bearer " + expiredJwt, "Basic YWRtaW46YWRtaW4=", "Bearer"}) {
                var answer = call(route[0], route[1], authorization, Map.of(), route[1].equals("/api/v1/instances")
                        ? registration(id) : null);
                String what = route[0] + " " + route[1] + " with " + authorization;
                assertProblem(answer, 401, "UNAUTHENTICATED", what);
                assertThat(answer.headers().firstValue("WWW-Authenticate").orElse("")).as(what).startsWith("Bearer");
            }
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void healthAndInfoArePublicButShowNoDetailsWithoutAToken() {
        var health = get("/actuator/health", Map.of());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).has("components")).as(health.body()).isFalse();
        assertThat(get("/actuator/info", Map.of()).statusCode()).isEqualTo(200);
        var detailed = get("/actuator/health", Map.of("Authorization", TestTokens.bearer(Role.VIEWER)));
        assertThat(json(detailed).has("components")).as(detailed.body()).isTrue();
    }

    // ------------------------------------------------------------------ roles

    @Test
    void rolesDecideTheRouteFamilyAndARefusalExecutesNothing() {
        String id = newInstanceId();
        register(id);
        String op = enable(id);
        long before = eventCount();
        List<String> commands = List.of("/api/v1/instances", "/api/v1/instances/" + id + "/ssl:enable",
                "/api/v1/instances/" + id + "/ssl:rotate", "/api/v1/instances/" + id + "/ssl:disable",
                "/api/v1/instances/" + id + "/ssl:enforce-tls",
                "/api/v1/instances/" + id + "/ssl:renew-node-certificates",
                "/api/v1/instances/" + id + "/operations/" + op + ":retry",
                "/api/v1/instances/" + id + "/operations/" + op + ":finish-rotation",
                "/api/v1/instances/" + id + "/members:add", "/api/v1/instances/" + id + "/members/n1:remove",
                "/api/v1/instances/" + id + "/members/n1:replace",
                "/api/v1/instances/" + id + "/collection-count:update",
                "/api/v1/instances/" + id + "/engine-version:update",
                "/api/v1/instances/" + id + "/maintenance-window",
                "/api/v1/instances/" + id + "/operations/" + op + ":cancel",
                "/api/v1/instances/" + id + "/renewal-policy");
        for (Role role : List.of(Role.VIEWER, Role.AUDITOR, Role.WORKER, Role.METRICS)) {
            for (String path : commands) {
                Object body = path.equals("/api/v1/instances") ? registration(newInstanceId())
                        : path.endsWith("enforce-tls") ? Map.of("requireTls", true) : null;
                assertProblem(post(path, body, role), 403, "FORBIDDEN", role + " " + path);
            }
        }
        String csrPath = "/api/v1/instances/" + id + "/operations/" + op + "/nodes/n0/certificate";
        var csr = new SignCsrRequest(dev.sslplane.commandservice.pki.TestPki.csr(
                dev.sslplane.commandservice.pki.TestPki.ec(), "n0", dev.sslplane.commandservice.pki.TestPki.ip("10.1.0.1")));
        for (Role role : List.of(Role.OPERATOR, Role.ADMIN, Role.VIEWER, Role.AUDITOR, Role.METRICS)) {
            assertProblem(post(csrPath, csr, role), 403, "FORBIDDEN", role + " signs a CSR");
        }
        for (Role role : List.of(Role.OPERATOR, Role.VIEWER, Role.AUDITOR, Role.WORKER, Role.METRICS)) {
            assertProblem(post("/api/v1/admin/vault:rotate-master-key", null, role), 403, "FORBIDDEN", role.name());
            assertProblem(post("/api/v1/admin/republish", null, role), 403, "FORBIDDEN", role.name());
            assertProblem(get("/api/v1/admin/republish", auth(role)), 403, "FORBIDDEN", role.name());
        }
        for (Role role : List.of(Role.OPERATOR, Role.VIEWER, Role.AUDITOR, Role.WORKER)) {
            assertProblem(get("/actuator/metrics", auth(role)), 403, "FORBIDDEN", role.name());
            assertProblem(get("/actuator/prometheus", auth(role)), 403, "FORBIDDEN", role.name());
        }
        assertThat(eventCount()).as("no refused request executed").isEqualTo(before);

        // the allowed side of the same matrix: worker signs, admin includes operator
        var signed = post(csrPath, csr, Role.WORKER);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        var registered = post("/api/v1/instances", registration(newInstanceId()), Role.ADMIN);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(get("/api/v1/admin/republish", auth(Role.ADMIN)).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ scope

    @Test
    void aScopedCredentialActsOnlyOnItsInstances() {
        String outside = newInstanceId();
        register(outside);
        long before = eventCount();
        Map<String, String> scoped = Map.of("Authorization", "Bearer " + SCOPED_TOKEN, "Idempotency-Key", "k-1");
        assertProblem(postRaw("/api/v1/instances", registration("other-" + outside), scoped), 403,
                "INSTANCE_NOT_IN_SCOPE", "register outside scope");
        Map<String, Object> member = Map.of("name", "n9", "host", "10.1.0.9", "port", 27017, "role", "SECONDARY");
        Map<String, Object> bodies = Map.of("ssl:enforce-tls", Map.of("requireTls", true),
                "members:add", Map.of("member", member), "members/n1:replace", Map.of("replacement", member),
                "collection-count:update", Map.of("collectionCount", 7),
                "engine-version:update", Map.of("engineVersion", "4.0"));
        for (String action : List.of("ssl:enable", "ssl:rotate", "ssl:disable", "ssl:enforce-tls",
                "ssl:renew-node-certificates", "operations/op-1:retry", "operations/op-1:finish-rotation",
                "members:add", "members/n1:remove", "members/n1:replace", "collection-count:update",
                "engine-version:update")) {
            Object body = bodies.get(action);
            assertProblem(postRaw("/api/v1/instances/" + outside + "/" + action, body, scoped), 403,
                    "INSTANCE_NOT_IN_SCOPE", action);
        }
        assertThat(eventCount()).as("nothing executed").isEqualTo(before);
        assertThat(database.getCollection("idempotency_keys").countDocuments(
                new org.bson.Document("_id", "k-1"))).as("nothing remembered").isZero();

        String inside = "scope-" + newInstanceId();
        var registered = postRaw("/api/v1/instances", registration(inside), Map.of("Authorization",
                "Bearer " + SCOPED_TOKEN));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var enabled = postRaw("/api/v1/instances/" + inside + "/ssl:enable", null, Map.of("Authorization",
                "Bearer " + SCOPED_TOKEN));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(202);
        assertThat(storedEvents(inside).get(1).toJson()).contains("token:scoped-operator");
    }

    // ------------------------------------------------------------------ actor

    @Test
    void theActorIsTheAuthenticatedPrincipalInTheEventStoreAndOnSslEvents() {
        String id = newInstanceId();
        var registered = postRaw("/api/v1/instances", registration(id), Map.of(
                "Authorization", TestTokens.bearer(Role.OPERATOR), "X-Actor", "root", "ssl-actor", "root"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String op = enable(id);
        assertThat(storedEvents(id)).hasSize(2).allSatisfy(d -> assertThat(d.toJson())
                .contains("token:local-operator").doesNotContain("\"root\""));
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> events.recordsWithKey(id).size() == 2);
            assertThat(events.recordsWithKey(id)).allSatisfy(r -> {
                assertThat(KafkaTopicReader.header(r, Headers.ACTOR)).isEqualTo("token:local-operator");
                assertThat(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("\"actor\":\"token:local-operator\"");
            });
        }
        assertThat(op).isNotBlank();
    }

    // ------------------------------------------------------------------ JWT

    @Test
    void aJwtFromTheConfiguredIssuerAuthenticatesWithRolesAndScopeFromItsClaims() {
        String inside = "jwt-" + newInstanceId();
        String operatorJwt = jwt(JWT_KEY, "alice", List.of("operator", "someone-elses-role"), List.of("jwt-*"),
                Instant.now().plusSeconds(300));
        var registered = postRaw("/api/v1/instances", registration(inside),
                Map.of("Authorization", "Bearer " + operatorJwt));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(storedEvents(inside).get(0).toJson()).contains("jwt:alice");
        assertProblem(postRaw("/api/v1/instances", registration(newInstanceId()),
                Map.of("Authorization", "Bearer " + operatorJwt)), 403, "INSTANCE_NOT_IN_SCOPE", "jwt scope");
        assertProblem(postRaw("/api/v1/admin/republish", null, Map.of("Authorization", "Bearer " + operatorJwt)),
                403, "FORBIDDEN", "jwt operator on admin");

        String viewerJwt = jwt(JWT_KEY, "bob", List.of("viewer"), null, Instant.now().plusSeconds(300));
        assertProblem(postRaw("/api/v1/instances/" + inside + "/ssl:enable", null,
                Map.of("Authorization", "Bearer " + viewerJwt)), 403, "FORBIDDEN", "jwt viewer");

        String forged = jwt(OTHER_KEY, "alice", List.of("admin"), null, Instant.now().plusSeconds(300));
        assertProblem(postRaw("/api/v1/instances/" + inside + "/ssl:enable", null,
                Map.of("Authorization", "Bearer " + forged)), 401, "UNAUTHENTICATED", "bad signature");
        // the right header and claims with another signature: still refused
        String[] parts = operatorJwt.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"alice\",\"roles\":[\"admin\"]}".getBytes()) + "." + parts[2];
        assertProblem(postRaw("/api/v1/admin/republish", null, Map.of("Authorization", "Bearer " + tampered)),
                401, "UNAUTHENTICATED", "tampered claims");
    }

    // ------------------------------------------------------------------ CORS

    @Test
    void corsPreflightFromTheConsoleOriginIsAllowedAndOthersAreRefused() {
        String path = "/api/v1/instances/" + newInstanceId() + "/ssl:enable";
        var allowed = call("OPTIONS", path, null, Map.of("Origin", CONSOLE, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,idempotency-key"), null);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(CONSOLE);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

        var refused = call("OPTIONS", path, null, Map.of("Origin", "http://evil.test",
                "Access-Control-Request-Method", "POST"), null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        // an actual cross-origin call from a foreign origin is refused even with a valid token
        long before = eventCount();
        var foreign = call("POST", path, TestTokens.bearer(Role.OPERATOR), Map.of("Origin", "http://evil.test"), null);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(eventCount()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ rate limit

    @Test
    void aPrincipalOverItsCapacityGets429WithRetryAfterOthersDoNot() {
        String id = newInstanceId();
        Map<String, String> limited = Map.of("Authorization", "Bearer " + LIMITED_TOKEN);
        for (int i = 0; i < CAPACITY; i++) {
            var answer = postRaw("/api/v1/instances/" + id + "/ssl:enable", null, limited);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404); // counted: the instance is unknown
        }
        long before = eventCount();
        var limitedAnswer = postRaw("/api/v1/instances", registration(newInstanceId()), limited);
        assertProblem(limitedAnswer, 429, "RATE_LIMITED", "over capacity");
        long retryAfter = Long.parseLong(limitedAnswer.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, Duration.ofHours(1).toSeconds());
        // every command route counts against the same limit
        assertProblem(postRaw("/api/v1/instances/" + id + "/ssl:enforce-tls", Map.of("requireTls", true), limited),
                429, "RATE_LIMITED", "enforce-tls over capacity");
        assertProblem(postRaw("/api/v1/instances/" + id + "/operations/op-1:finish-rotation", null, limited),
                429, "RATE_LIMITED", "finish-rotation over capacity");
        assertProblem(postRaw("/api/v1/instances/" + id + "/collection-count:update", Map.of("collectionCount", 7),
                limited), 429, "RATE_LIMITED", "an instance change over capacity");
        assertThat(eventCount()).as("nothing executed").isEqualTo(before);
        // another principal is not affected; reads are not limited
        var other = post("/api/v1/instances", registration(newInstanceId()), Role.ADMIN);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        assertThat(get("/actuator/health", limited).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ actuator

    @Test
    void actuatorExposesOnlyHealthInfoMetricsPrometheusAndMetricsNeedAdmin() {
        for (String hidden : List.of("/actuator/env", "/actuator/env/sslplane.vault.master-key",
                "/actuator/configprops", "/actuator/beans", "/actuator/loggers", "/actuator/heapdump")) {
            var answer = get(hidden, auth(Role.ADMIN));
            assertThat(answer.statusCode()).as(hidden).isEqualTo(404);
            assertThat(answer.body()).doesNotContain(MASTER_KEY);
        }
        assertThat(get("/actuator/metrics", auth(Role.ADMIN)).statusCode()).isEqualTo(200);
        // the scraper's own role reads the metrics and nothing else (the refusals are in the role matrix)
        for (Role scraper : List.of(Role.METRICS, Role.ADMIN)) {
            assertThat(get("/actuator/metrics", auth(scraper)).statusCode()).as(scraper.name()).isEqualTo(200);
            var prometheus = get("/actuator/prometheus", auth(scraper));
            assertThat(prometheus.statusCode()).as(scraper.name()).isEqualTo(200);
            assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        }
        var index = get("/actuator", auth(Role.ADMIN));
        assertThat(index.body()).contains("health", "metrics", "prometheus").doesNotContain("/actuator/env");
    }

    @Test
    void apiDocsNeedATokenUnlessMadePublic() {
        assertThat(get("/v3/api-docs", Map.of()).statusCode()).isEqualTo(401);
        var docs = get("/v3/api-docs", auth(Role.VIEWER));
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(json(docs).at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
    }

    // ------------------------------------------------------------------ start-up

    @Test
    void theServiceRefusesToStartWithoutACredentialSource() {
        var app = new SpringApplicationBuilder(CommandServiceApplication.class);
        assertThatThrownBy(() -> app.run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + brokers(),
                "--sslplane.mongodb.uri=" + TestMongo.uri("sslplane_nocreds"),
                "--sslplane.vault.master-key=" + MASTER_KEY,
                "--sslplane.kafka.listeners-auto-startup=false",
                "--spring.jmx.enabled=false").close())
                .hasRootCauseMessage("no credentials configured: set sslplane.security.tokens-file"
                        + " (SSLPLANE_SECURITY_TOKENS_FILE), sslplane.security.tokens, or"
                        + " sslplane.security.jwt.jwk-set-uri / public-key-location");
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, String> auth(Role role) {
        return Map.of("Authorization", TestTokens.bearer(role));
    }

    private long eventCount() {
        return database.getCollection("domainevents").countDocuments();
    }

    private HttpResponse<String> call(String method, String path, String authorization, Map<String, String> headers,
                                      Object body) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(objectMapper.writeValueAsString(body)));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertProblem(HttpResponse<String> answer, int status, String code, String what) {
        String description = what + " → " + answer.statusCode() + " " + answer.body();
        assertThat(answer.statusCode()).as(description).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(description)
                .startsWith("application/problem+json");
        assertThat(json(answer).path("code").asText()).as(description).isEqualTo(code);
        assertThat(json(answer).path("status").asInt()).as(description).isEqualTo(status);
    }

    private static KeyPair rsa() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile;

    private static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("jwt-issuer", ".pem");
                Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(JWT_KEY.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    private static String jwt(KeyPair key, String subject, List<String> roles, List<String> instances,
                              Instant expires) {
        var claims = new JWTClaimsSet.Builder().subject(subject).issueTime(new Date())
                .expirationTime(Date.from(expires)).claim("roles", roles);
        if (instances != null) {
            claims.claim("instances", instances);
        }
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
