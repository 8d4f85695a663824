package dev.sslplane.commandservice.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.commandservice.api.Problems;
import dev.sslplane.contracts.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code 429 RATE_LIMITED} with {@code Retry-After} when a principal exceeds its limit on the command
 * routes or the CSR signing route. Runs after authorization, so only requests the principal may make count.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final PrincipalRateLimiter commands;
    private final PrincipalRateLimiter signing;
    private final ObjectMapper objectMapper;

    RateLimitFilter(RateLimitProperties properties, ObjectMapper objectMapper) {
        this.commands = new PrincipalRateLimiter("commands", properties.capacity(), properties.refillPeriod(),
                properties.maxPrincipals());
        this.signing = new PrincipalRateLimiter("signing", properties.signingCapacity(), properties.refillPeriod(),
                properties.maxPrincipals());
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PrincipalRateLimiter limiter = CommandRoutes.COMMANDS.matches(request) ? commands
                : CommandRoutes.CSR_SIGNING.matches(request) ? signing : null;
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (limiter != null && authentication != null && authentication.isAuthenticated()) {
            OptionalLong retryAfter = limiter.tryAcquire(authentication.getName());
            if (retryAfter.isPresent()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
                Problems.write(response, objectMapper, Problems.of(ErrorCode.RATE_LIMITED,
                        "too many requests from this credential; retry after " + retryAfter.getAsLong() + " s"));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
