package dev.sslplane.query.security;

import dev.sslplane.query.config.ConsoleProperties;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Content-Security-Policy of the web console: its own scripts and styles only (no inline script), API calls to
 * this service and to the command service. Only on the console's paths, so the API docs UI keeps working.
 */
final class ConsoleHeaders implements ServerHttpHeadersWriter {

    static final String CSP = "Content-Security-Policy";

    private final String policy;

    ConsoleHeaders(ConsoleProperties console) {
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + console.commandServiceOrigin() + "; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.equals("/") || path.equals("/console") || path.startsWith("/console/")) {
            exchange.getResponse().getHeaders().set(CSP, policy);
        }
        return Mono.empty();
    }

    String policy() {
        return policy;
    }
}
