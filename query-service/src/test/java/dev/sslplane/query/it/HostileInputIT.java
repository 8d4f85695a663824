package dev.sslplane.query.it;

import static dev.sslplane.testsupport.UrlEncoding.pathSegment;
import static dev.sslplane.testsupport.UrlEncoding.queryValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.query.support.Lifecycle;
import dev.sslplane.query.support.TestCredentials;
import dev.sslplane.security.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * Hostile-input suite, the query service's counterpart of the command service's: jqwik generators feed malformed
 * and hostile input to every query endpoint, authenticated (as an admin, so only the input decides): unicode
 * tricks and traversal in ids, huge and invalid parameters, forged and tampered cursors, bad time ranges, huge
 * headers, Accept variations, hostile Authorization values. Expected: a 4xx problem document with a code (401
 * for a bad credential), never a 5xx, and the service still healthy afterwards. Requests go over a raw socket so
 * nothing is cleaned up on the way. The generators run inside JUnit tests with fixed seeds, to share the one
 * Spring context of {@link QueryServiceITBase}; {@link #TRIES} bounds each family.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT extends QueryServiceITBase {

    static final int TRIES = 50;
    private static final Map<String, Integer> CASES = new TreeMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-28T14:00:00Z");

    /** Statuses the HTTP codec (Reactor Netty) answers itself, before any application code, without a body. */
    private static final List<Integer> CODEC_REFUSALS = List.of(400, 413, 414, 431);

    private static String instanceId;
    private static String operationId;

    @AfterAll
    static void report() {
        System.out.println("[hostile-input] cases per family: " + CASES + ", total "
                + CASES.entrySet().stream().filter(e -> !e.getKey().equals("answered-by-http-codec")) // a subset of the others
                        .mapToInt(Map.Entry::getValue).sum());
    }

    private static synchronized void counted(String family, int n) {
        CASES.merge(family, n, Integer::sum);
    }

    /** {@link #TRIES} values of a jqwik arbitrary, reproducible: the seed fixes jqwik's source of randomness. */
    private static <T> List<T> sample(Arbitrary<T> arbitrary, long seed) {
        net.jqwik.engine.SourceOfRandomness.create(String.valueOf(seed));
        return arbitrary.sampleStream().limit(TRIES).toList();
    }

    /** One real instance with a completed operation, so valid requests around the hostile part reach the data. */
    @BeforeEach
    void anInstanceWithACompletedOperation() {
        synchronized (HostileInputIT.class) {
            if (instanceId == null) {
                String id = unique("rs-hostile");
                String op = "op-" + id;
                var life = new Lifecycle(id, T0, 2).register();
                life.enable(op, life.newCa()).restartAll(op, 1).complete(op, OperationKind.ENABLE);
                publish(life);
                // a second instance, so the instance list has a second page (and a cursor to tamper with)
                publish(new Lifecycle(id + "-b", T0, 1).register());
                await().atMost(WAIT).untilAsserted(() -> http.get().uri("/api/v1/instances/{id}/ssl", id + "-b")
                        .exchange().expectStatus().isOk());
                await().atMost(WAIT).untilAsserted(() -> http.get().uri("/api/v1/instances/{id}/ssl", id)
                        .exchange().expectStatus().isOk().expectBody().jsonPath("$.sslStatus").isEqualTo("ENABLED"));
                instanceId = id;
                operationId = op;
            }
        }
    }

    // ---------------------------------------------------------------- generators

    /** Ids with unicode tricks, traversal and encoded separators; raw text that goes into a URL path segment. */
    static Arbitrary<String> hostileIds() {
        Arbitrary<String> tricks = Arbitraries.of(
                "rs\u202Egnp.exe", "rs\u200Bdemo", "r\u0455-demo" /* Cyrillic dze */, "rs\u0000demo", "rs%00demo",
                "..%2F..%2Fadmin", "..%2F..", "%2F", "a%2Fb", "..", ".", "...", "a|b", "%2e%2e%2f%2e%2e",
                "\uFEFFrs", "rs demo", "rs\tdemo", "rs\ndemo", "\uD83D\uDE00", "%252F", "a;b", "a\\b", "-rs",
                "_rs", "rs\u0301", "ｒｓ-demo" /* fullwidth */, "rs%ZZ", "$where", "{\"$gt\":\"\"}", "rs.*",
                "^rs", "a".repeat(129), "a".repeat(3000), "%C0%AE%C0%AE%2F", "%uFF0E", "rs\uDC00");
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> mixed = Combinators.combine(Arbitraries.of("rs-", "it-", ""), tricks, unicode)
                .as((a, b, c) -> a + b + c);
        return Arbitraries.oneOf(tricks, unicode, mixed);
    }

    /** Query-parameter values that are no valid limit, status, type, actor or instance id. */
    static Arbitrary<String> hostileValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("-1", "0", "501", "2147483648", "-2147483649", "9".repeat(40), "1e3", "0x10",
                        "1.5", "", " ", "NaN", "null", "[]", "{}", "١٢" /* Arabic-Indic digits */, "\u0000",
                        "ENABLED\u0000", "enabled ", "DISABLED;DROP", "$ne", "{\"$ne\":null}", "*", ".*",
                        "x".repeat(3000)),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60),
                Arbitraries.integers().map(String::valueOf));
    }

    /** Cursors this API never returned: random base64, tampered real ones, forged plain text. */
    static Arbitrary<String> badCursors(String realInstanceCursor, String realAuditCursor) {
        Arbitrary<String> randomBase64 = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(600)
                .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        Arbitrary<String> tampered = Combinators.combine(Arbitraries.of(realInstanceCursor, realAuditCursor),
                Arbitraries.integers().between(0, 1000), Arbitraries.chars().ascii())
                .as((cursor, at, c) -> {
                    var chars = cursor.toCharArray();
                    chars[at % chars.length] = c;
                    return new String(chars);
                });
        Arbitrary<String> forged = Arbitraries.of(
                "a|", "a||", "a|x|y", "a|99999999999999999999|e", "a|-9223372036854775808|e",
                "a|9223372036854775807|e", "a|1|", "a|1|e|f", "i|", "i", "x|1|e", "a|+1|e", "a|1e3|e",
                "a|0x1|e", "i|\u0000", "i|" + "z".repeat(400), "a|1|" + "\uD800", "\u00ff\u00fe")
                .map(s -> Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> notBase64 = Arbitraries.of("!!!", "====", "a", "ab=c", "%00", "a b", "a+b/c==",
                "\u00e9t\u00e9", "x".repeat(2000), "YQ", "YQ=", "YQ==");
        return Arbitraries.oneOf(randomBase64, tampered, forged, notBase64);
    }

    /** From/to pairs that are no valid range: unparsable, inverted, empty, beyond what a date can hold. */
    static Arbitrary<String[]> badTimeRanges() {
        Arbitrary<String> badInstant = Arbitraries.of("yesterday", "2026-13-01T00:00:00Z", "2026-11-28",
                "2026-11-28T10:00:00", "2026-11-28T10:00:00+25:00", "1e12", "-1", "", " ",
                "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
                "+292278994-08-17T07:12:55.808Z", "-292275055-05-16T16:47:04.191Z", "2026-11-28T10:00:00Z\u0000",
                "2026-11-28T10:00:00Z;", "0000-00-00T00:00:00Z", "9".repeat(500));
        Arbitrary<String[]> inverted = Arbitraries.integers().between(0, 100_000)
                .map(s -> new String[] {T0.plusSeconds(s + 1L).toString(), T0.toString()});
        Arbitrary<String[]> empty = Arbitraries.integers().between(0, 100_000)
                .map(s -> new String[] {T0.plusSeconds(s).toString(), T0.plusSeconds(s).toString()});
        Arbitrary<String[]> extreme = Arbitraries.of(
                new String[] {"+1000000000-12-31T23:59:59Z", null}, new String[] {null, "-1000000000-01-01T00:00:00Z"},
                new String[] {"-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z"});
        return Arbitraries.oneOf(
                Combinators.combine(badInstant, Arbitraries.of(true, false))
                        .as((v, first) -> first ? new String[] {v, null} : new String[] {null, v}),
                inverted, empty, extreme);
    }

    /** Authorization header values that carry no valid credential. */
    static Arbitrary<String> hostileAuthorizations() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = b64("{\"sub\":\"mallory\",\"roles\":[\"admin\"],\"exp\":9999999999}");
        String hs256 = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String real = TestCredentials.token(Role.ADMIN);
        Arbitrary<String> fixed = Arbitraries.of(
                "Bearer", "Bearer ", "Bearer  ", "bearer", "Bearer " + header + "." + claims + ".",
                "Bearer " + header + "." + claims, "Bearer " + hs256 + "." + claims + ".c2lnbmF0dXJl",
                "Bearer eyJ.eyJ.x", "Bearer ...", "Bearer a.b.c", "Bearer ..", "Bearer " + real + "x",
                "Bearer " + real.substring(0, real.length() - 1), "Bearer " + real.toUpperCase(Locale.ROOT),
                "Bearer " + real + " " + real, "Bearer  " + real + "\t", "Basic " + b64("admin:admin"),
                "Digest username=\"admin\"", "Token " + real, real, "Bearer sslp_", "Bearer " + "a".repeat(513),
                "Bearer sslp_" + "A".repeat(4000), "Bearer " + "x.".repeat(2000) + "x",
                "Bearer \u00e9\u00e8", "Bearer %00", "Bearer null", "Bearer undefined", "Bearer {}",
                "Bearer " + TestCredentials.jwtWithWrongKey("mallory", List.of("admin")),
                "Bearer " + TestCredentials.expiredJwt("alice", List.of("admin")));
        Arbitrary<String> random = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(0).ofMaxLength(200)
                .map(s -> "Bearer " + s);
        Arbitrary<String> randomJwtShape = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1)
                .ofMaxLength(60).list().ofSize(3).map(parts -> "Bearer " + String.join(".", parts));
        return Arbitraries.oneOf(fixed, random, randomJwtShape);
    }

    // ---------------------------------------------------------------- REST

    @Test
    void hostileIdsOnEveryEndpointAreRefusedWithProblems() {
        for (String id : sample(hostileIds(), 81L)) {
            String segment = pathSegment(id);
            List<String> targets = List.of(
                    "/api/v1/instances/" + segment + "/ssl",
                    "/api/v1/instances/" + segment + "/ssl/certificates",
                    "/api/v1/instances/" + segment + "/ssl/nodes/rs0-0/certificates",
                    "/api/v1/instances/" + instanceId + "/ssl/nodes/" + segment + "/certificates",
                    "/api/v1/instances/" + segment + "/ssl/ca.pem",
                    "/api/v1/instances/" + segment + "/ssl/ca-bundle.pem",
                    "/api/v1/instances/" + segment + "/operations/op-1",
                    "/api/v1/instances/" + segment + "/operations/op-1/stream",
                    "/api/v1/instances/" + instanceId + "/operations/" + segment,
                    "/api/v1/instances/" + instanceId + "/operations/" + segment + "/stream",
                    "/api/v1/audit?instanceId=" + segment,
                    "/api/v1/audit/export?instanceId=" + segment);
            for (String target : targets) {
                assertRefused(get(target, admin()), target, false);
            }
            counted("rest.hostile-ids", targets.size());
        }
    }

    @Test
    void invalidAndHugeQueryParametersAreRefusedWithProblems() {
        for (String value : sample(hostileValues(), 82L)) {
            String v = queryValue(value);
            List<String> targets = new ArrayList<>(List.of(
                    "/api/v1/instances?limit=" + v,
                    "/api/v1/audit?limit=" + v,
                    "/api/v1/audit?type=" + v,
                    "/api/v1/audit?actor=" + v,
                    "/api/v1/audit/export?actor=" + v + "&type=" + v));
            if (!value.equalsIgnoreCase("enabled") && !value.equalsIgnoreCase("disabled")) {
                targets.add("/api/v1/instances?sslStatus=" + v);
            }
            for (String target : targets) {
                var answer = get(target, admin());
                if (answer.status() == 200 && acceptableAsValid(target, value)) {
                    counted("rest.query-params(valid-after-all)", 1);
                    continue;
                }
                assertRefused(answer, target, true);
                counted("rest.query-params", 1);
            }
        }
        // a query string of 64 KiB and a thousand repeated parameters
        for (String target : List.of("/api/v1/instances?limit=" + "9".repeat(65_536),
                "/api/v1/audit?" + "type=A&".repeat(1000) + "type=" + "x".repeat(100),
                "/api/v1/instances?sslStatus=ENABLED&sslStatus=DISABLED&limit=1&limit=2")) {
            assertRefused(get(target, admin()), target.substring(0, 60), true);
            counted("rest.query-params", 1);
        }
    }

    @Test
    void forgedAndTamperedCursorsAreRefusedWithProblems() {
        String instanceCursor = nextCursor("/api/v1/instances?limit=1");
        String auditCursor = nextCursor("/api/v1/audit?limit=1");
        int stillValid = 0;
        for (String cursor : sample(badCursors(instanceCursor, auditCursor), 83L)) {
            String c = queryValue(cursor);
            for (String target : List.of("/api/v1/instances?limit=1&cursor=" + c, "/api/v1/audit?limit=1&cursor=" + c)) {
                var answer = get(target, admin());
                if (answer.status() == 200 && stillDecodes(cursor, target)) {
                    // a tampered character that still decodes to a well-formed position: just another position
                    stillValid++;
                    counted("rest.cursors(well-formed-after-tampering)", 1);
                    continue;
                }
                assertRefused(answer, target, true);
                counted("rest.cursors", 1);
            }
        }
        assertThat(stillValid).as("most tampered cursors are refused").isLessThan(TRIES);
    }

    @Test
    void badTimeRangesAreRefusedWithProblems() {
        for (String[] range : sample(badTimeRanges(), 84L)) {
            StringBuilder query = new StringBuilder("?instanceId=" + instanceId);
            if (range[0] != null) {
                query.append("&from=").append(queryValue(range[0]));
            }
            if (range[1] != null) {
                query.append("&to=").append(queryValue(range[1]));
            }
            for (String path : List.of("/api/v1/audit", "/api/v1/audit/export")) {
                assertRefused(get(path + query, admin()), path + query, true);
                counted("rest.time-ranges", 1);
            }
        }
    }

    @Test
    void hugeHeadersAndAcceptVariationsAreRefusedWithProblems() {
        var sizes = Arbitraries.integers().between(9 * 1024, 128 * 1024);
        for (int size : sample(sizes, 85L).subList(0, 20)) {
            var headers = admin();
            headers.put("X-Padding", "p".repeat(size));
            var answer = get("/api/v1/instances/" + instanceId + "/ssl", headers);
            assertRefused(answer, "header of " + size + " bytes", true);
            counted("rest.huge-headers", 1);
        }
        var many = admin();
        for (int i = 0; i < 300; i++) {
            many.put("X-Many-" + i, "v".repeat(100));
        }
        assertRefused(get("/api/v1/instances", many), "300 headers", true);
        counted("rest.huge-headers", 1);

        Arbitrary<String> accepts = Arbitraries.oneOf(
                Arbitraries.of("text/xml", "image/png", "application/xml", "text/csv", "application/x-pem-file",
                        "application/json;q=0", "*/*;q=0", "text/html", "application/octet-stream",
                        "a/b/c", "*/*;q=abc", "application", ";", "/", "*/json", "application/json;charset=\u0000",
                        "text/*;level=" + "1".repeat(2000), "application/" + "x".repeat(3000)),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(80));
        List<String> targets = List.of("/api/v1/instances", "/api/v1/instances/" + instanceId + "/ssl",
                "/api/v1/instances/" + instanceId + "/ssl/certificates", "/api/v1/instances/" + instanceId
                        + "/ssl/ca.pem", "/api/v1/instances/" + instanceId + "/operations/" + operationId,
                "/api/v1/instances/" + instanceId + "/operations/" + operationId + "/stream", "/api/v1/audit",
                "/api/v1/audit/export", "/api/v1/admin/digests", "/api/v1/me");
        int i = 0;
        for (String accept : sample(accepts, 86L)) {
            for (String target : List.of(targets.get(i++ % targets.size()), targets.get(i++ % targets.size()))) {
                var headers = admin();
                headers.put("Accept", accept);
                var answer = get(target, headers);
                if (answer.status() >= 200 && answer.status() < 300 && producesAcceptable(answer, accept)) {
                    // the Accept value happened to admit what the endpoint produces
                    counted("rest.accept(acceptable-after-all)", 1);
                    continue;
                }
                assertRefused(answer, target + " Accept: " + accept, true);
                counted("rest.accept", 1);
            }
        }
    }

    @Test
    void hostileAuthorizationValuesAnswer401() {
        List<String> targets = List.of("/api/v1/instances", "/api/v1/instances/" + instanceId + "/ssl",
                "/api/v1/instances/" + instanceId + "/ssl/ca.pem",
                "/api/v1/instances/" + instanceId + "/ssl/ca-bundle.pem",
                "/api/v1/instances/" + instanceId + "/operations/" + operationId + "/stream", "/api/v1/audit",
                "/api/v1/audit/export", "/api/v1/admin/digests", "/api/v1/me", "/actuator/prometheus");
        int i = 0;
        for (String authorization : sample(hostileAuthorizations(), 87L)) {
            String target = targets.get(i++ % targets.size());
            var answer = get(target, new LinkedHashMap<>(Map.of("Authorization", authorization)));
            if (CODEC_REFUSALS.contains(answer.status()) && answer.body().isEmpty()) {
                assertRefused(answer, target + " Authorization: " + authorization, true);
            } else {
                assertProblem(answer, target + " Authorization: " + authorization, 401, "UNAUTHENTICATED");
                assertThat(answer.header("www-authenticate")).startsWith("Bearer");
            }
            counted("rest.authorization", 1);
        }
        // two Authorization headers: refused, never the first or the last one taken silently
        var twice = get("/api/v1/admin/digests", List.of(Map.entry("Authorization", "Bearer " + TestCredentials
                .token(Role.VIEWER)), Map.entry("Authorization", "Bearer " + TestCredentials.token(Role.ADMIN))));
        assertThat(twice.status()).as("two Authorization headers").isBetween(400, 499);
        counted("rest.authorization", 1);
    }

    @Test
    void pathTricksWithAViewerTokenNeverReachAdminOrAudit() {
        var viewer = new LinkedHashMap<>(Map.of("Authorization", "Bearer " + TestCredentials.token(Role.VIEWER)));
        List<String> tricks = List.of("/api/v1/admin/digests", "//api/v1/admin/digests", "/api/v1//admin/digests",
                "/api/v1/admin/./digests", "/api/v1/instances/../admin/digests", "/api/v1/instances/%2e%2e/admin/digests",
                "/api/v1/instances/..%2fadmin/digests", "/api/v1/instances/%2e%2e%2fadmin%2fdigests",
                "/api/v1/ADMIN/digests", "/api/v1/admin/digests/", "/api/v1/admin/digests;x=y",
                "/api/v1/admin;x=y/digests", "/api/v1/admin%2fdigests", "/api/v1/%61dmin/digests",
                "/api/v1/audit", "//api/v1/audit", "/api/v1/instances/../audit", "/api/v1/audit/", "/api/v1/audit;a=b",
                "/api/v1/%61udit/export", "/api/v1/instances/%2e%2e/audit/export", "/api/v1/Audit",
                "/api/v1/audit/export/", "/./api/v1/audit", "/api/v1/instances/..;/audit");
        for (String trick : tricks) {
            var answer = get(trick, viewer);
            assertThat(answer.status()).as(trick + " → " + answer.status() + " " + abbreviate(answer.body()))
                    .isBetween(400, 499);
            if (answer.status() != 400 || !answer.body().isEmpty()) {
                assertRefused(answer, trick, true);
            }
            counted("rest.path-tricks", 1);
        }
        var methods = List.of("POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND");
        for (String method : methods) {
            for (String target : List.of("/api/v1/instances", "/api/v1/instances/" + instanceId + "/ssl",
                    "/api/v1/audit/export", "/api/v1/me")) {
                assertRefused(request(method, target, admin(), null), method + " " + target, true);
                counted("rest.methods", 1);
            }
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterAllOfItTheServiceIsHealthyAndAnswers() {
        var health = get("/actuator/health", new LinkedHashMap<>());
        assertThat(health.status()).isEqualTo(200);
        assertThat(readJson(health.body()).path("status").asText()).isIn("UP", "LAGGING");
        var status = get("/api/v1/instances/" + instanceId + "/ssl", admin());
        assertThat(status.status()).isEqualTo(200);
        assertThat(readJson(status.body()).path("sslStatus").asText()).isEqualTo("ENABLED");
    }

    // ---------------------------------------------------------------- helpers

    private static LinkedHashMap<String, String> admin() {
        return new LinkedHashMap<>(Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
    }

    private String nextCursor(String target) {
        var answer = get(target, admin());
        assertThat(answer.status()).isEqualTo(200);
        String cursor = readJson(answer.body()).path("nextCursor").asText(null);
        assertThat(cursor).as("a second page exists for " + target).isNotNull();
        return cursor;
    }

    /** A tampered cursor may still decode to a well-formed position of the right kind. */
    private static boolean stillDecodes(String cursor, String target) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (target.startsWith("/api/v1/instances")) {
                return raw.startsWith("i|") && raw.length() > 2;
            }
            String[] parts = raw.split("\\|", 3);
            Long.parseLong(parts[1]);
            return parts.length == 3 && parts[0].equals("a") && !parts[2].isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A hostile value that is nonetheless valid where it went (a limit in range, a well-formed type or actor). */
    private static boolean acceptableAsValid(String target, String value) {
        if (target.contains("limit=")) {
            try {
                int n = Integer.parseInt(value);
                return n >= 1 && n <= 500;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (target.contains("actor=")) {
            return value.matches("[\\p{Alnum}._:@/+-]{1,200}")
                    && (!target.contains("type=") || value.matches("[A-Za-z][A-Za-z0-9]{0,63}"));
        }
        if (target.contains("type=")) {
            return value.matches("[A-Za-z][A-Za-z0-9]{0,63}");
        }
        return false;
    }

    private static boolean producesAcceptable(Answer answer, String accept) {
        String type = answer.header("content-type");
        if (type == null) {
            return false;
        }
        try {
            var produced = org.springframework.http.MediaType.parseMediaType(type);
            return org.springframework.http.MediaType.parseMediaTypes(accept).stream()
                    // q=0 ("not acceptable" in RFC 9110) is not honoured by Spring's negotiation: counted as served
                    .anyMatch(a -> a.isCompatibleWith(produced));
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

    private void assertRefused(Answer answer, String input, boolean codecMayRefuse) {
        if (codecMayRefuse && CODEC_REFUSALS.contains(answer.status()) && answer.body().isEmpty()
                && answer.header("content-type") == null) {
            // refused by the HTTP codec before the application (line or header too long, bad request line)
            counted("answered-by-http-codec", 1);
            return;
        }
        assertProblem(answer, input, -1, null);
    }

    private void assertProblem(Answer answer, String input, int status, String code) {
        String what = "input " + abbreviate(input) + " → " + answer.status() + " " + abbreviate(answer.body());
        if (status > 0) {
            assertThat(answer.status()).as(what).isEqualTo(status);
        }
        assertThat(answer.status()).as(what).isBetween(400, 499);
        assertThat(answer.header("content-type")).as(what).startsWith("application/problem+json");
        JsonNode problem = readJson(answer.body());
        assertThat(problem.path("code").asText("")).as(what).isNotBlank();
        if (code != null) {
            assertThat(problem.path("code").asText()).as(what).isEqualTo(code);
        }
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(answer.status());
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + abbreviate(body), e);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
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

    // ---------------------------------------------------------------- a raw HTTP/1.1 client

    /** An answer: status, headers by lower-case name, body (de-chunked). */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            var values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    private Answer get(String target, Map<String, String> headers) {
        return request("GET", target, headers, null);
    }

    private Answer get(String target, List<Map.Entry<String, String>> headers) {
        return send("GET", target, headers);
    }

    private Answer request(String method, String target, Map<String, String> headers, String body) {
        return send(method, target, new ArrayList<>(headers.entrySet()));
    }

    /** Sends the request bytes as given (UTF-8), with {@code Connection: close}, and reads the whole answer. */
    private Answer send(String method, String target, List<Map.Entry<String, String>> headers) {
        var request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n").append("Connection: close\r\n");
        headers.forEach(h -> request.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        request.append("\r\n");
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return parse(readAll(socket.getInputStream()), target);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete answer within 30 s to " + method + " " + abbreviate(target), e);
        } catch (IOException e) {
            // a connection reset before any answer is no problem document either
            throw new AssertionError("connection failed for " + method + " " + abbreviate(target) + ": " + e, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            if (out.size() == 0) {
                throw reset;
            }
        }
        return out.toByteArray();
    }

    private static Answer parse(byte[] raw, String target) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no HTTP answer to " + abbreviate(target) + ": " + abbreviate(text));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        var encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            body = dechunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        var out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i < body.length - 1; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
