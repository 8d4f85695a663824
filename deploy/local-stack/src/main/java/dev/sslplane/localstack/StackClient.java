package dev.sslplane.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Minimal JSON-over-HTTP client for the stack's public APIs, as a user's script would call them. */
final class StackClient {

    record Response(int status, JsonNode body, String raw) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String code() {
            return body != null && body.hasNonNull("code") ? body.get("code").asText() : "";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> headers;

    StackClient(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    Response get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Response post(String url, Object body) throws IOException, InterruptedException {
        String json = body == null ? "" : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String url, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private Response send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        headers.forEach(builder::header);
        HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        String raw = response.body();
        if (raw != null && !raw.isBlank() && response.headers().firstValue("Content-Type")
                .map(t -> t.contains("json")).orElse(false)) {
            body = JSON.readTree(raw);
        }
        return new Response(response.statusCode(), body, raw);
    }
}
