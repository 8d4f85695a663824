package dev.sslplane.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.query.support.Lifecycle;
import dev.sslplane.query.support.TestCredentials;
import dev.sslplane.security.InstanceScope;
import dev.sslplane.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import dev.sslplane.query.api.ProblemDocuments;
import dev.sslplane.query.config.ConsoleProperties;
import dev.sslplane.query.security.SecurityConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Authentication, roles per route family, instance scopes, /me, the public console routes, CORS, actuator. */
class QuerySecurityIT extends QueryServiceITBase {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final InstanceScope SCOPE = new InstanceScope(
            List.of(TestCredentials.SCOPED_EXACT, TestCredentials.SCOPED_GLOB));

    /** One GET (or POST) of each route family that needs a credential. */
    private static final List<String[]> PROTECTED = List.of(
            new String[] {"GET", "/api/v1/instances"},
            new String[] {"GET", "/api/v1/instances/rs-any/ssl"},
            new String[] {"GET", "/api/v1/instances/rs-any/ssl/certificates"},
            new String[] {"GET", "/api/v1/instances/rs-any/ssl/ca.pem"},
            new String[] {"GET", "/api/v1/instances/rs-any/ssl/ca-bundle.pem"},
            new String[] {"GET", "/api/v1/instances/rs-any/operations/op-1"},
            new String[] {"GET", "/api/v1/instances/rs-any/operations/op-1/stream"},
            new String[] {"GET", "/api/v1/audit"},
            new String[] {"GET", "/api/v1/audit/export"},
            new String[] {"GET", "/api/v1/admin/replay"},
            new String[] {"POST", "/api/v1/admin/replay"},
            new String[] {"GET", "/api/v1/admin/digests"},
            new String[] {"GET", "/api/v1/me"},
            new String[] {"GET", "/actuator/metrics"},
            new String[] {"GET", "/actuator/prometheus"},
            new String[] {"GET", "/actuator/env"},
            new String[] {"GET", "/v3/api-docs"},
            new String[] {"GET", "/api/v1/unknown"});

    @Test
    void withoutAValidTokenEveryProtectedRouteAnswers401() {
        List<String> invalid = new ArrayList<>();
        invalid.add(null);
        invalid.add("sslp_" + UUID.randomUUID());
        invalid.add("not-a-token");
        invalid.add("aaa.bbb.ccc");
        invalid.add(TestCredentials.jwtWithWrongKey("mallory", List.of("admin")));
        invalid.add(TestCredentials.expiredJwt("alice", List.of("admin")));
        for (String token : invalid) {
            WebTestClient client = client(token);
            for (String[] route : PROTECTED) {
                String what = route[0] + " " + route[1] + " with " + (token == null ? "no token" : token);
                JsonNode problem = client.method(HttpMethod.valueOf(route[0])).uri(route[1]).exchange()
                        .expectStatus().isUnauthorized()
                        .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody(JsonNode.class).returnResult().getResponseBody();
                assertThat(problem.get("code").asText()).as(what).isEqualTo("UNAUTHENTICATED");
                assertThat(problem.get("status").asInt()).as(what).isEqualTo(401);
            }
        }
        // a Basic credential is no bearer token
        client(null).get().uri("/api/v1/instances").header("Authorization", "Basic YWRtaW46YWRtaW4=").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void rolesDecideWhichRouteFamiliesAnswer() {
        forbidden(Role.WORKER, "/api/v1/audit");
        forbidden(Role.WORKER, "/api/v1/instances");
        forbidden(Role.WORKER, "/api/v1/admin/digests");
        forbidden(Role.VIEWER, "/api/v1/audit");
        forbidden(Role.VIEWER, "/api/v1/audit/export");
        forbidden(Role.OPERATOR, "/api/v1/audit");
        forbidden(Role.VIEWER, "/api/v1/admin/digests");
        forbidden(Role.VIEWER, "/api/v1/admin/replay");
        forbidden(Role.OPERATOR, "/api/v1/admin/digests");
        forbidden(Role.OPERATOR, "/api/v1/admin/replay");
        forbidden(Role.AUDITOR, "/api/v1/instances");
        forbidden(Role.AUDITOR, "/api/v1/instances/rs-any/ssl");
        forbidden(Role.AUDITOR, "/api/v1/admin/digests");
        forbidden(Role.VIEWER, "/actuator/metrics");
        forbidden(Role.OPERATOR, "/actuator/prometheus");
        forbidden(Role.AUDITOR, "/actuator/metrics");
        forbidden(Role.WORKER, "/actuator/prometheus");
        // the scraper's token reads metrics only
        forbidden(Role.METRICS, "/api/v1/instances");
        forbidden(Role.METRICS, "/api/v1/instances/rs-any/ssl");
        forbidden(Role.METRICS, "/api/v1/audit");
        forbidden(Role.METRICS, "/api/v1/admin/digests");
        client(TestCredentials.token(Role.OPERATOR)).post().uri("/api/v1/admin/replay").exchange()
                .expectStatus().isForbidden();

        allowed(Role.VIEWER, "/api/v1/instances");
        allowed(Role.OPERATOR, "/api/v1/instances");
        allowed(Role.ADMIN, "/api/v1/instances");
        allowed(Role.AUDITOR, "/api/v1/audit");
        allowed(Role.ADMIN, "/api/v1/audit");
        allowed(Role.ADMIN, "/api/v1/admin/digests");
        allowed(Role.ADMIN, "/actuator/metrics");
        allowed(Role.ADMIN, "/actuator/prometheus");
        allowed(Role.METRICS, "/actuator/metrics");
        allowed(Role.METRICS, "/actuator/prometheus");
        for (Role role : Role.values()) {
            allowed(role, "/api/v1/me");
        }
    }

    @Test
    void aScopedCredentialSeesOnlyItsInstances() {
        String inGlob = "scoped-in-" + UUID.randomUUID().toString().substring(0, 8);
        String outside = unique("scoped-out");
        String lookalike = "scoped-inX" + UUID.randomUUID().toString().substring(0, 8);
        for (String id : List.of(TestCredentials.SCOPED_EXACT, inGlob, outside, lookalike)) {
            publish(new Lifecycle(id, T0, 1).register().enable("op-" + id, new Lifecycle(id, T0, 1).newCa()));
        }
        for (String id : List.of(TestCredentials.SCOPED_EXACT, inGlob, outside, lookalike)) {
            await().atMost(WAIT).untilAsserted(() -> http.get().uri("/api/v1/instances/{id}/ssl", id).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.sslStatus").isEqualTo("ENABLED"));
        }
        WebTestClient viewer = client(TestCredentials.scopedViewer());

        // the list, page by page (limit 1 so the scope filter and the cursor work together)
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = viewer.get().uri(cursor == null ? "/api/v1/instances?limit=1"
                            : "/api/v1/instances?limit=1&cursor=" + cursor).exchange()
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            page.get("items").forEach(item -> listed.add(item.get("instanceId").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(listed).contains(TestCredentials.SCOPED_EXACT, inGlob).doesNotContain(outside, lookalike)
                .allMatch(SCOPE::permits);
        JsonNode enabledOnly = viewer.get().uri("/api/v1/instances?sslStatus=ENABLED&limit=500").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        enabledOnly.get("items").forEach(item -> assertThat(SCOPE.permits(item.get("instanceId").asText())).isTrue());

        // every per-instance endpoint: inside answers, outside (existing or not) is refused the same way
        for (String path : List.of("/ssl", "/ssl/certificates", "/ssl/ca.pem", "/operations/op-%s",
                "/operations/op-%s/stream")) {
            if (!path.endsWith("stream")) {
                viewer.get().uri("/api/v1/instances/" + inGlob + path.formatted(inGlob)).exchange()
                        .expectStatus().isOk();
            }
            notInScope(viewer, "/api/v1/instances/" + outside + path.formatted(outside));
            notInScope(viewer, "/api/v1/instances/" + lookalike + path.formatted(lookalike));
            notInScope(viewer, "/api/v1/instances/never-registered" + path.formatted("x"));
        }
        // the bundle exists only during a rotation (409 inside the scope), but outside it is refused the same way
        viewer.get().uri("/api/v1/instances/" + inGlob + "/ssl/ca-bundle.pem").exchange()
                .expectStatus().isEqualTo(409);
        notInScope(viewer, "/api/v1/instances/" + outside + "/ssl/ca-bundle.pem");
        notInScope(viewer, "/api/v1/instances/never-registered/ssl/ca-bundle.pem");
        String pem = viewer.get().uri("/api/v1/instances/{id}/ssl/ca.pem", TestCredentials.SCOPED_EXACT).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");

        // the audit trail: pages and export hold only in-scope entries; asking for another instance is refused
        WebTestClient auditor = client(TestCredentials.scopedAuditor());
        List<String> audited = new ArrayList<>();
        cursor = null;
        do {
            JsonNode page = auditor.get().uri(cursor == null ? "/api/v1/audit?limit=2"
                            : "/api/v1/audit?limit=2&cursor=" + cursor).exchange()
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            page.get("items").forEach(item -> audited.add(item.get("instanceId").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(audited).contains(TestCredentials.SCOPED_EXACT, inGlob).allMatch(SCOPE::permits);
        String export = auditor.get().uri("/api/v1/audit/export").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> exported = export.lines().map(line -> readTree(line).get("instanceId").asText()).toList();
        assertThat(exported).contains(TestCredentials.SCOPED_EXACT, inGlob).allMatch(SCOPE::permits);
        auditor.get().uri("/api/v1/audit?instanceId=" + inGlob).exchange().expectStatus().isOk();
        notInScope(auditor, "/api/v1/audit?instanceId=" + outside);
        notInScope(auditor, "/api/v1/audit/export?instanceId=" + outside);
        // an unscoped admin sees the instance outside the scope in the audit trail
        assertThat(http.get().uri("/api/v1/audit/export?instanceId=" + outside).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains(outside);
    }

    @Test
    void meTellsNameEffectiveRolesAndScope() {
        JsonNode admin = me(TestCredentials.token(Role.ADMIN));
        assertThat(admin.get("name").asText()).isEqualTo("token:local-admin");
        assertThat(strings(admin.get("roles"))).containsExactly("admin", "operator", "viewer", "auditor", "metrics");
        assertThat(strings(admin.get("instances"))).containsExactly("*");
        assertThat(strings(me(TestCredentials.token(Role.OPERATOR)).get("roles")))
                .containsExactly("operator", "viewer");
        assertThat(strings(me(TestCredentials.token(Role.WORKER)).get("roles"))).containsExactly("worker");
        assertThat(strings(me(TestCredentials.token(Role.METRICS)).get("roles"))).containsExactly("metrics");
        JsonNode scoped = me(TestCredentials.scopedViewer());
        assertThat(scoped.get("name").asText()).isEqualTo("token:scoped-viewer");
        assertThat(strings(scoped.get("roles"))).containsExactly("viewer");
        assertThat(strings(scoped.get("instances")))
                .containsExactly(TestCredentials.SCOPED_EXACT, TestCredentials.SCOPED_GLOB);
        JsonNode jwt = me(TestCredentials.jwt("alice", List.of("operator", "some-other-app-role"),
                List.of("rs-prod-*")));
        assertThat(jwt.get("name").asText()).isEqualTo("jwt:alice");
        assertThat(strings(jwt.get("roles"))).containsExactly("operator", "viewer");
        assertThat(strings(jwt.get("instances"))).containsExactly("rs-prod-*");
    }

    @Test
    void jwtsSignedByTheConfiguredKeyAreAcceptedWithTheirRolesAndScope() {
        String id = "scoped-in-jwt-" + UUID.randomUUID().toString().substring(0, 8);
        publish(new Lifecycle(id, T0, 1).register());
        await().atMost(WAIT).untilAsserted(() -> http.get().uri("/api/v1/instances/{id}/ssl", id).exchange()
                .expectStatus().isOk());
        WebTestClient viewer = client(TestCredentials.jwt("bob", List.of("viewer"), List.of("scoped-in-jwt-*")));
        viewer.get().uri("/api/v1/instances/{id}/ssl", id).exchange().expectStatus().isOk();
        notInScope(viewer, "/api/v1/instances/" + TestCredentials.SCOPED_EXACT + "/ssl");
        viewer.get().uri("/api/v1/audit").exchange().expectStatus().isForbidden();
        JsonNode page = viewer.get().uri("/api/v1/instances?limit=500").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(page.get("items")).isNotEmpty()
                .allMatch(item -> item.get("instanceId").asText().startsWith("scoped-in-jwt-"));
        client(TestCredentials.jwt("carol", List.of("admin"), null)).get().uri("/api/v1/admin/digests").exchange()
                .expectStatus().isOk();
        client(TestCredentials.jwt("dave", List.of("unknown-role"), null)).get().uri("/api/v1/instances")
                .exchange().expectStatus().isForbidden();
        client(TestCredentials.jwtWithWrongKey("carol", List.of("admin"))).get().uri("/api/v1/admin/digests")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theConsoleAndItsConfigurationArePublicWithAStrictPolicy() {
        WebTestClient anonymous = client(null);
        anonymous.get().uri("/api/v1/console/config").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.commandServiceUrl").isEqualTo("http://localhost:18081");
        anonymous.get().uri("/").exchange().expectStatus().isFound()
                .expectHeader().valueEquals("Location", "/console/");
        anonymous.get().uri("/console").exchange().expectStatus().isFound()
                .expectHeader().valueEquals("Location", "/console/");
        var index = anonymous.get().uri("/console/").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Cache-Control", "no-cache")
                .expectBody(String.class).returnResult();
        assertThat(index.getResponseBody()).contains("<html");
        String csp = index.getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'").contains("script-src 'self'")
                .contains("connect-src 'self' http://localhost:18081").doesNotContain("unsafe-inline");
        String lastModified = index.getResponseHeaders().getFirst("Last-Modified");
        anonymous.get().uri("/console/").header("If-Modified-Since", lastModified).exchange()
                .expectStatus().isNotModified();
        anonymous.get().uri("/console/index.html").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Cache-Control", "no-cache")
                .expectHeader().exists("Content-Security-Policy");
        // nothing outside the console directory is served as a static file, and the API stays protected
        anonymous.get().uri("/console/../application.yml").exchange().expectStatus().value(s ->
                assertThat(s).isIn(400, 401, 404));
        anonymous.get().uri("/application.yml").exchange().expectStatus().isUnauthorized();
        http.get().uri("/application.yml").exchange().expectStatus().isNotFound();
        http.get().uri("/.gitkeep").exchange().expectStatus().isNotFound();
        anonymous.post().uri("/api/v1/console/config").exchange().expectStatus().isUnauthorized();
        // the API's answers carry no console policy but do carry nosniff
        http.get().uri("/api/v1/instances").exchange().expectStatus().isOk()
                .expectHeader().doesNotExist("Content-Security-Policy")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void apiDocsAndSwaggerUiNeedATokenUnlessMadePublic() {
        client(null).get().uri("/v3/api-docs").exchange().expectStatus().isUnauthorized();
        client(null).get().uri("/swagger-ui.html").exchange().expectStatus().isUnauthorized();
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        String location = http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        http.get().uri(location).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
    }

    @Test
    void corsAllowsTheConfiguredOriginOnly() {
        client(null).options().uri("/api/v1/instances")
                .header("Origin", CONSOLE_ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", CONSOLE_ORIGIN);
        http.get().uri("/api/v1/instances").header("Origin", CONSOLE_ORIGIN).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", CONSOLE_ORIGIN);
        client(null).options().uri("/api/v1/instances")
                .header("Origin", "http://evil.example.test")
                .header("Access-Control-Request-Method", "GET")
                .exchange().expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
        http.get().uri("/api/v1/instances").header("Origin", "http://evil.example.test").exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
        client(null).options().uri("/api/v1/instances")
                .header("Origin", CONSOLE_ORIGIN)
                .header("Access-Control-Request-Method", "DELETE")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void actuatorExposesHealthInfoAndMetricsForAdminsOnly() {
        WebTestClient anonymous = client(null);
        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
        anonymous.get().uri("/actuator/health/liveness").exchange().expectStatus().value(s ->
                assertThat(s).isIn(200, 404));
        anonymous.get().uri("/actuator/info").exchange().expectStatus().isOk();
        for (String hidden : List.of("/actuator/env", "/actuator/configprops", "/actuator/env/MONGODB_URI",
                "/actuator/beans", "/actuator/heapdump", "/actuator/loggers")) {
            anonymous.get().uri(hidden).exchange().expectStatus().isUnauthorized();
            http.get().uri(hidden).exchange().expectStatus().isNotFound();
        }
        anonymous.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        forbidden(Role.VIEWER, "/actuator/prometheus");
        String scrape = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("jvm_");
        assertThat(scrape).doesNotContain(TestCredentials.token(Role.ADMIN));
    }

    @Test
    void refusesToStartWithoutACredentialSource() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withUserConfiguration(SecurityConfig.class, ConsoleSettings.class, ProblemDocuments.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("no credentials configured");
                });
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withUserConfiguration(SecurityConfig.class, ConsoleSettings.class, ProblemDocuments.class)
                .withPropertyValues("sslplane.security.tokens-file=" + TestCredentials.tokensFile())
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecurityWebFilterChain.class));
    }

    @EnableConfigurationProperties(ConsoleProperties.class)
    static class ConsoleSettings {
    }

    // ---------------------------------------------------------------- helpers

    private void forbidden(Role role, String uri) {
        JsonNode problem = client(TestCredentials.token(role)).get().uri(uri).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("code").asText()).as(role + " " + uri).isEqualTo("FORBIDDEN");
    }

    private void allowed(Role role, String uri) {
        client(TestCredentials.token(role)).get().uri(uri).exchange().expectStatus().isOk();
    }

    private void notInScope(WebTestClient client, String uri) {
        var result = client.get().uri(uri).exchange()
                .expectStatus().isForbidden()
                .expectBody(JsonNode.class).returnResult();
        assertThat(result.getResponseHeaders().getContentType()).as(uri)
                .matches(t -> t.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(result.getResponseBody().get("code").asText()).as(uri).isEqualTo("INSTANCE_NOT_IN_SCOPE");
    }

    private JsonNode me(String token) {
        return client(token).get().uri("/api/v1/me").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode readTree(String line) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    line.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
