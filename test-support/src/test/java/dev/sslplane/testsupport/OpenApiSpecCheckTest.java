package dev.sslplane.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiSpecCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aDocumentThatKeepsTheRulesHasNoViolations() throws Exception {
        assertThat(OpenApiSpecCheck.violations(parse(document()), Set.of("getConfig"))).isEmpty();
    }

    @Test
    void anOperationWithoutSecurityIsAViolationUnlessListedAsPublic() throws Exception {
        ObjectNode doc = document();
        operation(doc, "/api/v1/things").remove("security");
        assertThat(OpenApiSpecCheck.violations(parse(doc), Set.of("getConfig")))
                .containsExactly("GET /api/v1/things: needs a token, but declares no bearerAuth security");
        assertThat(OpenApiSpecCheck.violations(parse(document()), Set.of("getConfig", "listThings")))
                .contains("GET /api/v1/things: public, but declares security");
    }

    @Test
    void anOperationWithoutItsProblemAnswersIsAViolation() throws Exception {
        ObjectNode doc = document();
        ((ObjectNode) operation(doc, "/api/v1/things").get("responses")).remove("401");
        assertThat(OpenApiSpecCheck.violations(parse(doc), Set.of("getConfig")))
                .containsExactly("GET /api/v1/things: does not document UNAUTHENTICATED (401)");
    }

    @Test
    void aCodeUnderAnotherStatusThanItsOwnIsAViolation() throws Exception {
        ObjectNode doc = document();
        ObjectNode response = (ObjectNode) operation(doc, "/api/v1/things").get("responses").get("401");
        ((ArrayNode) response.get("x-problem-codes")).add("FORBIDDEN");
        response.put("description", "Unauthorized: UNAUTHENTICATED, FORBIDDEN");
        assertThat(OpenApiSpecCheck.violations(parse(doc), Set.of("getConfig")))
                .containsExactly("GET /api/v1/things 401: FORBIDDEN is no ErrorCode answered with 401");
    }

    @Test
    void summaryAndApiPathsAreRequired() throws Exception {
        ObjectNode doc = document();
        operation(doc, "/api/v1/things").remove("summary");
        ObjectNode console = doc.get("paths").get("/api/v1/config").deepCopy();
        ((ObjectNode) console.get("get")).put("operationId", "redirectToConsole");
        ((ObjectNode) doc.get("paths")).set("/console", console);
        assertThat(OpenApiSpecCheck.violations(parse(doc), Set.of("getConfig"))).containsExactlyInAnyOrder(
                "GET /api/v1/things: no summary",
                "GET /console: not an API route (console pages and redirects stay out of the document)",
                "GET /console: needs a token, but declares no bearerAuth security",
                "GET /console: does not document UNAUTHENTICATED (401)");
    }

    @Test
    void aRepeatedOperationIdIsRejectedByTheParser() throws Exception {
        ObjectNode doc = document();
        operation(doc, "/api/v1/things").put("operationId", "getConfig");
        assertThatThrownBy(() -> parse(doc)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("operationId is repeated");
    }

    @Test
    void aDocumentTheParserRejectsFails() throws Exception {
        ObjectNode doc = document();
        doc.remove("info");
        assertThatThrownBy(() -> parse(doc)).isInstanceOf(AssertionError.class).hasMessageContaining("info");
    }

    private OpenAPI parse(ObjectNode doc) throws Exception {
        return OpenApiSpecCheck.parse(JSON.writeValueAsString(doc), dir.resolve("spec.json"));
    }

    private static ObjectNode operation(ObjectNode doc, String path) {
        return (ObjectNode) doc.get("paths").get(path).get("get");
    }

    /** A small document that keeps every rule: one secured operation, one public one. */
    private static ObjectNode document() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"openapi": "3.0.1", "info": {"title": "t", "version": "v1"},
                 "paths": {
                  "/api/v1/things": {"get": {"operationId": "listThings", "summary": "List things",
                    "security": [{"bearerAuth": []}],
                    "responses": {"200": {"description": "the things"},
                      "401": %s, "406": %s, "500": %s}}},
                  "/api/v1/config": {"get": {"operationId": "getConfig", "summary": "Configuration",
                    "security": [],
                    "responses": {"200": {"description": "it"}, "406": %s, "500": %s}}}},
                 "components": {
                  "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
                  "schemas": {"Problem": {"type": "object", "required": ["status", "code"], "properties": {
                    "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                    "detail": {"type": "string"}, "instance": {"type": "string"}, "code": {"type": "string"}}}}}}
                """.formatted(problem("Unauthorized", "UNAUTHENTICATED"), problem("Not Acceptable", "NOT_ACCEPTABLE"),
                problem("Internal Server Error", "INTERNAL_ERROR"), problem("Not Acceptable", "NOT_ACCEPTABLE"),
                problem("Internal Server Error", "INTERNAL_ERROR")));
    }

    private static String problem(String reason, String code) {
        return """
                {"description": "%s: %s", "x-problem-codes": ["%s"], "content": {"application/problem+json":
                  {"schema": {"$ref": "#/components/schemas/Problem"}}}}""".formatted(reason, code, code);
    }
}
