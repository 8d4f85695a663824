package dev.sslplane.worker.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.contracts.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * RFC 7807 answers for refused requests, with the stable codes every sslplane service uses: 401
 * {@code UNAUTHENTICATED} (with {@code WWW-Authenticate: Bearer}) and 403 {@code FORBIDDEN}. The detail never
 * repeats what the caller presented.
 */
final class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return write(exchange, ErrorCode.UNAUTHENTICATED,
                "a valid bearer token is required (Authorization: Bearer <token>)");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return write(exchange, ErrorCode.FORBIDDEN, "the credential's roles do not allow this request");
    }

    private static Mono<Void> write(ServerWebExchange exchange, ErrorCode errorCode, String detail) {
        HttpStatus status = HttpStatus.valueOf(errorCode.status());
        String code = errorCode.name();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        problem.put("code", code);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            body = ("{\"status\":" + status.value() + ",\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
