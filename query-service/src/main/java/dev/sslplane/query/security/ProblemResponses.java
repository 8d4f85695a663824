package dev.sslplane.query.security;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.query.api.ProblemDocuments;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

/**
 * 401, 403 and firewall refusals from the security filter chain as RFC 7807 problem documents: the filter chain
 * answers before any controller advice could.
 */
final class ProblemResponses {

    private final ProblemDocuments problems;

    ProblemResponses(ProblemDocuments problems) {
        this.problems = problems;
    }

    ServerAuthenticationEntryPoint unauthenticated() {
        return (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return problems.write(exchange, ErrorCode.UNAUTHENTICATED,
                    "A valid bearer token is required (Authorization: Bearer <token>)");
        };
    }

    ServerAccessDeniedHandler forbidden() {
        return (exchange, e) -> problems.write(exchange, ErrorCode.FORBIDDEN,
                "The credential's roles do not allow this request");
    }

    /** Requests the firewall refuses (encoded slashes or dots, control characters in the path, ...). */
    ServerExchangeRejectedHandler rejected() {
        return (exchange, e) -> problems.write(exchange, ErrorCode.REQUEST_REJECTED,
                "The request was refused: its URL contains encoded separators, dots or control characters");
    }
}
