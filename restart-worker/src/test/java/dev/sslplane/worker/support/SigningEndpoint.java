package dev.sslplane.worker.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.SignCsrRequest;
import dev.sslplane.worker.signing.SigningRefusedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stands in for the command service's signing endpoint ({@link SignCsrRequest#PATH}) over real HTTP, so the
 * worker's HTTP signer is exercised without the command service.
 */
public final class SigningEndpoint implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile(
            "/api/v1/instances/([^/]+)/operations/([^/]+)/nodes/([^/]+)/certificate");

    private final HttpServer server;
    private final ObjectMapper mapper = MessageCodec.newObjectMapper();

    private final java.util.List<String> presentedTokens = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Signs only for callers presenting {@code Authorization: Bearer <bearerToken>}, like the command service. */
    public SigningEndpoint(TestCaSigner signer, String bearerToken) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/instances/", exchange -> {
            var matcher = PATH.matcher(exchange.getRequestURI().getPath());
            byte[] reply;
            int status;
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            presentedTokens.add(String.valueOf(authorization));
            if (!("Bearer " + bearerToken).equals(authorization)) {
                status = 401;
                reply = problem(401, "UNAUTHENTICATED", "a valid bearer token is required");
            } else if (!"POST".equals(exchange.getRequestMethod()) || !matcher.matches()) {
                status = 404;
                reply = problem(404, "NOT_FOUND", "no such endpoint");
            } else {
                var request = mapper.readValue(exchange.getRequestBody(), SignCsrRequest.class);
                try {
                    var signed = signer.sign(matcher.group(1), matcher.group(2), matcher.group(3), request.csrPem())
                            .block(Duration.ofSeconds(30));
                    status = 200;
                    reply = mapper.writeValueAsBytes(signed);
                } catch (SigningRefusedException e) {
                    status = 409;
                    reply = problem(409, e.code(), e.getMessage());
                }
            }
            exchange.getResponseHeaders().add("Content-Type",
                    status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    private byte[] problem(int status, String code, String detail) throws IOException {
        return mapper.writeValueAsString(Map.of("status", status, "code", code, "detail", detail, "title", "refused"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Authorization headers of every request so far. */
    public java.util.List<String> presentedAuthorizations() {
        return java.util.List.copyOf(presentedTokens);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
