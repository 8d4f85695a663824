package dev.sslplane.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted HTTP server on loopback (the JDK's): answers requests with the queued answers in order and records
 * what it received. For protocol edge cases (429 and Retry-After, problem documents, streams) that the real
 * services produce only under load or failure.
 */
final class FakeService implements AutoCloseable {

    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One answer; {@code chunks} are written and flushed one by one (a stream). */
    record Answer(int status, Map<String, String> headers, List<String> chunks) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), List.of(body));
        }

        static Answer problem(int status, String code, String detail) {
            return new Answer(status, Map.of("Content-Type", "application/problem+json"), List.of(
                    "{\"type\":\"urn:sslplane:problem:x\",\"title\":\"T\",\"status\":" + status + ",\"detail\":\""
                            + detail + "\",\"code\":\"" + code + "\"}"));
        }

        Answer with(String header, String value) {
            var all = new java.util.HashMap<>(headers);
            all.put(header, value);
            return new Answer(status, all, chunks);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    FakeService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    FakeService answer(Answer... next) {
        answers.addAll(List.of(next));
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Answer answer = answers.poll();
        if (answer == null) {
            answer = Answer.problem(500, "INTERNAL_ERROR", "no answer scripted");
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        boolean stream = answer.chunks().size() > 1;
        exchange.sendResponseHeaders(answer.status(), stream ? 0 : answer.chunks().get(0).getBytes(
                StandardCharsets.UTF_8).length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String chunk : answer.chunks()) {
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
