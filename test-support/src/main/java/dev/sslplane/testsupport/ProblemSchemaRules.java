package dev.sslplane.testsupport;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code Problem} schema every problem answer refers to: RFC 7807's fields plus the stable {@code code}. */
final class ProblemSchemaRules {

    private static final List<String> FIELDS = List.of("type", "title", "status", "detail", "instance", "code");

    private ProblemSchemaRules() {
    }

    static List<String> check(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents() == null ? null : api.getComponents().getSchemas();
        Schema<?> problem = schemas == null ? null : schemas.get("Problem");
        if (problem == null || problem.getProperties() == null) {
            return List.of("no Problem schema in components");
        }
        List<String> violations = new ArrayList<>();
        FIELDS.stream().filter(field -> !problem.getProperties().containsKey(field))
                .forEach(field -> violations.add("the Problem schema has no " + field));
        if (problem.getRequired() == null || !problem.getRequired().contains("code")) {
            violations.add("the Problem schema does not require code");
        }
        return violations;
    }
}
