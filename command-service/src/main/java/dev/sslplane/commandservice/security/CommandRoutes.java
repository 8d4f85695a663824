package dev.sslplane.commandservice.security;

import dev.sslplane.contracts.messaging.SignCsrRequest;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** The request families access rules and rate limits are written against, matched as Spring MVC matches them. */
final class CommandRoutes {

    /**
     * Commands an operator issues: register, enable, rotate, renew node certificates, disable, TLS enforcement,
     * retry, finish rotation; instance changes (members, collection count, engine version); maintenance window,
     * cancel a scheduled operation; abort and roll back an operation.
     */
    static final List<String> COMMAND_PATTERNS = List.of(
            "/api/v1/instances",
            "/api/v1/instances/{instanceId}/ssl:enable",
            "/api/v1/instances/{instanceId}/ssl:rotate",
            "/api/v1/instances/{instanceId}/ssl:renew-node-certificates",
            "/api/v1/instances/{instanceId}/ssl:disable",
            "/api/v1/instances/{instanceId}/ssl:enforce-tls",
            "/api/v1/instances/{instanceId}/operations/{operationId}:retry",
            "/api/v1/instances/{instanceId}/operations/{operationId}:finish-rotation",
            // instance changes
            "/api/v1/instances/{instanceId}/members:add",
            "/api/v1/instances/{instanceId}/members/{memberName}:remove",
            "/api/v1/instances/{instanceId}/members/{memberName}:replace",
            "/api/v1/instances/{instanceId}/collection-count:update",
            "/api/v1/instances/{instanceId}/engine-version:update",
            // maintenance windows and scheduled operations
            "/api/v1/instances/{instanceId}/maintenance-window",
            "/api/v1/instances/{instanceId}/operations/{operationId}:cancel",
            // abort and rollback
            "/api/v1/instances/{instanceId}/operations/{operationId}:abort",
            "/api/v1/instances/{instanceId}/operations/{operationId}:rollback",
            // automatic renewal
            "/api/v1/instances/{instanceId}/renewal-policy");

    static final RequestMatcher COMMANDS = new OrRequestMatcher(COMMAND_PATTERNS.stream()
            .map(CommandRoutes::post).toList());

    /** Restart workers relaying node CSRs. */
    static final RequestMatcher CSR_SIGNING = post(SignCsrRequest.PATH);

    static final RequestMatcher ADMIN = any("/api/v1/admin/**");

    /** Any other POST: denied, so a path variant the rules above miss can never reach a handler unchecked. */
    static final RequestMatcher OTHER_POST = request(HttpMethod.POST, "/**");

    static final RequestMatcher PUBLIC_ACTUATOR = new OrRequestMatcher(
            request(HttpMethod.GET, "/actuator/health"), request(HttpMethod.GET, "/actuator/health/**"),
            request(HttpMethod.GET, "/actuator/info"));

    static final RequestMatcher METRICS_ACTUATOR = new OrRequestMatcher(
            any("/actuator/metrics"), any("/actuator/metrics/**"), any("/actuator/prometheus"));

    static final RequestMatcher API_DOCS = new OrRequestMatcher(
            any("/v3/api-docs"), any("/v3/api-docs/**"), any("/v3/api-docs.yaml"), any("/swagger-ui.html"),
            any("/swagger-ui/**"));

    private CommandRoutes() {
    }

    private static RequestMatcher post(String pattern) {
        return request(HttpMethod.POST, pattern);
    }

    private static RequestMatcher any(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher request(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
