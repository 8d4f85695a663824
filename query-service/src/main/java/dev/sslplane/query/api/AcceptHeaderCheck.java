package dev.sslplane.query.api;

import dev.sslplane.contracts.error.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses an Accept header that is not a list of media types with a 406 problem document, first of all: Spring
 * would fail on it while choosing how to write any answer, the error included, and send an empty 406.
 */
@Component
public class AcceptHeaderCheck implements WebFilter, Ordered {

    private final ProblemDocuments problems;

    public AcceptHeaderCheck(ProblemDocuments problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var accept = exchange.getRequest().getHeaders().get(HttpHeaders.ACCEPT);
        if (accept != null) {
            try {
                accept.forEach(MediaType::parseMediaTypes);
            } catch (InvalidMediaTypeException e) {
                return problems.write(exchange, ErrorCode.NOT_ACCEPTABLE,
                        "The Accept header is not a list of media types");
            }
        }
        return chain.filter(exchange);
    }
}
