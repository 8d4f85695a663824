package dev.sslplane.query.api.openapi;

import dev.sslplane.security.openapi.ApiDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI document at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}. Springdoc reads routes and
 * responses from the controllers (and {@code StatusRoute}'s {@code @RouterOperation}); ids, security, problem
 * answers come from {@link QueryOperations}. The console's pages are no API and are hidden where they are mapped.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI queryServiceOpenApi() {
        return new OpenAPI().info(new Info()
                .title("sslplane query service")
                .version("v1")
                .description("Read side of the SSL control plane for MongoDB replica sets: SSL status, certificate "
                        + "history, CA download, operation progress (also live, as server-sent events), the audit "
                        + "trail and read-model rebuilds. Every route but the console's configuration needs a "
                        + "bearer token (API token or JWT) with the role it names; a credential limited to some "
                        + "instances sees only those. Errors are RFC 7807 problem documents "
                        + "(application/problem+json) with a stable `code`; each operation lists the codes it can "
                        + "answer with per status (also as `x-problem-codes`). A URL the firewall refuses before "
                        + "routing (encoded separators or dots, control characters) is answered 400 "
                        + "REQUEST_REJECTED, an unknown route 404 NOT_FOUND, another method 405 METHOD_NOT_ALLOWED."));
    }

    @Bean
    OpenApiCustomizer queryOperationsDocumentation() {
        ApiDocumentation documentation = new ApiDocumentation(QueryOperations.BY_ROUTE);
        return documentation::applyTo;
    }
}
