package dev.sslplane.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.contracts.error.ErrorCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A service's OpenAPI document checked as the services that generate clients from it read it: written to a file,
 * parsed and validated by swagger-parser (any message fails), then held to the project's rules — every operation
 * has an id, a summary, bearer security unless it is listed as public, and its problem answers: each 4xx/5xx
 * response is {@code application/problem+json} with the {@code Problem} schema and lists its stable codes in
 * {@code x-problem-codes}, each an {@link ErrorCode} answered with that very status.
 */
public final class OpenApiSpecCheck {

    public static final String BEARER = "bearerAuth";
    static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String CODES = "x-problem-codes";

    /** One operation of the document: how to call it and whether it says it needs a token. */
    public record Route(String method, String path, String operationId, boolean secured) {
    }

    private OpenApiSpecCheck() {
    }

    /** Writes {@code json} pretty-printed to {@code file} and parses it; fails on any parser message. */
    public static OpenAPI parse(String json, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json)));
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
        if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new AssertionError(file + " is not a valid OpenAPI document: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    /** Every operation of the document. */
    public static List<Route> routes(OpenAPI api) {
        List<Route> routes = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                routes.add(new Route(method.name(), path, operation.getOperationId(),
                        operation.getSecurity() != null && !operation.getSecurity().isEmpty()))));
        return routes;
    }

    /**
     * What breaks the rules, one line each; empty when the document keeps them.
     *
     * @param publicOperations the ids of the operations the service's security lets through without a token
     */
    public static List<String> violations(OpenAPI api, Set<String> publicOperations) {
        List<String> violations = new ArrayList<>();
        SecurityScheme bearer = api.getComponents() == null || api.getComponents().getSecuritySchemes() == null
                ? null : api.getComponents().getSecuritySchemes().get(BEARER);
        if (bearer == null || bearer.getType() != SecurityScheme.Type.HTTP || !"bearer".equals(bearer.getScheme())) {
            violations.add("no http bearer security scheme named " + BEARER);
        }
        if (api.getSecurity() != null && !api.getSecurity().isEmpty()) {
            violations.add("a document-wide security requirement (it would claim the public routes need a token)");
        }
        violations.addAll(ProblemSchemaRules.check(api));
        Set<String> ids = new HashSet<>();
        Set<String> unseenPublic = new HashSet<>(publicOperations);
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String route = method + " " + path;
            if (!path.startsWith("/api/")) {
                violations.add(route + ": not an API route (console pages and redirects stay out of the document)");
            }
            if (isBlank(operation.getOperationId()) || !ids.add(operation.getOperationId())) {
                violations.add(route + ": missing or repeated operationId " + operation.getOperationId());
            }
            if (isBlank(operation.getSummary())) {
                violations.add(route + ": no summary");
            }
            boolean isPublic = unseenPublic.remove(operation.getOperationId());
            violations.addAll(securityViolations(route, operation, isPublic));
            violations.addAll(problemViolations(route, operation, isPublic));
            violations.addAll(exampleViolations(route, operation.getRequestBody()));
        }));
        unseenPublic.forEach(id -> violations.add("public operation " + id + " is not in the document"));
        return violations;
    }

    private static List<String> securityViolations(String route, Operation operation, boolean isPublic) {
        boolean declared = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (isPublic) {
            return declared ? List.of(route + ": public, but declares security") : List.of();
        }
        boolean bearer = declared && operation.getSecurity().stream().allMatch(r -> r.containsKey(BEARER));
        return bearer ? List.of() : List.of(route + ": needs a token, but declares no " + BEARER + " security");
    }

    private static List<String> problemViolations(String route, Operation operation, boolean isPublic) {
        List<String> violations = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        if (operation.getResponses() == null) {
            return List.of(route + ": no responses");
        }
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                violations.addAll(problemResponseViolations(route + " " + status, status, response, codes));
            }
        });
        List<ErrorCode> required = isPublic ? List.of(ErrorCode.NOT_ACCEPTABLE, ErrorCode.INTERNAL_ERROR)
                : List.of(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_ACCEPTABLE, ErrorCode.INTERNAL_ERROR);
        required.stream().filter(code -> !codes.contains(code.name()))
                .forEach(code -> violations.add(route + ": does not document " + code + " (" + code.status() + ")"));
        if (isPublic && codes.contains(ErrorCode.UNAUTHENTICATED.name())) {
            violations.add(route + ": public, but documents " + ErrorCode.UNAUTHENTICATED);
        }
        return violations;
    }

    private static List<String> problemResponseViolations(String where, String status, ApiResponse response,
                                                          Set<String> seen) {
        List<String> violations = new ArrayList<>();
        MediaType problem = response.getContent() == null ? null
                : response.getContent().get("application/problem+json");
        Schema<?> schema = problem == null ? null : problem.getSchema();
        if (schema == null || !PROBLEM_REF.equals(schema.get$ref())) {
            violations.add(where + ": not an application/problem+json " + PROBLEM_REF);
        }
        Object listed = response.getExtensions() == null ? null : response.getExtensions().get(CODES);
        if (!(listed instanceof List<?> codes) || codes.isEmpty()) {
            violations.add(where + ": lists no stable codes (" + CODES + ")");
            return violations;
        }
        for (Object code : codes) {
            ErrorCode known = errorCode(String.valueOf(code));
            if (known == null || !Integer.toString(known.status()).equals(status)) {
                violations.add(where + ": " + code + " is no ErrorCode answered with " + status);
            } else if (response.getDescription() == null || !response.getDescription().contains(known.name())) {
                violations.add(where + ": the description does not name " + code);
            }
            seen.add(String.valueOf(code));
        }
        return violations;
    }

    private static List<String> exampleViolations(String route, RequestBody body) {
        if (body == null || body.getContent() == null || !body.getContent().containsKey("application/json")) {
            return List.of();
        }
        MediaType json = body.getContent().get("application/json");
        boolean hasExample = json.getExample() != null || (json.getExamples() != null && !json.getExamples().isEmpty());
        return hasExample ? List.of() : List.of(route + ": a JSON request body without an example");
    }

    private static ErrorCode errorCode(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
