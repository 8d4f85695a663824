package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.security.Role;
import dev.sslplane.testsupport.OpenApiSpecCheck;
import io.swagger.v3.oas.models.OpenAPI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command service's OpenAPI document as client generators get it from the running service: written to
 * {@code target/openapi/command-service.json}, valid for swagger-parser, and every operation documented (id,
 * summary, bearer security, problem answers, request examples; see {@link OpenApiSpecCheck}). What the document
 * says about security is checked against the running security chain too.
 */
class OpenApiSpecIT extends IntegrationTestBase {

    /** The command API has no route the security configuration lets through without a token. */
    private static final Set<String> PUBLIC_OPERATIONS = Set.of();

    private OpenAPI api;

    @BeforeEach
    void fetchDocument() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs", Map.of("Authorization", TestTokens.bearer(Role.VIEWER)));
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        api = OpenApiSpecCheck.parse(docs.body(), Path.of("target", "openapi", "command-service.json"));
    }

    @Test
    void everyOperationIsDocumentedForClientGenerators() {
        assertThat(OpenApiSpecCheck.violations(api, PUBLIC_OPERATIONS)).isEmpty();
        assertThat(OpenApiSpecCheck.routes(api)).extracting(OpenApiSpecCheck.Route::operationId)
                .contains("registerInstance", "enableSsl", "rotateCertificate", "disableSsl", "setTlsEnforcement",
                        "retryOperation", "finishRotation", "signNodeCertificate");
    }

    @Test
    void acceptedCommandsDocumentThePositionOfTheirWrite() {
        // read-your-writes: the 201/202 bodies carry the position the query service's reads take
        assertThat(api.getComponents().getSchemas().get("OperationAccepted").getProperties())
                .containsKeys("operationId", "location", "position");
        assertThat(api.getComponents().getSchemas().get("InstanceRegistered").getProperties())
                .containsKeys("location", "position");
        assertThat(api.getPaths().get("/api/v1/instances/{instanceId}/ssl:enable").getPost().getResponses()
                .get("202").getDescription()).contains("?position=");
    }

    @Test
    void enableAndRotateBodiesDescribeTheCertificateOptions() {
        for (String body : new String[] {"EnableSslRequest", "RotateCertificateRequest"}) {
            Map<String, io.swagger.v3.oas.models.media.Schema> properties =
                    api.getComponents().getSchemas().get(body).getProperties();
            assertThat(properties.get("caKeyAlgorithm").getEnum()).as(body)
                    .containsExactlyElementsOf(CertificateOptions.KEY_ALGORITHMS);
            assertThat(properties.get("caValidity").getPattern()).as(body).isNotBlank();
            assertThat("P825D").matches(properties.get("caValidity").getPattern());
            assertThat("P1Y").doesNotMatch(properties.get("nodeCertificateValidity").getPattern());
            assertThat(properties.get("nodeCertificateValidity").getDescription()).as(body)
                    .contains("never longer than the CA");
        }
    }

    @Test
    void everyOperationThatDeclaresSecurityRefusesARequestWithoutAToken() {
        for (OpenApiSpecCheck.Route route : OpenApiSpecCheck.routes(api)) {
            String path = route.path().replaceAll("\\{[^}]+}", "openapi-probe");
            HttpResponse<String> answer = route.method().equals("GET") ? get(path, Map.of())
                    : postRaw(path, null, Map.of());
            if (route.secured()) {
                assertThat(answer.statusCode()).as(route.toString()).isEqualTo(401);
            } else {
                assertThat(answer.statusCode()).as(route.toString()).isNotEqualTo(401);
            }
        }
    }
}
