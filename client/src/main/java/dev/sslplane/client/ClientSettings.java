package dev.sslplane.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the services are and how to call them.
 *
 * <p>The token is a {@link Supplier}, never a field of its own: a record's {@code toString} (and so any log line or
 * exception message that prints the settings) then shows no secret, and a token read from a file can be re-read
 * when it is rotated.
 *
 * @param commandUrl     base URL of the command service (default {@code http://localhost:8081})
 * @param queryUrl       base URL of the query service (default {@code http://localhost:8082})
 * @param token          the bearer token (static {@code sslp_…} token or JWT)
 * @param requestTimeout how long one request may take until its answer's headers arrive
 * @param maxAttempts    attempts of one call when the service answers 429 (or 503) with {@code Retry-After}
 * @param maxRetryAfter  the longest {@code Retry-After} honoured by waiting; a longer one is thrown to the caller
 * @param userAgent      sent as {@code User-Agent}, so the services' logs say which program called
 */
public record ClientSettings(URI commandUrl, URI queryUrl, Supplier<String> token, Duration requestTimeout,
                             int maxAttempts, Duration maxRetryAfter, String userAgent) {

    public static final URI DEFAULT_COMMAND_URL = URI.create("http://localhost:8081");
    public static final URI DEFAULT_QUERY_URL = URI.create("http://localhost:8082");

    public ClientSettings {
        Objects.requireNonNull(commandUrl, "commandUrl");
        Objects.requireNonNull(queryUrl, "queryUrl");
        Objects.requireNonNull(token, "token");
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        maxRetryAfter = maxRetryAfter == null ? Duration.ofSeconds(60) : maxRetryAfter;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        userAgent = userAgent == null || userAgent.isBlank() ? "sslplane-client" : userAgent;
    }

    /** Local defaults (the ports of {@code deploy/run-local.sh}), 4 attempts, 30 s per request. */
    public static ClientSettings local(Supplier<String> token) {
        return new ClientSettings(DEFAULT_COMMAND_URL, DEFAULT_QUERY_URL, token, null, 4, null, null);
    }

    public ClientSettings withUrls(URI command, URI query) {
        return new ClientSettings(command, query, token, requestTimeout, maxAttempts, maxRetryAfter, userAgent);
    }

    public ClientSettings withRetries(int attempts, Duration longestRetryAfter) {
        return new ClientSettings(commandUrl, queryUrl, token, requestTimeout, attempts, longestRetryAfter, userAgent);
    }

    public ClientSettings withUserAgent(String agent) {
        return new ClientSettings(commandUrl, queryUrl, token, requestTimeout, maxAttempts, maxRetryAfter, agent);
    }

    public ClientSettings withRequestTimeout(Duration timeout) {
        return new ClientSettings(commandUrl, queryUrl, token, timeout, maxAttempts, maxRetryAfter, userAgent);
    }

    /** Settings print without the token. */
    @Override
    public String toString() {
        return "ClientSettings[commandUrl=" + commandUrl + ", queryUrl=" + queryUrl + ", requestTimeout="
                + requestTimeout + ", maxAttempts=" + maxAttempts + ", maxRetryAfter=" + maxRetryAfter
                + ", userAgent=" + userAgent + "]";
    }
}
