package dev.sslplane.commandservice.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI document at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearer";

    @Bean
    OpenAPI commandServiceOpenApi() {
        return new OpenAPI()
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API token (sslp_...) or a JWT from the configured issuer")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .info(new Info()
                .title("sslplane command service")
                .version("v1")
                .description("Write side of the SSL control plane for MongoDB replica sets. Accepted changes answer "
                        + "202 with an operation id; progress is read from the query service. Errors are RFC 7807 "
                        + "problem documents with a stable `code`; 401 UNAUTHENTICATED, 403 FORBIDDEN / "
                        + "INSTANCE_NOT_IN_SCOPE and 429 RATE_LIMITED (Retry-After) on every route."));
    }
}
