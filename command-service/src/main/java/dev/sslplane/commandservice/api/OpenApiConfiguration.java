package dev.sslplane.commandservice.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI document at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI commandServiceOpenApi() {
        return new OpenAPI().info(new Info()
                .title("sslplane command service")
                .version("v1")
                .description("Write side of the SSL control plane for MongoDB replica sets. Accepted changes answer "
                        + "202 with an operation id; progress is read from the query service. Errors are RFC 7807 "
                        + "problem documents with a stable `code`."));
    }
}
