package dev.sslplane.security.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.error.ErrorCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiDocumentationTest {

    private static final ApiDocumentation DOCUMENTATION = new ApiDocumentation(Map.of(
            "POST /api/v1/things", ApiOperation.secured("createThing", List.of(ErrorCode.UNAUTHENTICATED,
                            ErrorCode.FORBIDDEN, ErrorCode.INSTANCE_NOT_IN_SCOPE, ErrorCode.RATE_LIMITED))
                    .withExample("small", Map.of("size", 1)),
            "GET /api/v1/config", ApiOperation.open("getConfig", List.of(ErrorCode.INTERNAL_ERROR))));

    @Test
    void securedOperationsGetTheirIdTheBearerRequirementAndOneProblemAnswerPerStatus() {
        OpenAPI api = document();
        DOCUMENTATION.applyTo(api);

        Operation create = api.getPaths().get("/api/v1/things").getPost();
        assertThat(create.getOperationId()).isEqualTo("createThing");
        assertThat(create.getSecurity()).containsExactly(new SecurityRequirement().addList("bearerAuth"));
        assertThat(create.getResponses()).containsOnlyKeys("201", "401", "403", "429");
        ApiResponse forbidden = create.getResponses().get("403");
        assertThat(forbidden.getDescription()).isEqualTo("Forbidden: FORBIDDEN, INSTANCE_NOT_IN_SCOPE");
        assertThat(forbidden.getExtensions()).containsEntry("x-problem-codes",
                List.of("FORBIDDEN", "INSTANCE_NOT_IN_SCOPE"));
        assertThat(forbidden.getContent().get("application/problem+json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(create.getResponses().get("429").getHeaders()).containsKey("Retry-After");
        assertThat(create.getResponses().get("401").getHeaders()).containsKey("WWW-Authenticate");
        assertThat(create.getRequestBody().getContent().get("application/json").getExamples()).containsKey("small");
    }

    @Test
    void theTableReplacesOtherErrorAnswersAndProblemTypesOnSuccess() {
        OpenAPI api = document();
        DOCUMENTATION.applyTo(api);

        Operation create = api.getPaths().get("/api/v1/things").getPost();
        assertThat(create.getResponses()).doesNotContainKey("500");
        assertThat(create.getResponses().get("201").getContent()).containsOnlyKeys("application/json");
    }

    @Test
    void publicOperationsDeclareAnEmptyRequirementAndTheDocumentNone() {
        OpenAPI api = document();
        DOCUMENTATION.applyTo(api);

        assertThat(api.getSecurity()).isNull();
        assertThat(api.getPaths().get("/api/v1/config").getGet().getSecurity()).isEmpty();
        assertThat(api.getComponents().getSecuritySchemes().get("bearerAuth").getScheme()).isEqualTo("bearer");
        assertThat(api.getComponents().getSchemas().get("Problem").getRequired()).contains("status", "code");
    }

    @Test
    void aRouteMissingFromTheTableIsLeftAsItWas() {
        OpenAPI api = document();
        Operation other = new Operation().operationId("other").responses(new ApiResponses());
        api.getPaths().addPathItem("/api/v1/other", new PathItem().get(other));
        DOCUMENTATION.applyTo(api);

        assertThat(other.getOperationId()).isEqualTo("other");
        assertThat(other.getSecurity()).isNull();
        assertThat(other.getResponses()).isEmpty();
    }

    @Test
    void anOperationIdUsedTwiceIsRefused() {
        assertThatThrownBy(() -> new ApiDocumentation(Map.of(
                "GET /a", ApiOperation.secured("same", List.of()),
                "GET /b", ApiOperation.secured("same", List.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same");
    }

    /** What springdoc makes of a controller: a global requirement, a 500 from advice, problem+json on success. */
    private static OpenAPI document() {
        Content created = new Content().addMediaType("application/json", new MediaType())
                .addMediaType("application/problem+json", new MediaType());
        Operation create = new Operation().responses(new ApiResponses()
                        .addApiResponse("201", new ApiResponse().description("created").content(created))
                        .addApiResponse("500", new ApiResponse().description("from advice")))
                .requestBody(new RequestBody().content(new Content().addMediaType("application/json",
                        new MediaType())));
        Operation config = new Operation().responses(new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("ok")));
        return new OpenAPI().addSecurityItem(new SecurityRequirement().addList("bearer"))
                .paths(new Paths()
                        .addPathItem("/api/v1/things", new PathItem().post(create))
                        .addPathItem("/api/v1/config", new PathItem().get(config)));
    }
}
