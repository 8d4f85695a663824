package dev.sslplane.commandservice.api.openapi;

import dev.sslplane.security.openapi.ApiDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI document at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}. Springdoc reads routes and
 * bodies from the controllers; ids, security, problem answers and examples come from {@link CommandOperations}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI commandServiceOpenApi() {
        return new OpenAPI().info(new Info()
                .title("sslplane command service")
                .version("v1")
                .description("Write side of the SSL control plane for MongoDB replica sets. Accepted changes answer "
                        + "202 with an operation id; progress is read from the query service. Every route needs a "
                        + "bearer token (API token or JWT) with the role it names. Errors are RFC 7807 problem "
                        + "documents (application/problem+json) with a stable `code`; each operation lists the "
                        + "codes it can answer with per status (also as `x-problem-codes`). Any request the "
                        + "firewall or the servlet container refuses before routing (malformed URL or headers) is "
                        + "answered 400 MALFORMED_REQUEST, an unknown route 404 NOT_FOUND, another method 405 "
                        + "METHOD_NOT_ALLOWED."));
    }

    @Bean
    OpenApiCustomizer commandOperationsDocumentation() {
        ApiDocumentation documentation = new ApiDocumentation(CommandOperations.BY_ROUTE);
        return documentation::applyTo;
    }

    @Bean
    OpenApiCustomizer certificateOptionsDocumentation() {
        return CertificateOptionsSchema::applyTo;
    }
}
