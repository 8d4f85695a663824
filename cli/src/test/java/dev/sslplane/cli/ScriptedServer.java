package dev.sslplane.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP server answering by path with scripted answers (streams as chunks), recording requests. */
final class ScriptedServer implements AutoCloseable {

    record Answer(int status, String contentType, List<String> chunks) {
    }

    record Request(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, java.util.Deque<Answer>> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            var queue = answers.get(exchange.getRequestMethod() + " " + path);
            Answer answer = queue == null || queue.isEmpty()
                    ? new Answer(404, "application/problem+json", List.of(problem(404, "NOT_FOUND", "no route")))
                    : queue.size() > 1 ? queue.poll() : queue.peek();
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            boolean stream = answer.chunks().size() > 1;
            byte[] single = answer.chunks().get(0).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), stream ? 0 : single.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String chunk : answer.chunks()) {
                    out.write(chunk.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.start();
    }

    /** Answers {@code method path} with these (instead of any before), in order; the last one again after. */
    ScriptedServer on(String methodAndPath, Answer... next) {
        answers.put(methodAndPath, new java.util.concurrent.ConcurrentLinkedDeque<>(List.of(next)));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static Answer json(int status, String body) {
        return new Answer(status, "application/json", List.of(body));
    }

    static Answer problemAnswer(int status, String code, String detail) {
        return new Answer(status, "application/problem+json", List.of(problem(status, code, detail)));
    }

    static String problem(int status, String code, String detail) {
        return "{\"title\":\"t\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
