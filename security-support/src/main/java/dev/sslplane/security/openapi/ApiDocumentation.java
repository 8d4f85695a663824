package dev.sslplane.security.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a service's table of {@link ApiOperation}s to the document springdoc built from the code: operation
 * ids, bearer security, problem answers and request examples are written here, in one place per service, instead
 * of in annotations on every handler. Springdoc knows the routes and bodies; only the table knows which codes a
 * route's handler, filters and security chain answer with.
 *
 * <p>A route missing from the table is logged and left as springdoc made it (the service still serves its
 * document); each service's OpenAPI test fails on it.
 */
public final class ApiDocumentation {

    /** The security scheme every secured operation names. */
    public static final String BEARER = "bearerAuth";

    private static final Logger log = LoggerFactory.getLogger(ApiDocumentation.class);

    private final Map<String, ApiOperation> byRoute;

    /** @param byRoute the operations by {@code "METHOD /path/{var}"}, as the document names their routes */
    public ApiDocumentation(Map<String, ApiOperation> byRoute) {
        Set<String> ids = new HashSet<>();
        byRoute.values().forEach(operation -> {
            if (!ids.add(operation.id())) {
                throw new IllegalArgumentException("operation id " + operation.id() + " is used twice");
            }
        });
        this.byRoute = Map.copyOf(byRoute);
    }

    public void applyTo(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API token (sslp_...) or a JWT from the configured issuer"))
                .addSchemas(ProblemAnswers.SCHEMA_NAME, ProblemAnswers.schema()));
        // per operation only: a document-wide requirement would also claim the public routes need a token
        openApi.setSecurity(null);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String route = method.name() + " " + path;
            ApiOperation documented = byRoute.get(route);
            if (documented == null) {
                log.warn("{} is not in the service's OpenAPI table: no security, problems or id documented", route);
            } else {
                apply(documented, operation);
            }
        }));
    }

    private static void apply(ApiOperation documented, Operation operation) {
        operation.setOperationId(documented.id());
        operation.setSecurity(documented.isPublic() ? List.of()
                : List.of(new SecurityRequirement().addList(BEARER)));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        // the table is the one source of error answers: whatever annotations or advice scanning added goes
        responses.keySet().removeIf(status -> status.startsWith("4") || status.startsWith("5"));
        // a route that produces problem documents for its errors lists that type for its success too: not so
        responses.values().stream().filter(response -> response.getContent() != null)
                .forEach(response -> response.getContent().remove(ProblemAnswers.MEDIA_TYPE));
        ProblemAnswers.responses(documented.problems()).forEach(responses::addApiResponse);
        operation.setResponses(responses);
        if (!documented.requestExamples().isEmpty()) {
            addExamples(documented, operation);
        }
    }

    private static void addExamples(ApiOperation documented, Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            log.warn("operation {} has request examples but no request body", documented.id());
            return;
        }
        MediaType json = operation.getRequestBody().getContent().get("application/json");
        if (json == null) {
            log.warn("operation {} has request examples but takes no application/json", documented.id());
            return;
        }
        documented.requestExamples().forEach((name, body) -> json.addExamples(name, new Example().value(body)));
    }
}
