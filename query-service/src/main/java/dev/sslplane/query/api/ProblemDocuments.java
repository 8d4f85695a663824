package dev.sslplane.query.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.contracts.error.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes a problem document straight to the response, for answers given before a controller is chosen (security
 * filter chain, firewall, header checks), in the same shape as {@link ApiProblemHandler}'s.
 */
@Component
public class ProblemDocuments {

    private final ObjectMapper json;

    public ProblemDocuments(ObjectMapper json) {
        this.json = json;
    }

    /** Answers with a problem carrying {@code code} and the code's own status. */
    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        HttpStatus status = HttpStatus.valueOf(code.status());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code.name());
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return Mono.fromCallable(() -> json.writeValueAsBytes(problem))
                .flatMap(bytes -> response.writeWith(Mono.just(response.bufferFactory().wrap(bytes))));
    }
}
