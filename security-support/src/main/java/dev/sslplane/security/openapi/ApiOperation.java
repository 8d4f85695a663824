package dev.sslplane.security.openapi;

import dev.sslplane.contracts.error.ErrorCode;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a service's OpenAPI document says about one operation beyond what springdoc reads from the code: a stable
 * operation id for client generators, whether a bearer token is needed, every problem code the operation can
 * answer with, and request-body examples. One service's operations are listed in one table, applied by
 * {@link ApiDocumentation}.
 *
 * @param id              the operation id, unique in the service's document (generated clients name methods by it)
 * @param isPublic        true only where the security configuration permits the route without a token
 * @param problems        the stable codes of the problem documents the operation can answer with
 * @param requestExamples named request bodies, in the order shown
 */
public record ApiOperation(String id, boolean isPublic, Set<ErrorCode> problems,
                           Map<String, Object> requestExamples) {

    public ApiOperation {
        Objects.requireNonNull(id, "id");
        // EnumSet: the document lists codes in ErrorCode's order, so it is the same on every start
        problems = Collections.unmodifiableSet(problems.isEmpty() ? EnumSet.noneOf(ErrorCode.class)
                : EnumSet.copyOf(problems));
        requestExamples = Collections.unmodifiableMap(new LinkedHashMap<>(requestExamples));
    }

    /** An operation that needs a bearer token. */
    public static ApiOperation secured(String id, Collection<ErrorCode> problems) {
        return new ApiOperation(id, false, Set.copyOf(problems), Map.of());
    }

    /** An operation the security configuration permits without a token. */
    public static ApiOperation open(String id, Collection<ErrorCode> problems) {
        return new ApiOperation(id, true, Set.copyOf(problems), Map.of());
    }

    /** {@code base} and {@code more}: tables build their code sets from shared ones. */
    public static Set<ErrorCode> union(Set<ErrorCode> base, ErrorCode... more) {
        Set<ErrorCode> codes = base.isEmpty() ? EnumSet.noneOf(ErrorCode.class) : EnumSet.copyOf(base);
        codes.addAll(List.of(more));
        return codes;
    }

    /** This operation with one more named request-body example. */
    public ApiOperation withExample(String name, Object body) {
        Map<String, Object> examples = new LinkedHashMap<>(requestExamples);
        examples.put(name, body);
        return new ApiOperation(id, isPublic, problems, examples);
    }
}
