package dev.sslplane.security.openapi;

import dev.sslplane.contracts.error.ErrorCode;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The problem documents (RFC 7807) of the OpenAPI documents: one {@code Problem} schema, and per operation one
 * response per status listing the codes answered with it. The codes go in the description (for people) and in
 * {@code x-problem-codes} (for tools), not in per-response schemas, so a generator makes one {@code Problem}
 * model instead of one per response; {@code code} is an extensible enum, so a client built today still reads a
 * code added tomorrow.
 */
final class ProblemAnswers {

    static final String SCHEMA_NAME = "Problem";
    static final String MEDIA_TYPE = "application/problem+json";
    static final String CODES_EXTENSION = "x-problem-codes";

    private ProblemAnswers() {
    }

    /** The fields both services write (Spring's ProblemDetail plus {@code code}); refusals may carry more. */
    static Schema<?> schema() {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
        StringSchema code = new StringSchema();
        code.description("Stable code clients match on (never on title or detail)");
        code.addExtension("x-extensible-enum", codes);
        Schema<?> problem = new ObjectSchema()
                .description("RFC 7807 problem document with a stable code; refusals caused by an operation also "
                        + "carry its progress, validation failures a list of violations")
                .addProperty("type", uri("Problem type (a urn:sslplane:problem:... or about:blank)"))
                .addProperty("title", new StringSchema().description("Short summary of the problem type"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What went wrong with this request"))
                .addProperty("instance", uri("The request path"))
                .addProperty("code", code)
                .required(List.of("status", "code"));
        problem.setAdditionalProperties(true);
        return problem;
    }

    /** One response per status, each listing its codes, in status order. */
    static Map<String, ApiResponse> responses(Set<ErrorCode> problems) {
        Map<Integer, List<ErrorCode>> byStatus = problems.stream().collect(
                Collectors.groupingBy(ErrorCode::status, TreeMap::new, Collectors.toList()));
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        byStatus.forEach((status, codes) -> responses.put(Integer.toString(status), response(status, codes)));
        return responses;
    }

    private static ApiResponse response(int status, List<ErrorCode> codes) {
        List<String> names = codes.stream().map(Enum::name).toList();
        MediaType body = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA_NAME));
        for (String name : names) {
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("status", status);
            example.put("code", name);
            body.addExamples(name, new Example().summary(name).value(example));
        }
        ApiResponse response = new ApiResponse()
                .description(HttpStatus.valueOf(status).getReasonPhrase() + ": " + String.join(", ", names))
                .content(new Content().addMediaType(MEDIA_TYPE, body));
        response.addExtension(CODES_EXTENSION, names);
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            response.addHeaderObject(HttpHeaders.WWW_AUTHENTICATE, new Header()
                    .description("Bearer: the scheme a request must authenticate with").schema(new StringSchema()));
        } else if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                    .description("Seconds until the credential may send again").schema(new IntegerSchema()));
        } else if (codes.contains(ErrorCode.READ_MODEL_BEHIND)) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                    .description("With READ_MODEL_BEHIND: seconds until the read is worth asking again")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    private static StringSchema uri(String description) {
        StringSchema schema = new StringSchema();
        schema.format("uri-reference");
        schema.description(description);
        return schema;
    }
}
