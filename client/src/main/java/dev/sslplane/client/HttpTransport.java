package dev.sslplane.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP exchange with a service: bearer token, {@code Accept}, retries of 429 and 503 after their
 * {@code Retry-After}, and non-2xx answers turned into {@link ProblemException}s. Commands are retried with the same
 * {@code Idempotency-Key} (the caller put it in the headers), so a retry can never start a second operation.
 */
final class HttpTransport {

    static final String JSON_TYPES = "application/json, application/problem+json";

    private final HttpClient http;
    private final ClientSettings settings;
    private final ObjectMapper json;

    HttpTransport(ClientSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    ObjectMapper json() {
        return json;
    }

    /** Sends and answers the 2xx response's body; every other answer is thrown as a problem. */
    byte[] send(String method, URI uri, String accept, Object body, Map<String, String> headers) {
        return respond(method, uri, accept, body, headers).body();
    }

    /** As {@link #send}, with the answer's headers. */
    HttpResponse<byte[]> respond(String method, URI uri, String accept, Object body, Map<String, String> headers) {
        return exchange(method, uri, accept, body, headers, HttpResponse.BodyHandlers.ofByteArray());
    }

    <T> T sendJson(String method, URI uri, Object body, Map<String, String> headers, Class<T> type) {
        return read(send(method, uri, JSON_TYPES, body, headers), type);
    }

    <T> T getJson(URI uri, TypeReference<T> type) {
        byte[] answer = send("GET", uri, JSON_TYPES, null, Map.of());
        try {
            return json.readValue(answer, type);
        } catch (IOException e) {
            throw new SslplaneException("unreadable answer from " + where(uri) + ": " + e.getMessage(), e);
        }
    }

    /** A 2xx answer as a stream (server-sent events, NDJSON); the caller closes it. */
    HttpResponse<InputStream> open(URI uri, String accept, Map<String, String> headers) {
        return exchange("GET", uri, accept, null, headers, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** A GET whose answer the caller handles, status included (the operation stream). */
    <T> java.util.concurrent.CompletableFuture<HttpResponse<T>> getAsync(URI uri, String accept,
                                                                         Map<String, String> headers,
                                                                         HttpResponse.BodyHandler<T> handler) {
        // no request timeout: a stream stays quiet while a node restarts; the caller bounds the whole wait
        return http.sendAsync(request("GET", uri, accept, null, headers, false), handler);
    }

    <T> T read(byte[] answer, Class<T> type) {
        try {
            return json.readValue(answer, type);
        } catch (IOException e) {
            throw new SslplaneException("unreadable answer (" + type.getSimpleName() + "): " + e.getMessage(), e);
        }
    }

    private <T> HttpResponse<T> exchange(String method, URI uri, String accept, Object body,
                                         Map<String, String> headers, HttpResponse.BodyHandler<T> handler) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<T> response = call(request(method, uri, accept, body, headers, true), handler);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            Problem problem = problem(response, drain(response.body()));
            Duration retryAfter = retryAfter(response);
            boolean retryable = status == 429 || (status == 503 && retryAfter != null);
            if (!retryable) {
                throw ProblemException.of(problem);
            }
            Duration wait = retryAfter != null ? retryAfter : Duration.ofSeconds(1L << Math.min(attempt - 1, 4));
            if (attempt >= settings.maxAttempts() || wait.compareTo(settings.maxRetryAfter()) > 0) {
                throw status == 429 ? new RateLimitedException(problem, retryAfter) : ProblemException.of(problem);
            }
            pause(wait);
        }
    }

    private HttpRequest request(String method, URI uri, String accept, Object body, Map<String, String> headers,
                                boolean timed) {
        var builder = HttpRequest.newBuilder(uri)
                .header("Accept", accept)
                .header("User-Agent", settings.userAgent());
        String token = settings.token().get();
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token.strip());
        }
        headers.forEach(builder::header);
        if (timed) {
            builder.timeout(settings.requestTimeout());
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new SslplaneException("cannot write the request body: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            // the message names host and port only: a URL's query could carry filters a caller thinks private
            throw new TransportException("cannot reach " + where(request.uri()) + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SslplaneException("interrupted while calling " + where(request.uri()), e);
        }
    }

    /** The problem document of a non-2xx answer; an answer without one still gets a code, {@code HTTP_<status>}. */
    Problem problem(HttpResponse<?> response, byte[] body) {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json") && body.length > 0) {
            try {
                JsonNode node = json.readTree(body);
                if (node != null && node.isObject()) {
                    Map<String, Object> properties = json.convertValue(node,
                            new TypeReference<LinkedHashMap<String, Object>>() { });
                    for (String member : new String[] {"type", "title", "status", "detail", "code", "instance"}) {
                        properties.remove(member);
                    }
                    String code = node.hasNonNull("code") ? node.get("code").asText() : "HTTP_" + status;
                    return new Problem(status, text(node, "type"), text(node, "title"), text(node, "detail"), code,
                            properties);
                }
            } catch (IOException notJson) {
                // fall through: an answer that claims JSON but is not is treated like any other body
            }
        }
        return new Problem(status, null, "HTTP " + status, null, "HTTP_" + status, null);
    }

    /** {@code Retry-After} in seconds or as an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").map(String::strip).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit) && value.length() <= 9) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static byte[] drain(Object body) {
        try {
            if (body instanceof byte[] bytes) {
                return bytes;
            }
            if (body instanceof InputStream in) {
                try (in) {
                    return in.readNBytes(256 * 1024);
                }
            }
        } catch (IOException e) {
            // an error answer cut short: what arrived is all there is
        }
        return new byte[0];
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SslplaneException("interrupted while waiting to retry", e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** {@code base} (which may carry a path prefix, behind a gateway say) followed by {@code path}. */
    static URI at(URI base, String path) {
        String prefix = base.toString();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return URI.create(prefix + path);
    }

    static String where(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
