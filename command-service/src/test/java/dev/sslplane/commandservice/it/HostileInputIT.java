package dev.sslplane.commandservice.it;

import static dev.sslplane.testsupport.UrlEncoding.pathSegment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sslplane.commandservice.pki.TestPki;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.SignCsrRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.NodeStatesObservedReport;
import dev.sslplane.contracts.progress.OperationHeldReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import dev.sslplane.contracts.progress.RestartProgressReport;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile-input suite: jqwik generators feed malformed and hostile input to every REST endpoint and to the
 * {@code ssl.commands} and {@code ssl.restart-progress} topics. Expected: a 4xx problem document with a code
 * (REST) or a dead letter with a reason / a refused result (Kafka), never a 5xx, no new stored events, and the
 * consumers keep going. The generators run inside JUnit tests (with fixed seeds) to share the one Spring
 * context of {@link IntegrationTestBase}; {@link #TRIES} bounds each family.
 */
class HostileInputIT extends IntegrationTestBase {

    static final int TRIES = 50;
    private static final Map<String, Integer> CASES = new java.util.TreeMap<>();

    @AfterAll
    static void report() {
        System.out.println("[hostile-input] cases per family: " + CASES + ", total "
                + CASES.values().stream().mapToInt(Integer::intValue).sum());
    }

    private static synchronized void counted(String family, int n) {
        CASES.merge(family, n, Integer::sum);
    }

    /**
     * Enable/Rotate bodies whose certificate options can never be had with the default bounds: unknown and
     * mis-spelt algorithms, hostile strings, durations that are malformed, negative, zero, below or above the
     * bounds, and node certificates that would outlive their CA.
     */
    private Arbitrary<String> badCertificateOptions() {
        Arbitrary<String> badAlgorithm = Arbitraries.oneOf(Arbitraries.of("DSA-1024", "RSA-1024", "RSA-8192",
                "EC-P521", "EC_P384", "ec-p384", "RSA 2048", "", " EC-P256", "EC-P256\u0000"), hostileIds());
        Arbitrary<String> badDuration = Arbitraries.oneOf(Arbitraries.of("P1Y", "P2W", "P1M", "400 days", "30",
                "", "P", "PT", "-P400D", "P-1D", "PT0S", "P0D", "PT-1S", "P99999999999999999D", "p1y",
                "P1DT", "P1.5D"), hostileIds());
        Arbitrary<String> caOutOfBounds = Arbitraries.of("P29D", "PT719H", "P7301D", "P36500D");
        Arbitrary<String> nodeOutOfBounds = Arbitraries.of("PT23H", "PT1S", "P398D", "P825D");
        return Arbitraries.oneOf(
                badAlgorithm.map(a -> objectMapper.createObjectNode().put("caKeyAlgorithm", a).toString()),
                badDuration.map(d -> objectMapper.createObjectNode().put("caValidity", d).toString()),
                badDuration.map(d -> objectMapper.createObjectNode().put("nodeCertificateValidity", d).toString()),
                caOutOfBounds.map(d -> objectMapper.createObjectNode().put("caValidity", d).toString()),
                nodeOutOfBounds.map(d -> objectMapper.createObjectNode().put("nodeCertificateValidity", d)
                        .toString()),
                // each within its bounds, but the node certificate would outlive the CA
                Arbitraries.integers().between(30, 396).map(days -> objectMapper.createObjectNode()
                        .put("caValidity", "P" + days + "D").put("nodeCertificateValidity", "P" + (days + 1) + "D")
                        .toString()));
    }

    /** {@link #TRIES} values of a jqwik arbitrary, reproducible: the seed fixes jqwik's source of randomness. */
    private static <T> List<T> sample(Arbitrary<T> arbitrary, long seed) {
        net.jqwik.engine.SourceOfRandomness.create(String.valueOf(seed));
        return arbitrary.sampleStream().limit(TRIES).toList();
    }

    // ---------------------------------------------------------------- generators

    /** Ids with unicode tricks, traversal and encoded separators; raw text that goes into a URL path segment. */
    static Arbitrary<String> hostileIds() {
        Arbitrary<String> tricks = Arbitraries.of(
                "rs\u202Egnp.exe", "rs\u200Bdemo", "r\u0455-demo" /* Cyrillic dze */, "rs\u0000demo", "rs%00demo",
                "..%2F..%2Fadmin", "..%2F..", "%2F", "a%2Fb", "..", ".", "...", "a|b", "%2e%2e%2f%2e%2e",
                "\uFEFFrs", "rs demo", "rs\tdemo", "rs\ndemo", "\uD83D\uDE00", "%252F", "a;b", "a\\b", "-rs",
                "_rs", "rs\u0301", "ｒｓ-demo" /* fullwidth */, "rs%ZZ", "$where", "{\"$gt\":\"\"}",
                "a".repeat(65), "a".repeat(5000));
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> mixed = Combinators.combine(Arbitraries.of("rs-", "it-", ""), tricks, unicode)
                .as((a, b, c) -> a + b + c);
        return Arbitraries.oneOf(tricks, unicode, mixed);
    }

    /** Any JSON value of the wrong type for a field (or of the right type but absurd). */
    static Arbitrary<Object> wrongJsonValue() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(30).map(Object.class::cast),
                Arbitraries.just(List.of(1, "x")).map(Object.class::cast),
                Arbitraries.just(Map.of("k", List.of())).map(Object.class::cast),
                Arbitraries.just(Long.MAX_VALUE).map(Object.class::cast),
                Arbitraries.just("9".repeat(400)).map(s -> (Object) new BigInteger(s)),
                Arbitraries.just(new HashMap<String, Object>()).map(Object.class::cast));
    }

    static Arbitrary<String> deepJson() {
        return Arbitraries.integers().between(200, 30_000).flatMap(depth -> Arbitraries.of(
                "[".repeat(depth) + "]".repeat(depth),
                "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                "{\"instanceId\":" + "[".repeat(depth) + "]".repeat(depth) + "}",
                "[".repeat(depth)));
    }

    // ---------------------------------------------------------------- REST

    @Test
    void hostileIdsOnEveryInstanceEndpointAreRefusedWithProblems() {
        long before = eventCount();
        List<String> ids = sample(hostileIds(), 61L);
        String csr = TestPki.csr(TestPki.ec(), "n0", TestPki.ip("10.1.0.1"));
        for (String id : ids) {
            String segment = pathSegment(id);
            List<HttpResponse<String>> answers = new ArrayList<>();
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/ssl:enable", null));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/ssl:rotate", null));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/ssl:disable", null));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/ssl:renew-node-certificates", null));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/ssl:enforce-tls", "{\"requireTls\":true}"));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/operations/" + segment + ":retry", null));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/operations/" + segment + ":finish-rotation",
                    null));
            answers.add(raw("POST", "/api/v1/instances/it-x/operations/" + segment + ":finish-rotation", null));
            // maintenance windows and scheduled operations
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/maintenance-window", GOOD_WINDOW));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/operations/" + segment + ":cancel", null));
            answers.add(raw("POST", "/api/v1/instances/it-x/operations/" + segment + ":cancel", null));
            // abort and rollback
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/operations/" + segment + ":abort", null));
            answers.add(raw("POST", "/api/v1/instances/it-x/operations/" + segment + ":abort", null));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/operations/op-1:rollback", null));
            answers.add(raw("POST", "/api/v1/instances/it-x/operations/" + segment + ":rollback", null));
            // automatic renewal
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/renewal-policy", "{\"policy\":\"OFF\"}"));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/operations/op-1/nodes/" + segment
                    + "/certificate", json(new SignCsrRequest(csr))));
            answers.add(raw("POST", "/api/v1/instances/it-x/operations/" + segment + "/nodes/n0/certificate",
                    json(new SignCsrRequest(csr))));
            ObjectNode body = objectMapper.valueToTree(registration("ok"));
            body.put("instanceId", id);
            answers.add(raw("POST", "/api/v1/instances", body.toString()));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/ssl:enable", null,
                    Map.of("Idempotency-Key", headerSafe(id))));
            for (var answer : answers) {
                assertProblem(answer, id);
            }
            counted("rest.hostile-ids", answers.size());
        }
        assertThat(eventCount()).as("no event stored for hostile ids").isEqualTo(before);
    }

    @Test
    void wrongTypesDeepNestingAndHugeBodiesAreRefusedWithProblems() {
        long before = eventCount();
        List<String> fields = List.of("instanceId", "engineVersion", "topology", "nodes", "collectionCount");
        var wrongTyped = Combinators.combine(Arbitraries.of(fields), wrongJsonValue(),
                Arbitraries.of("name", "host", "port", "role", "subjectAltNames")).as((field, value, nodeField) -> {
            ObjectNode body = objectMapper.valueToTree(registration(newInstanceId()));
            if (value.hashCode() % 2 == 0) {
                body.set(field, objectMapper.valueToTree(value));
            } else {
                ((ObjectNode) body.get("nodes").get(0)).set(nodeField, objectMapper.valueToTree(value));
            }
            return body.toString();
        });
        int accepted = 0;
        for (String body : sample(wrongTyped, 62L)) {
            var answer = raw("POST", "/api/v1/instances", body);
            if (answer.statusCode() == 201) {
                // Jackson's scalar coercion (1.5 → 1, "27017" → 27017, 7 → "7"), or a string that is a valid value:
                // the coerced request passed the same validation as any other. Counted, not refused.
                accepted++;
                counted("rest.wrong-types(accepted-after-coercion)", 1);
                continue;
            }
            assertProblem(answer, body);
            counted("rest.wrong-types", 1);
        }
        for (String body : sample(deepJson(), 63L)) {
            assertProblem(raw("POST", "/api/v1/instances", body), "deep json");
            assertProblem(raw("POST", "/api/v1/instances/it-deep/operations/op/nodes/n0/certificate", body),
                    "deep json csr");
            counted("rest.deep-json", 2);
        }
        var huge = Arbitraries.integers().between(64 * 1024 + 1, 400 * 1024).map(n -> {
            ObjectNode body = objectMapper.valueToTree(registration(newInstanceId()));
            body.put("padding", "x".repeat(n));
            return body.toString();
        });
        List<String> paths = List.of("/api/v1/instances", "/api/v1/instances/it-huge/ssl:enable",
                "/api/v1/instances/it-huge/ssl:rotate", "/api/v1/instances/it-huge/ssl:disable",
                "/api/v1/instances/it-huge/ssl:renew-node-certificates",
                "/api/v1/instances/it-huge/ssl:enforce-tls", "/api/v1/instances/it-huge/operations/op:retry",
                "/api/v1/instances/it-huge/operations/op:finish-rotation",
                "/api/v1/instances/it-huge/operations/op/nodes/n0/certificate", "/api/v1/admin/republish",
                "/api/v1/instances/it-huge/maintenance-window", "/api/v1/instances/it-huge/operations/op:cancel",
                "/api/v1/instances/it-huge/operations/op:abort", "/api/v1/instances/it-huge/operations/op:rollback",
                "/api/v1/instances/it-huge/renewal-policy");
        int i = 0;
        for (String body : sample(huge, 64L).subList(0, 18)) {
            String path = paths.get(i++ % paths.size());
            var answer = raw("POST", path, body);
            assertProblem(answer, path);
            assertThat(answer.statusCode()).as(path).isEqualTo(413);
            counted("rest.huge-bodies", 1);
        }
        // The CSR body with the wrong shape, and bodies that are not JSON at all.
        for (Object wrong : sample(wrongJsonValue(), 65L)) {
            assertProblem(raw("POST", "/api/v1/instances/it-x/operations/op/nodes/n0/certificate",
                    "{\"csrPem\":" + jsonOf(wrong) + "}"), "csr " + wrong);
            assertProblem(raw("POST", "/api/v1/instances", jsonOf(wrong)), "register " + wrong);
            counted("rest.wrong-types", 2);
        }
        // The optional bodies of enable and rotate and the required one of enforce-tls with wrong shapes: on an
        // instance that is not registered, so a value Jackson coerces into a valid one meets INSTANCE_NOT_FOUND.
        for (Object wrong : sample(wrongJsonValue(), 69L)) {
            assertProblem(raw("POST", "/api/v1/instances/it-nobody/ssl:enable", "{\"requireTls\":" + jsonOf(wrong)
                    + "}"), "enable " + wrong);
            assertProblem(raw("POST", "/api/v1/instances/it-nobody/ssl:rotate", "{\"holdOldCa\":" + jsonOf(wrong)
                    + "}"), "rotate " + wrong);
            assertProblem(raw("POST", "/api/v1/instances/it-nobody/ssl:enforce-tls", "{\"requireTls\":"
                    + jsonOf(wrong) + "}"), "enforce-tls " + wrong);
            assertProblem(raw("POST", "/api/v1/instances/it-nobody/ssl:enforce-tls", jsonOf(wrong)),
                    "enforce-tls body " + wrong);
            counted("rest.wrong-types", 4);
        }
        // The certificate options of enable and rotate with wrong JSON types (each field in turn)
        List<String> optionFields = List.of("caKeyAlgorithm", "caValidity", "nodeCertificateValidity");
        int f = 0;
        for (Object wrong : sample(wrongJsonValue(), 70L)) {
            String field = optionFields.get(f++ % optionFields.size());
            assertProblem(raw("POST", "/api/v1/instances/it-nobody/ssl:enable", "{\"" + field + "\":"
                    + jsonOf(wrong) + "}"), "enable " + field + " " + wrong);
            assertProblem(raw("POST", "/api/v1/instances/it-nobody/ssl:rotate", "{\"" + field + "\":"
                    + jsonOf(wrong) + "}"), "rotate " + field + " " + wrong);
            counted("rest.wrong-types", 2);
        }
        assertProblem(raw("POST", "/api/v1/instances", "{\"instanceId\":\"x\"", Map.of()), "truncated");
        assertProblem(rawTyped("/api/v1/instances", "instanceId=x", "application/x-www-form-urlencoded"), "form");
        assertProblem(rawTyped("/api/v1/instances", "<a/>", "application/xml"), "xml");
        assertProblem(raw("POST", "/api/v1/instances", "\uFEFF{}"), "bom");
        assertProblem(raw("POST", "/api/v1/instances", "{\"instanceId\":\"\\ud800\"}"), "lone surrogate");
        counted("rest.malformed", 5);
        assertThat(eventCount()).as("no event stored for malformed bodies").isEqualTo(before + accepted);
    }

    @Test
    void junkCsrsAreRefusedWithProblemsAndSignNothing() throws Exception {
        String instanceId = newInstanceId();
        register(instanceId);
        String operationId = enable(instanceId);
        long before = storedEvents(instanceId).size();
        KeyPair key = TestPki.ec();
        String selfSigned = TestPki.pem(certificate(key, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600)));
        String expired = TestPki.pem(certificate(key, Instant.parse("2001-01-01T00:00:00Z"),
                Instant.parse("2002-01-01T00:00:00Z")));
        String privateKey = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String good = TestPki.csr(TestPki.ec(), "n0", TestPki.ip("10.1.0.1"));
        Arbitrary<String> extraSans = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20)
                .map(label -> TestPki.csr(TestPki.ec(), "n0", TestPki.ip("10.1.0.1"), TestPki.dns(label + ".evil.test")));
        Arbitrary<String> junk = Arbitraries.oneOf(
                extraSans,
                Arbitraries.of(selfSigned, expired, privateKey, good.replace("CERTIFICATE REQUEST", "CERTIFICATE"),
                        good.substring(0, good.length() / 2), good + good, good.replace("A", "B"),
                        "-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n", "", " ",
                        "-----BEGIN CERTIFICATE REQUEST-----\n" + "QUFB".repeat(10_000)
                                + "\n-----END CERTIFICATE REQUEST-----\n"),
                Arbitraries.strings().all().ofMaxLength(200)
                        .map(s -> "-----BEGIN CERTIFICATE REQUEST-----\n" + s + "\n-----END CERTIFICATE REQUEST-----\n"),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(600)
                        .map(b -> "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(b)
                                + "\n-----END CERTIFICATE REQUEST-----\n"));
        String path = "/api/v1/instances/" + instanceId + "/operations/" + operationId + "/nodes/n0/certificate";
        for (String csr : sample(junk, 66L)) {
            var answer = raw("POST", path, json(new SignCsrRequest(csr)));
            assertProblem(answer, csr);
            assertThat(answer.body()).doesNotContain("PRIVATE KEY").doesNotContain("MII");
            counted("rest.junk-csrs", 1);
        }
        assertThat(storedEvents(instanceId)).hasSize((int) before);
        // and the endpoint still signs a good CSR afterwards
        assertThat(raw("POST", path, json(new SignCsrRequest(good))).statusCode()).isEqualTo(200);
    }

    @Test
    void replayedIdempotencyKeysWithDifferentRequestsAreRefused() {
        String instanceId = newInstanceId();
        String key = "idem-" + UUID.randomUUID();
        var first = post("/api/v1/instances", registration(instanceId), Map.of("Idempotency-Key", key));
        assertThat(first.statusCode()).isEqualTo(201);
        long before = eventCount();
        var variants = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 100_000).map(n -> {
                    ObjectNode body = objectMapper.valueToTree(registration(instanceId));
                    body.put("collectionCount", n == 120 ? 121 : n);
                    return "/api/v1/instances|" + body;
                }),
                hostileIds().map(s -> "/api/v1/instances|" + objectMapper.valueToTree(registration(newInstanceId()))),
                Arbitraries.of("ssl:enable", "ssl:rotate", "ssl:disable")
                        .map(action -> "/api/v1/instances/" + instanceId + "/" + action + "|"),
                Arbitraries.of("{\"requireTls\":true}", "{\"requireTls\":false}")
                        .map(body -> "/api/v1/instances/" + instanceId + "/ssl:enforce-tls|" + body),
                Arbitraries.just("/api/v1/instances/" + instanceId + "/operations/op-1:finish-rotation|"));
        for (String variant : sample(variants, 67L)) {
            String path = variant.substring(0, variant.indexOf('|'));
            String body = variant.substring(variant.indexOf('|') + 1);
            var answer = raw("POST", path, body.isEmpty() ? null : body, Map.of("Idempotency-Key", key));
            assertProblem(answer, variant);
            assertThat(json(answer).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
            counted("rest.replayed-keys", 1);
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void adminRepublishIgnoresOrRefusesJunk() {
        for (String junk : sample(Arbitraries.strings().all().ofMaxLength(100), 68L).subList(0, 10)) {
            var answer = rawTyped("/api/v1/admin/republish?x=" + pathSegment(junk), junk, "application/json");
            assertThat(answer.statusCode()).as(answer.body()).isIn(202, 409, 400, 415);
            if (answer.statusCode() != 202) {
                assertProblem(answer, junk);
            }
            counted("rest.admin", 1);
        }
        await().atMost(WAIT).until(() -> !"RUNNING".equals(json(get("/api/v1/admin/republish")).path("state").asText()));
    }

    /** Junk in the Authorization header: always 401 UNAUTHENTICATED, never a 5xx, nothing executed. */
    @Test
    void hostileAuthorizationHeadersAreUnauthenticated() {
        long before = eventCount();
        String operator = TestTokens.token(dev.sslplane.security.Role.OPERATOR);
        Arbitrary<String> junk = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300);
        Arbitrary<String> values = Arbitraries.oneOf(
                junk,
                junk.map(j -> "Bearer " + j),
                junk.map(j -> "bearer " + j),
                junk.map(j -> "Bearer " + operator + "x" + j.replace(" ", "")),
                junk.map(j -> "Bearer " + j.replace(" ", "") + "." + j.replace(" ", "") + ".x"),
                Arbitraries.of("Bearer", "Bearer ", "Bearer  " + operator, "Basic b3BlcmF0b3I6b3BlcmF0b3I=",
                        "Bearer sslp_", "Bearer " + operator.toUpperCase(java.util.Locale.ROOT),
                        "Bearer " + operator.substring(0, operator.length() - 1), "Bearer ..",
                        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.",
                        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", "Bearer " + "A".repeat(4000)));
        String id = newInstanceId();
        for (String value : sample(values, 83L)) {
            String header = value.strip().isEmpty() ? "x" : value;
            for (String path : List.of("/api/v1/instances/" + id + "/ssl:enable", "/api/v1/admin/republish")) {
                var answer = raw("POST", path, null, Map.of("Authorization", header));
                String what = abbreviate(header) + " → " + answer.statusCode() + " " + abbreviate(answer.body());
                assertThat(answer.statusCode()).as(what).isEqualTo(401);
                assertThat(answer.headers().firstValue("WWW-Authenticate").orElse("")).as(what).startsWith("Bearer");
                assertProblem(answer, header);
                assertThat(json(answer).path("code").asText()).as(what).isEqualTo("UNAUTHENTICATED");
                counted("rest.hostile-authorization", 1);
            }
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- Kafka

    /**
     * Certificate options with bad values, on a registered instance whose SSL is off: an Enable that got past
     * validation would be accepted (202), a Rotate refused SSL_NOT_ENABLED (409); both must be 400.
     */
    @Test
    void badCertificateOptionsAreRefusedBeforeAnythingIsDispatched() {
        String victim = newInstanceId();
        register(victim);
        long before = eventCount();
        for (String body : sample(badCertificateOptions(), 72L)) {
            for (String action : List.of("enable", "rotate")) {
                var answer = raw("POST", "/api/v1/instances/" + victim + "/ssl:" + action, body);
                assertProblem(answer, action + " " + body);
                assertThat(answer.statusCode()).as(action + " " + body).isEqualTo(400);
                assertThat(answer.body()).as(action + " " + body).contains("\"code\":\"VALIDATION_FAILED\"");
            }
            counted("rest.certificate-options", 2);
        }
        assertThat(eventCount()).as("no event, no CA").isEqualTo(before);
        assertThat(storedEventTypes(victim)).containsExactly("InstanceRegisteredEvent");
    }

    // ---------------------------------------------------------------- instance changes (issue 19 section 5)

    /** A member body whose {@code field} is {@code value} (a hostile id, or a JSON value of the wrong type). */
    private ObjectNode member(String field, Object value) {
        ObjectNode member = objectMapper.createObjectNode().put("name", "n9").put("host", "10.9.0.9")
                .put("port", 27017).put("role", "SECONDARY");
        member.set(field, objectMapper.valueToTree(value));
        return member;
    }

    @Test
    void hostileInstanceChangesAreRefusedWithProblemsAndRecordNothing() {
        String victim = newInstanceId();
        register(victim);
        long before = eventCount();
        int f = 0;
        List<String> memberFields = List.of("name", "host", "altNames");
        for (String id : sample(hostileIds(), 74L)) {
            String segment = pathSegment(id);
            String field = memberFields.get(f++ % memberFields.size());
            Object value = field.equals("altNames") ? List.of(id) : id;
            String add = objectMapper.createObjectNode().set("member", member(field, value)).toString();
            String replace = objectMapper.createObjectNode().set("replacement", member(field, value)).toString();
            List<HttpResponse<String>> answers = new ArrayList<>();
            answers.add(raw("POST", "/api/v1/instances/" + victim + "/members:add", add));
            answers.add(raw("POST", "/api/v1/instances/" + victim + "/members/n1:replace", replace));
            answers.add(raw("POST", "/api/v1/instances/" + victim + "/members/" + segment + ":remove", null));
            answers.add(raw("POST", "/api/v1/instances/" + victim + "/members/" + segment + ":replace",
                    objectMapper.createObjectNode().set("replacement", member("name", "n9")).toString()));
            answers.add(raw("POST", "/api/v1/instances/" + victim + "/engine-version:update",
                    objectMapper.createObjectNode().put("engineVersion", id).toString()));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/members:add",
                    objectMapper.createObjectNode().set("member", member("name", "n9")).toString()));
            answers.add(raw("POST", "/api/v1/instances/" + segment + "/collection-count:update",
                    "{\"collectionCount\":5}"));
            answers.add(raw("POST", "/api/v1/instances/it-nobody/collection-count:update",
                    "{\"collectionCount\":5}", Map.of("Idempotency-Key", headerSafe(id))));
            for (var answer : answers) {
                assertProblem(answer, id);
            }
            counted("rest.instance-changes", answers.size());
        }
        // wrong JSON types for every field, on an instance that is not registered: a value Jackson coerces into a
        // valid one meets INSTANCE_NOT_FOUND
        int w = 0;
        for (Object wrong : sample(wrongJsonValue(), 75L)) {
            String field = List.of("name", "host", "port", "role", "altNames").get(w++ % 5);
            String base = "/api/v1/instances/it-nobody/";
            assertProblem(raw("POST", base + "members:add",
                    objectMapper.createObjectNode().set("member", member(field, wrong)).toString()), "add " + wrong);
            assertProblem(raw("POST", base + "members:add", "{\"member\":" + jsonOf(wrong) + "}"), "add " + wrong);
            assertProblem(raw("POST", base + "members/n1:replace", "{\"replacement\":" + jsonOf(wrong) + "}"),
                    "replace " + wrong);
            assertProblem(raw("POST", base + "collection-count:update", "{\"collectionCount\":" + jsonOf(wrong)
                    + "}"), "count " + wrong);
            assertProblem(raw("POST", base + "engine-version:update", "{\"engineVersion\":" + jsonOf(wrong)
                    + "}"), "engine " + wrong);
            assertProblem(raw("POST", base + "collection-count:update", jsonOf(wrong)), "count body " + wrong);
            counted("rest.instance-changes(wrong-types)", 6);
        }
        // values of the right type that are refused on the victim: negative counts, missing fields, a body naming
        // another member than the path, a second PRIMARY, the registered primary's removal
        List<String[]> refused = List.of(
                new String[] {"collection-count:update", "{\"collectionCount\":-1}"},
                new String[] {"collection-count:update", "{}"},
                new String[] {"engine-version:update", "{}"},
                new String[] {"engine-version:update", "{\"engineVersion\":\"4.2.x\"}"},
                new String[] {"members:add", "{}"},
                new String[] {"members/n1:replace", "{\"memberName\":\"n2\",\"replacement\":"
                        + member("name", "n9") + "}"},
                new String[] {"members:add", "{\"member\":" + member("role", "PRIMARY") + "}"},
                new String[] {"members/n0:remove", null},
                new String[] {"members/n7:remove", null});
        for (String[] request : refused) {
            assertProblem(raw("POST", "/api/v1/instances/" + victim + "/" + request[0], request[1]), request[0]);
        }
        counted("rest.instance-changes(refused)", refused.size());
        assertThat(eventCount()).as("no instance change stored").isEqualTo(before);
        assertThat(storedEventTypes(victim)).containsExactly("InstanceRegisteredEvent");
    }

    @Test
    void hostileInstanceChangeRecordsAreDeadLetteredOrRefused() throws Exception {
        String victim = newInstanceId();
        register(victim);
        long before = eventCount();
        String prefix = "ic-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Arbitrary<Function<String, byte[]>> records = Arbitraries.oneOf(
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.REMOVE_MEMBER, victim,
                        objectMapper.createObjectNode().put("memberName", id)).toString())),
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.REPLACE_MEMBER, victim,
                        objectMapper.createObjectNode().put("memberName", id)
                                .set("replacement", member("name", "n9"))).toString())),
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.ADD_MEMBER, victim,
                        objectMapper.createObjectNode().set("member", member("host", id))).toString())),
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.UPDATE_ENGINE_VERSION, victim,
                        objectMapper.createObjectNode().put("engineVersion", id)).toString())),
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.UPDATE_COLLECTION_COUNT, id,
                        objectMapper.createObjectNode().put("collectionCount", 5)).toString())),
                Combinators.combine(Arbitraries.of(
                                List.of(CommandTypes.ADD_MEMBER, "member"),
                                List.of(CommandTypes.REPLACE_MEMBER, "replacement"),
                                List.of(CommandTypes.REMOVE_MEMBER, "memberName"),
                                List.of(CommandTypes.UPDATE_COLLECTION_COUNT, "collectionCount"),
                                List.of(CommandTypes.UPDATE_ENGINE_VERSION, "engineVersion")),
                        wrongJsonValue(), Arbitraries.of(true, false)).as((target, value, whole) -> key -> {
                    JsonNode payload = whole ? objectMapper.valueToTree(value)
                            : objectMapper.createObjectNode().set(target.get(1), objectMapper.valueToTree(value));
                    return bytes(envelope(key, target.get(0), "it-nobody", payload).toString());
                }),
                Arbitraries.of(CommandTypes.ADD_MEMBER, CommandTypes.REMOVE_MEMBER, CommandTypes.REPLACE_MEMBER,
                        CommandTypes.UPDATE_COLLECTION_COUNT, CommandTypes.UPDATE_ENGINE_VERSION)
                        .map(type -> key -> bytes(envelope(key, type, victim, null).toString())));
        List<String> keys = new ArrayList<>();
        int n = 0;
        for (var record : sample(records, 76L)) {
            String key = prefix + (n++);
            keys.add(key);
            sendCommandRecord(key, record.apply(key));
        }
        try (var dlt = new KafkaTopicReader(brokers(), Topics.COMMANDS_DLT);
             var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                var deadByKey = dlt.recordsByKey();
                var answeredByKey = results.recordsByKey();
                for (String key : keys) {
                    var dead = deadByKey.getOrDefault(key, List.of());
                    var answered = answeredByKey.getOrDefault(key, List.of());
                    assertThat(dead.size() + answered.size()).as("record %s answered or dead-lettered", key)
                            .isGreaterThanOrEqualTo(1);
                    dead.forEach(r -> assertThat(KafkaTopicReader.header(r, Headers.DLT_REASON_CODE)).isNotBlank());
                    answered.forEach(r -> assertThat(result(r).outcome()).as(key)
                            .isEqualTo(CommandResult.Outcome.REJECTED));
                }
            });
        }
        counted("kafka.instance-changes", keys.size());
        assertThat(eventCount()).as("no instance change stored").isEqualTo(before);
        assertThat(storedEventTypes(victim)).containsExactly("InstanceRegisteredEvent");
    }

    /** A valid window body; hostile tests vary one field of it. */
    private static final String GOOD_WINDOW = "{\"dayOfWeek\":\"SATURDAY\",\"start\":\"02:00\",\"duration\":\"PT4H\"}";

    /** Window fields with bad values: wrong days, times and durations (outside 30 min .. 24 h, not whole minutes). */
    private Arbitrary<String> badWindows() {
        Arbitrary<String> badDay = Arbitraries.oneOf(Arbitraries.of("saturday", "SAT", "Saturday", "", "7", "0",
                "FUNDAY", " SATURDAY", "SATURDAY\u0000"), hostileIds());
        Arbitrary<String> badStart = Arbitraries.oneOf(Arbitraries.of("24:00", "2:00", "02:00:00", "02:60", "-01:00",
                "0200", "", "02:00Z", "02:00+01:00", "T02:00", "99:99"), hostileIds());
        Arbitrary<String> badDuration = Arbitraries.oneOf(Arbitraries.of("PT29M", "PT24H1M", "P2D", "PT0S", "-PT4H",
                "PT4H30S", "PT1.5H", "P1W", "4h", "", "PT", "P99999999999999999D"), hostileIds());
        return Arbitraries.oneOf(
                badDay.map(v -> window("dayOfWeek", v)),
                badStart.map(v -> window("start", v)),
                badDuration.map(v -> window("duration", v)),
                Arbitraries.of("dayOfWeek", "start", "duration").map(field -> {
                    ObjectNode body = (ObjectNode) readJson(GOOD_WINDOW);
                    body.remove(field);
                    return body.toString();
                }));
    }

    private String window(String field, String value) {
        return ((ObjectNode) readJson(GOOD_WINDOW)).put(field, value).toString();
    }

    private JsonNode readJson(String text) {
        try {
            return objectMapper.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Maintenance windows and schedules with bad values or wrong JSON types, on a registered instance (a window
     * that got past validation would be stored; SSL is off, so a disable or an enforce past validation is refused,
     * and an enable meets an unregistered instance): all problems, no event.
     */
    @Test
    void badMaintenanceWindowsAndSchedulesAreRefusedWithProblems() {
        String victim = newInstanceId();
        register(victim);
        long before = eventCount();
        for (String body : sample(badWindows(), 74L)) {
            var answer = raw("POST", "/api/v1/instances/" + victim + "/maintenance-window", body);
            assertProblem(answer, "window " + body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            ObjectNode registration = objectMapper.valueToTree(registration(newInstanceId()));
            registration.set("maintenanceWindow", readJson(body));
            assertProblem(raw("POST", "/api/v1/instances", registration.toString()), "registration window " + body);
            counted("rest.maintenance-window", 2);
        }
        for (Object wrong : sample(wrongJsonValue(), 75L)) {
            String value = jsonOf(wrong);
            assertProblem(raw("POST", "/api/v1/instances/" + victim + "/maintenance-window", value), "window " + value);
            for (String field : List.of("dayOfWeek", "start", "duration")) {
                ObjectNode body = (ObjectNode) readJson(GOOD_WINDOW);
                body.set(field, objectMapper.valueToTree(wrong));
                var answer = raw("POST", "/api/v1/instances/" + victim + "/maintenance-window", body.toString());
                assertProblem(answer, "window " + field + " " + value);
            }
            assertProblem(raw("POST", "/api/v1/instances/it-nobody/ssl:enable", "{\"schedule\":" + value + "}"),
                    "enable schedule " + value);
            assertProblem(raw("POST", "/api/v1/instances/" + victim + "/ssl:disable", "{\"schedule\":" + value
                    + "}"), "disable schedule " + value);
            assertProblem(raw("POST", "/api/v1/instances/" + victim + "/ssl:renew-node-certificates",
                    "{\"schedule\":" + value + "}"), "renew schedule " + value);
            assertProblem(raw("POST", "/api/v1/instances/" + victim + "/ssl:enforce-tls", "{\"requireTls\":true,"
                    + "\"schedule\":" + value + "}"), "enforce schedule " + value);
            assertProblem(raw("POST", "/api/v1/instances/" + victim + "/ssl:disable", value), "disable body " + value);
            counted("rest.schedule-wrong-types", 9);
        }
        assertThat(eventCount()).as("no event for bad windows and schedules").isEqualTo(before);
        assertThat(storedEventTypes(victim)).containsExactly("InstanceRegisteredEvent");
    }

    /**
     * Renewal members that are not member names, named twice, too many, or of the wrong JSON type, on a registered
     * instance with SSL off (a list that got past validation would meet SSL_NOT_ENABLED): all problems, the shape
     * errors 400 VALIDATION_FAILED, no event.
     */
    @Test
    void badRenewalMembersAreRefusedWithProblems() {
        String victim = newInstanceId();
        register(victim);
        long before = eventCount();
        String path = "/api/v1/instances/" + victim + "/ssl:renew-node-certificates";
        List<Object> shapeErrors = new ArrayList<>(List.of(List.of(""), List.of("rs0-0", "rs0-0"),
                java.util.Collections.nCopies(3, "rs0-1"), IntStream.range(0, 51).mapToObj(i -> "m-" + i).toList(),
                IntStream.range(0, 5_000).mapToObj(i -> "member-" + i).toList()));
        sample(hostileIds(), 77L).forEach(id -> shapeErrors.add(List.of("rs0-0", id)));
        for (Object members : shapeErrors) {
            String body = objectMapper.createObjectNode().set("members", objectMapper.valueToTree(members)).toString();
            var answer = raw("POST", path, body);
            assertProblem(answer, "members " + abbreviate(body));
            assertThat(answer.statusCode()).as(abbreviate(body)).isIn(400, 413);
            counted("rest.renew-members", 1);
        }
        for (Object wrong : sample(wrongJsonValue(), 78L)) {
            String body = objectMapper.createObjectNode().set("members", objectMapper.valueToTree(wrong)).toString();
            assertProblem(raw("POST", path, body), "members " + body);
            String inList = objectMapper.createObjectNode().set("members",
                    objectMapper.createArrayNode().add(objectMapper.valueToTree(wrong))).toString();
            assertProblem(raw("POST", path, inList), "members " + inList);
            counted("rest.renew-members", 2);
        }
        assertThat(eventCount()).as("no event for bad renewal members").isEqualTo(before);
        assertThat(storedEventTypes(victim)).containsExactly("InstanceRegisteredEvent");
    }

    /**
     * Renewal policies that are not exactly one of the two names, or not a string, on a registered instance (one that
     * got past validation as IN_MAINTENANCE_WINDOW would meet MAINTENANCE_WINDOW_NOT_SET, as OFF nothing): all 400
     * problems, no event.
     */
    @Test
    void badRenewalPoliciesAreRefusedWithProblems() {
        String victim = newInstanceId();
        register(victim);
        long before = eventCount();
        Arbitrary<Object> badPolicies = Arbitraries.oneOf(
                Arbitraries.of("off", "On", "ON", "", " OFF", "OFF ", "IN_MAINTENANCE_WINDOW\u0000", "ALWAYS",
                        "in_maintenance_window", "NOW", "null").map(Object.class::cast),
                hostileIds().map(Object.class::cast),
                wrongJsonValue().filter(v -> !"OFF".equals(v) && !"IN_MAINTENANCE_WINDOW".equals(v)));
        for (Object policy : sample(badPolicies, 76L)) {
            String body = objectMapper.createObjectNode().set("policy", objectMapper.valueToTree(policy)).toString();
            var answer = raw("POST", "/api/v1/instances/" + victim + "/renewal-policy", body);
            assertProblem(answer, "policy " + body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertProblem(raw("POST", "/api/v1/instances/" + victim + "/renewal-policy", jsonOf(policy)),
                    "policy body " + body);
            counted("rest.renewal-policy", 2);
        }
        assertThat(eventCount()).as("no event for bad renewal policies").isEqualTo(before);
        assertThat(storedEventTypes(victim)).containsExactly("InstanceRegisteredEvent");
    }

    @Test
    void hostileCommandRecordsAreDeadLetteredOrRefusedAndTheConsumerKeepsGoing() throws Exception {
        String victim = newInstanceId();
        register(victim);
        long before = eventCount();
        String prefix = "hc-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> keys = new ArrayList<>();
        Arbitrary<Function<String, byte[]>> records = Arbitraries.oneOf(
                // wrong JSON types for each envelope field
                Arbitraries.of(List.of(1, "x"), Map.of("k", List.of()), "", "../x", "a\u202Eb").map(value -> key -> {
                    ObjectNode env = envelope(key, CommandTypes.DISABLE_SSL, victim, null);
                    env.set("commandId", objectMapper.valueToTree(value));
                    return bytes(env.toString());
                }),
                Combinators.combine(Arbitraries.of("type", "schemaVersion", "instanceId", "issuedAt",
                        "payload"), wrongJsonValue()).as((field, value) -> key -> {
                    ObjectNode env = envelope(key, CommandTypes.DISABLE_SSL, victim, null);
                    env.set(field, objectMapper.valueToTree(value));
                    if (field.equals("payload") && !(value instanceof Map)) {
                        env.put("type", CommandTypes.REGISTER_INSTANCE);
                    }
                    return bytes(env.toString());
                }),
                // hostile ids in the instance id and in the payload
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.ENABLE_SSL, id, null).toString())),
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.RENEW_NODE_CERTIFICATES, id, null)
                        .toString())),
                // renewal members: hostile names, repeated, too many (SSL is off: a list read as valid is refused)
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.RENEW_NODE_CERTIFICATES, victim,
                        objectMapper.createObjectNode().set("members", objectMapper.createArrayNode().add(id)))
                        .toString())),
                Arbitraries.of(List.of("rs0-0", "rs0-0"), IntStream.range(0, 51).mapToObj(i -> "m-" + i).toList())
                        .map(members -> key -> bytes(envelope(key, CommandTypes.RENEW_NODE_CERTIFICATES, victim,
                                objectMapper.createObjectNode().set("members", objectMapper.valueToTree(members)))
                                .toString())),
                hostileIds().map(id -> key -> {
                    ObjectNode payload = objectMapper.valueToTree(registration(id));
                    return bytes(envelope(key, CommandTypes.REGISTER_INSTANCE, id, payload).toString());
                }),
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.RETRY_RESTART, victim,
                        objectMapper.createObjectNode().put("operationId", id)).toString())),
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.FINISH_ROTATION, victim,
                        objectMapper.createObjectNode().put("operationId", id)).toString())),
                // maintenance windows and scheduled operations: hostile ids, bad windows (on an unregistered
                // instance, so one that read as valid would meet INSTANCE_NOT_FOUND), wrong schedules (SSL is off)
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.CANCEL_SCHEDULED_OPERATION, victim,
                        objectMapper.createObjectNode().put("operationId", id)).toString())),
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.SET_MAINTENANCE_WINDOW, id,
                        readJson(GOOD_WINDOW)).toString())),
                // abort and rollback: hostile operation ids (the victim has no operation to abort or roll back)
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.ABORT_OPERATION, victim,
                        objectMapper.createObjectNode().put("operationId", id)).toString())),
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.ROLL_BACK_OPERATION, victim,
                        objectMapper.createObjectNode().put("operationId", id)).toString())),
                badWindows().map(window -> key -> bytes(envelope(key, CommandTypes.SET_MAINTENANCE_WINDOW,
                        "it-nobody", readJson(window)).toString())),
                // automatic renewal: hostile instance ids (a valid policy would meet INSTANCE_NOT_FOUND)
                hostileIds().map(id -> key -> bytes(envelope(key, CommandTypes.SET_RENEWAL_POLICY, id,
                        objectMapper.createObjectNode().put("policy", "OFF")).toString())),
                Combinators.combine(Arbitraries.of(
                                List.of(CommandTypes.DISABLE_SSL, "schedule", victim),
                                List.of(CommandTypes.RENEW_NODE_CERTIFICATES, "schedule", victim),
                                List.of(CommandTypes.RENEW_NODE_CERTIFICATES, "members", victim),
                                List.of(CommandTypes.ENABLE_SSL, "schedule", "it-nobody"),
                                List.of(CommandTypes.SET_MAINTENANCE_WINDOW, "duration", "it-nobody"),
                                List.of(CommandTypes.SET_MAINTENANCE_WINDOW, "start", "it-nobody"),
                                List.of(CommandTypes.CANCEL_SCHEDULED_OPERATION, "operationId", victim),
                                List.of(CommandTypes.ABORT_OPERATION, "operationId", victim),
                                List.of(CommandTypes.ROLL_BACK_OPERATION, "operationId", victim),
                                List.of(CommandTypes.SET_RENEWAL_POLICY, "policy", "it-nobody")),
                        wrongJsonValue(), Arbitraries.of(true, false)).as((target, value, whole) -> key -> {
                    JsonNode payload = whole ? objectMapper.valueToTree(value)
                            : objectMapper.createObjectNode().set(target.get(1), objectMapper.valueToTree(value));
                    return bytes(envelope(key, target.get(0), target.get(2), payload).toString());
                }),
                // the new types' bodies with wrong values (Enable on an unregistered instance: a coerced value
                // that reads as valid meets INSTANCE_NOT_FOUND; the victim has SSL off, so the others are refused)
                Combinators.combine(Arbitraries.of(
                                List.of(CommandTypes.ENABLE_SSL, "requireTls", "it-nobody"),
                                List.of(CommandTypes.ROTATE_CERTIFICATE, "holdOldCa", victim),
                                List.of(CommandTypes.SET_TLS_ENFORCEMENT, "requireTls", victim),
                                List.of(CommandTypes.FINISH_ROTATION, "operationId", victim),
                                List.of(CommandTypes.ENABLE_SSL, "caKeyAlgorithm", "it-nobody"),
                                List.of(CommandTypes.ENABLE_SSL, "caValidity", "it-nobody"),
                                List.of(CommandTypes.ROTATE_CERTIFICATE, "nodeCertificateValidity", victim)),
                        wrongJsonValue(), Arbitraries.of(true, false)).as((target, value, whole) -> key -> {
                    JsonNode payload = whole ? objectMapper.valueToTree(value)
                            : objectMapper.createObjectNode().set(target.get(1), objectMapper.valueToTree(value));
                    return bytes(envelope(key, target.get(0), target.get(2), payload).toString());
                }),
                // deep nesting, huge records, garbage
                deepJson().map(deep -> key -> bytes(deep)),
                deepJson().map(deep -> key -> bytes("{\"commandId\":\"" + key + "\",\"type\":\"RegisterInstance\","
                        + "\"schemaVersion\":1,\"instanceId\":\"" + victim + "\",\"payload\":" + deep + "}")),
                Arbitraries.integers().between(70_000, 400_000).map(n -> key -> {
                    ObjectNode payload = objectMapper.valueToTree(registration(victim));
                    payload.put("padding", "x".repeat(n));
                    return bytes(envelope(key, CommandTypes.REGISTER_INSTANCE, victim, payload).toString());
                }),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> key -> b));
        int n = 0;
        for (var record : sample(records, 71L)) {
            String key = prefix + (n++);
            keys.add(key);
            sendCommandRecord(key, record.apply(key));
        }
        // certificate options with bad values on the victim (SSL off: an Enable past validation would run):
        // each one is a VALIDATION_FAILED dead letter
        List<String> optionKeys = new ArrayList<>();
        int o = 0;
        for (String options : sample(badCertificateOptions(), 73L)) {
            String key = prefix + "options-" + o;
            optionKeys.add(key);
            sendCommandRecord(key, bytes(envelope(key, o++ % 2 == 0 ? CommandTypes.ENABLE_SSL
                    : CommandTypes.ROTATE_CERTIFICATE, victim, objectMapper.readTree(options)).toString()));
        }
        // replayed commandIds with different bodies: the stored answer is repeated, nothing executes again
        String replayed = prefix + "replayed";
        sendCommandRecord(replayed, bytes(envelope(replayed, CommandTypes.DISABLE_SSL, victim, null).toString()));
        for (int i = 0; i < 5; i++) {
            sendCommandRecord(replayed, bytes(envelope(replayed, CommandTypes.ENABLE_SSL, victim, null).toString()));
        }
        String good = prefix + "good";
        String goodInstance = newInstanceId();
        sendCommandRecord(goodInstance, bytes(envelope(good, CommandTypes.REGISTER_INSTANCE, goodInstance,
                objectMapper.valueToTree(registration(goodInstance))).toString()));

        try (var dlt = new KafkaTopicReader(brokers(), Topics.COMMANDS_DLT);
             var results = new KafkaTopicReader(brokers(), Topics.COMMAND_RESULTS)) {
            await().atMost(WAIT).until(() -> results.recordsWithKey(good).size() == 1);
            await().atMost(WAIT).until(() -> results.recordsWithKey(replayed).size() == 6);
            await().atMost(WAIT).untilAsserted(() -> {
                var deadByKey = dlt.recordsByKey();
                var answeredByKey = results.recordsByKey();
                for (String key : keys) {
                    var dead = deadByKey.getOrDefault(key, List.of());
                    var answered = answeredByKey.getOrDefault(key, List.of());
                    assertThat(dead.size() + answered.size()).as("record %s answered or dead-lettered", key)
                            .isGreaterThanOrEqualTo(1);
                    dead.forEach(r -> assertThat(KafkaTopicReader.header(r, Headers.DLT_REASON_CODE)).isNotBlank());
                    answered.forEach(r -> assertThat(result(r).outcome()).as(key)
                            .isEqualTo(CommandResult.Outcome.REJECTED));
                }
            });
            await().atMost(WAIT).untilAsserted(() -> {
                var deadByKey = dlt.recordsByKey();
                for (String key : optionKeys) {
                    assertThat(deadByKey.getOrDefault(key, List.of())).as("options record %s", key).hasSize(1)
                            .allSatisfy(r -> assertThat(KafkaTopicReader.header(r, Headers.DLT_REASON_CODE))
                                    .isEqualTo("VALIDATION_FAILED"));
                }
            });
            String firstCode = result(results.recordsWithKey(replayed).get(0)).code();
            assertThat(results.recordsWithKey(replayed)).extracting(r -> result(r).code()).containsOnly(firstCode);
            assertThat(result(results.recordsWithKey(good).get(0)).outcome()).isEqualTo(CommandResult.Outcome.ACCEPTED);
        }
        counted("kafka.commands", keys.size() + 6);
        counted("kafka.certificate-options", optionKeys.size());
        assertThat(eventCount()).as("only the good registration was stored").isEqualTo(before + 1);
        assertThat(storedEventTypes(victim)).containsExactly("InstanceRegisteredEvent");
    }

    @Test
    void forgedProgressReportsChangeNothingAndTheConsumerKeepsGoing() {
        String victim = newInstanceId();
        register(victim);
        String op = enable(victim);
        long before = eventCount();
        Instant t = Instant.now();
        Arbitrary<RestartProgressReport> forged = Arbitraries.oneOf(
                // unknown operations on a real instance
                hostileIds().map(id -> new NodeRestartStartedReport(victim, "op-" + Math.abs(id.hashCode()), "n0", t,
                        1, null)),
                Arbitraries.of("n0", "n1", "n2").map(node -> new RestartFailedReport(victim, "op-forged", node, "x", t,
                        1, "ERROR")),
                Arbitraries.just(new RestartCompletedReport(victim, "op-forged", 5, t)),
                Arbitraries.integers().between(-3, 5).map(pass -> new OperationHeldReport(victim, "op-forged", pass, t)),
                // unknown nodes, passes the operation does not have, and hostile ids on the real operation
                hostileIds().map(id -> new NodeRestartedReport(victim, op, id, 1, t, 1, null)),
                hostileIds().map(id -> new NodeRestartStartedReport(victim, id, "n0", t, 1, null)),
                Arbitraries.of("n9", "N0", "n0 ", "n00").map(node -> new NodeRestartStartedReport(victim, op, node, t,
                        1, null)),
                Arbitraries.integers().between(3, Integer.MAX_VALUE).map(pass -> new NodeRestartedReport(victim, op,
                        "n0", 1, t, pass, null)),
                // the real operation does not hold (it is an Enable): a hold for any pass changes nothing
                Arbitraries.integers().map(pass -> new OperationHeldReport(victim, op, pass, t)),
                Arbitraries.just(new OperationHeldReport(victim, op, 2, null)),
                // observations and failure codes that are not what a worker writes
                hostileIds().map(serial -> new NodeRestartedReport(victim, op, "n1", 1, t, 9,
                        new NodeObservation(TlsMode.ALLOW, List.of(serial), NodeRole.SECONDARY))),
                Arbitraries.integers().between(9, 40).map(size -> new NodeRestartedReport(victim, op, "n1", 1, t, 1,
                        new NodeObservation(TlsMode.ALLOW, java.util.Collections.nCopies(size, "ab"), null))),
                Arbitraries.just(new NodeRestartedReport(victim, op, "n1", 1, t, 1,
                        new NodeObservation(null, List.of(), null))),
                hostileIds().map(code -> new RestartFailedReport(victim, op, "n1", "x", t, 1, code)),
                // unknown instances, absurd numbers
                hostileIds().map(id -> new NodeRestartStartedReport(id, op, "n0", t, 1, null)),
                Arbitraries.longs().lessOrEqual(-1).map(ms -> new NodeRestartedReport(victim, op, "n1", ms, t, 1,
                        null)),
                Arbitraries.longs().lessOrEqual(-1).map(ms -> new RestartCompletedReport(victim, op, ms, t)),
                Arbitraries.just(new RestartFailedReport(victim, op, "n1", "", t, 1, null)),
                Arbitraries.just(new NodeRestartStartedReport(victim, op, "n1", null, 1, null)),
                // read-backs of an operation that was not aborted, and read-backs that are not what a worker writes
                Arbitraries.just(new NodeStatesObservedReport(victim, op, List.of(
                        new NodeTlsState("n0", TlsMode.ALLOW, List.of("ab"), "ab", true)), Map.of(), t)),
                hostileIds().map(id -> new NodeStatesObservedReport(victim, op, List.of(
                        new NodeTlsState(id, TlsMode.ALLOW, List.of(), null, true)), Map.of(), t)),
                hostileIds().map(serial -> new NodeStatesObservedReport(victim, op, List.of(
                        new NodeTlsState("n0", TlsMode.ALLOW, List.of(serial), serial, true)), Map.of(), t)),
                hostileIds().map(id -> new NodeStatesObservedReport(victim, op, List.of(), Map.of(id, id), t)),
                Arbitraries.just(new NodeStatesObservedReport(victim, op, List.of(
                        new NodeTlsState("n0", null, List.of(), null, true)), Map.of(), null)));
        String prefix = "hp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> keys = new ArrayList<>();
        int n = 0;
        for (RestartProgressReport report : sample(forged, 72L)) {
            String key = prefix + (n++);
            keys.add(key);
            send(Topics.RESTART_PROGRESS, key, codec.encode(codec.envelope(report, UUID.randomUUID().toString(),
                    report.instanceId(), null, Instant.now(), "system:restart-worker", report.operationId())));
        }
        // wrong JSON types in a progress envelope and its payload, deep nesting, garbage
        Arbitrary<byte[]> raw = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("type", "schemaVersion", "eventId", "instanceId", "occurredAt",
                        "payload"), wrongJsonValue()).as((field, value) -> {
                    ObjectNode env = objectMapper.createObjectNode().put("type", "NodeRestartStartedReport")
                            .put("schemaVersion", 1).put("eventId", UUID.randomUUID().toString())
                            .put("instanceId", victim).put("occurredAt", t.toString());
                    env.set("payload", objectMapper.createObjectNode().put("instanceId", victim)
                            .put("operationId", "op-forged").put("nodeName", "n0").put("startedAt", t.toString()));
                    env.set(field, objectMapper.valueToTree(value));
                    return bytes(env.toString());
                }),
                Combinators.combine(Arbitraries.of("instanceId", "operationId", "nodeName", "unreachableMillis",
                        "restartedAt", "pass", "observed"), wrongJsonValue()).as((field, value) -> {
                    ObjectNode payload = objectMapper.createObjectNode().put("instanceId", victim)
                            .put("operationId", "op-forged").put("nodeName", "n0").put("unreachableMillis", 5)
                            .put("restartedAt", t.toString());
                    payload.set(field, objectMapper.valueToTree(value));
                    ObjectNode env = objectMapper.createObjectNode().put("type", "NodeRestartedReport")
                            .put("schemaVersion", 1).put("eventId", UUID.randomUUID().toString())
                            .put("instanceId", victim).put("occurredAt", t.toString());
                    env.set("payload", payload);
                    return bytes(env.toString());
                }),
                deepJson().map(HostileInputIT::bytes),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
        for (byte[] record : sample(raw, 73L)) {
            String key = prefix + (n++);
            keys.add(key);
            send(Topics.RESTART_PROGRESS, key, record);
        }
        // a good report after the bad ones is folded in
        send(Topics.RESTART_PROGRESS, victim, codec.encode(codec.envelope(
                new NodeRestartStartedReport(victim, op, "n1", t, 1, NodeRole.SECONDARY), UUID.randomUUID().toString(),
                victim, null,
                Instant.now(), "system:restart-worker", op)));
        await().atMost(WAIT).until(() -> storedEventTypes(victim).contains("NodeRestartStartedEvent"));
        counted("kafka.progress", keys.size());
        // Forged reports may be dead-lettered (unknown instance, invalid) or ignored (unknown operation/node);
        // either way the only new event is the good report's.
        var types = storedEventTypes(victim);
        assertThat(types.subList(2, types.size())).as(String.join(",", types))
                .containsExactly("NodeRestartStartedEvent");
        assertThat(eventCount()).isEqualTo(before + 1);
        try (var dlt = new KafkaTopicReader(brokers(), Topics.RESTART_PROGRESS_DLT)) {
            var dead = dlt.records(r -> r.key() != null && r.key().startsWith(prefix));
            dead.forEach(r -> assertThat(KafkaTopicReader.header(r, Headers.DLT_REASON_CODE)).isNotBlank());
        }
        assertThat(storedEvents(victim).toString()).doesNotContain("op-forged");
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode envelope(String commandId, String type, String instanceId, JsonNode payload) {
        ObjectNode env = objectMapper.createObjectNode().put("commandId", commandId).put("type", type)
                .put("schemaVersion", 1).put("instanceId", instanceId).put("issuedAt", Instant.now().toString());
        if (payload != null) {
            env.set("payload", payload);
        }
        return env;
    }

    private CommandResult result(ConsumerRecord<String, byte[]> record) {
        return ((Decoded.Ok<CommandResult>) codec.read(record.value(), CommandResult.class)).value();
    }

    private long eventCount() {
        return database.getCollection("domainevents").countDocuments();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String jsonOf(Object value) {
        return json(value);
    }

    private static String headerSafe(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().filter(c -> c >= 0x21 && c < 0x7f).forEach(c -> out.append((char) c));
        return out.isEmpty() ? "k" : out.toString();
    }

    private HttpResponse<String> raw(String method, String path, String body) {
        return raw(method, path, body, Map.of());
    }

    /** Sent authenticated with the route's role (as the suite's cases are about content, not credentials). */
    private HttpResponse<String> raw(String method, String path, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (!headers.containsKey("Authorization")) {
            request.header("Authorization", TestTokens.bearer(defaultRoleFor(path)));
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request);
    }

    private HttpResponse<String> rawTyped(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .header("Authorization", TestTokens.bearer(defaultRoleFor(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // The server may close the connection after refusing a huge body before reading it all.
            throw new AssertionError("connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void assertProblem(HttpResponse<String> answer, String input) {
        String what = "input " + abbreviate(input) + " → " + answer.statusCode() + " " + abbreviate(answer.body());
        assertThat(answer.statusCode()).as(what).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(what)
                .startsWith("application/problem+json");
        JsonNode problem = json(answer);
        assertThat(problem.path("code").asText("")).as(what).isNotBlank();
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(answer.statusCode());
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String escaped = s.codePoints().limit(160).collect(StringBuilder::new,
                (b, c) -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)),
                StringBuilder::append).toString();
        return s.length() > 160 ? escaped + "…(" + s.length() + ")" : escaped;
    }

    private static java.security.cert.X509Certificate certificate(KeyPair key, Instant from, Instant to)
            throws Exception {
        var name = new X500Name("CN=junk");
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                java.util.Date.from(from), java.util.Date.from(to), name, key.getPublic());
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
