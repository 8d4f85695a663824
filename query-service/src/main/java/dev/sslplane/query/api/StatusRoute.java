package dev.sslplane.query.api;

import dev.sslplane.contracts.messaging.ReadPosition;
import dev.sslplane.security.SslplaneAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Set;
import org.springdoc.core.annotations.RouterOperation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/instances/{id}/ssl}, the hottest read, as a functional route: the router is consulted before
 * the annotated controllers and its handler skips their per-request work (matching every mapping, argument
 * resolvers, return-value handlers). Same contract as the other instance endpoints: viewer role (security chain),
 * id and {@code position} validated, scope checked before the lookup, one {@code findOne} by {@code _id} (or the
 * wait for a position, {@link PositionWait}), errors as problem documents
 * ({@link ApiProblemHandler} also handles errors of functional handlers), 405 for other methods, 406 when
 * {@code Accept} admits no JSON.
 */
@Configuration(proxyBeanMethods = false)
public class StatusRoute {

    static final String PATH = "/api/v1/instances/{id}/ssl";
    private static final List<MediaType> PRODUCES = List.of(MediaType.APPLICATION_JSON);
    private static final Set<HttpMethod> ALLOWED = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    @Bean
    @RouterOperation(path = PATH, method = RequestMethod.GET, operation = @Operation(operationId = "getInstanceSsl",
            summary = "SSL status of one instance", tags = "instances",
            parameters = {@Parameter(in = ParameterIn.PATH, name = "id", required = true),
                    @Parameter(in = ParameterIn.QUERY, name = ReadPosition.PARAMETER,
                            description = PositionWait.PARAMETER_DOC, schema = @Schema(type = "integer",
                            format = "int64", minimum = "0", maximum = "9007199254740991"))},
            responses = @ApiResponse(responseCode = "200", content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = InstanceStatusResponse.class)))))
    RouterFunction<ServerResponse> instanceStatusRoute(InstanceLookup lookup, ViewMapper mapper) {
        var getOrHead = RequestPredicates.method(HttpMethod.GET).or(RequestPredicates.method(HttpMethod.HEAD));
        return RouterFunctions.route(getOrHead.and(RequestPredicates.path(PATH)),
                        request -> status(request, lookup, mapper))
                .andRoute(RequestPredicates.path(PATH),
                        request -> Mono.error(new MethodNotAllowedException(request.method(), ALLOWED)));
    }

    private static Mono<ServerResponse> status(ServerRequest request, InstanceLookup lookup, ViewMapper mapper) {
        String id = request.pathVariable("id");
        String position = request.queryParam(ReadPosition.PARAMETER).orElse(null);
        return request.principal()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no authenticated principal")))
                .flatMap(principal -> lookup.find(((SslplaneAuthentication) principal).getPrincipal(), id,
                        position))
                .flatMap(doc -> acceptsJson(request)
                        ? ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(mapper.status(doc))
                        : Mono.error(new NotAcceptableStatusException(PRODUCES)));
    }

    /**
     * As the annotated endpoints negotiate (after the lookup, so 400/403/404 win): no Accept, or one type compatible
     * with JSON. An unparsable Accept never gets here ({@link AcceptHeaderCheck}).
     */
    private static boolean acceptsJson(ServerRequest request) {
        List<MediaType> accepted = request.headers().accept();
        if (accepted.isEmpty()) {
            return true;
        }
        for (MediaType type : accepted) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return true;
            }
        }
        return false;
    }
}
