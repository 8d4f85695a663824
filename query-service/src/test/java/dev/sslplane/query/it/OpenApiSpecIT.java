package dev.sslplane.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.testsupport.OpenApiSpecCheck;
import io.swagger.v3.oas.models.OpenAPI;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * The query service's OpenAPI document as client generators get it from the running service: written to
 * {@code target/openapi/query-service.json}, valid for swagger-parser, and every operation documented (id,
 * summary, bearer security, problem answers; see {@link OpenApiSpecCheck}), the console's pages left out. What
 * the document says about security is checked against the running security chain too.
 */
class OpenApiSpecIT extends QueryServiceITBase {

    /** The routes the security configuration lets through without a token (the console reads it first). */
    private static final Set<String> PUBLIC_OPERATIONS = Set.of("getConsoleConfig");

    private OpenAPI api;

    @BeforeEach
    void fetchDocument() throws Exception {
        String docs = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        api = OpenApiSpecCheck.parse(docs, Path.of("target", "openapi", "query-service.json"));
    }

    @Test
    void everyOperationIsDocumentedForClientGenerators() {
        assertThat(OpenApiSpecCheck.violations(api, PUBLIC_OPERATIONS)).isEmpty();
        assertThat(api.getPaths()).doesNotContainKeys("/", "/console", "/console/");
        assertThat(OpenApiSpecCheck.routes(api)).extracting(OpenApiSpecCheck.Route::operationId)
                .contains("getInstanceSsl", "downloadCaCertificate", "getOperation", "streamOperation",
                        "listAuditEntries", "getConsoleConfig");
    }

    @Test
    void everyPerInstanceReadTakesAPositionAndDocumentsItsBound() {
        var perInstance = api.getPaths().entrySet().stream()
                .filter(path -> path.getKey().startsWith("/api/v1/instances/{id}")).toList();
        assertThat(perInstance).hasSize(7);
        perInstance.forEach(path -> {
            var get = path.getValue().getGet();
            assertThat(get.getParameters()).as(path.getKey())
                    .anySatisfy(p -> {
                        assertThat(p.getName()).isEqualTo("position");
                        // the parser reads OpenAPI 3.1: the kind of parameter is its class, the type a set
                        assertThat(p.getIn() == null ? p.getClass().getSimpleName() : p.getIn())
                                .isIn("query", "QueryParameter");
                        assertThat(p.getSchema().getType() == null ? String.valueOf(p.getSchema().getTypes())
                                : p.getSchema().getType()).contains("integer");
                    });
            var behind = get.getResponses().get("503");
            assertThat(behind.getExtensions().get("x-problem-codes")).as(path.getKey())
                    .asList().contains("READ_MODEL_BEHIND");
            assertThat(behind.getHeaders()).as(path.getKey()).containsKey("Retry-After");
        });
    }

    @Test
    void everyOperationThatDeclaresSecurityRefusesARequestWithoutAToken() {
        for (OpenApiSpecCheck.Route route : OpenApiSpecCheck.routes(api)) {
            String path = route.path().replaceAll("\\{[^}]+}", "openapi-probe");
            int status = client(null).method(HttpMethod.valueOf(route.method())).uri(path).exchange()
                    .returnResult(String.class).getStatus().value();
            if (route.secured()) {
                assertThat(status).as(route.toString()).isEqualTo(401);
            } else {
                assertThat(status).as(route.toString()).isNotEqualTo(401);
            }
        }
    }
}
