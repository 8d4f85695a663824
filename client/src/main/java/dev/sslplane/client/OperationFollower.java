package dev.sslplane.client;

import dev.sslplane.client.model.Operation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Follows one operation stream to a resting state, as the web console does: reconnects after a dropped connection
 * (the first event of a new connection is the operation as it is now, so nothing is missed). Followed from the
 * command's position, the query side itself waits until it has the operation (503 with Retry-After if that takes
 * long, retried here); without one, a 404 is taken with patience for a while, because right after a command the
 * query side may not have projected the operation yet.
 */
final class OperationFollower {

    static final String ACCEPT = "text/event-stream, application/problem+json";
    /** How long a 404 is taken for "not projected yet" rather than "no such operation". */
    static final Duration NOT_FOUND_PATIENCE = Duration.ofSeconds(30);
    /** Connections in a row that may break before an event arrives on one. */
    private static final int MAX_DROPS = 5;

    private final HttpTransport http;
    private final URI uri;
    private final Duration timeout;
    private final boolean atPosition;

    /**
     * @param atPosition whether {@code uri} names the position of the command that started the operation: the query
     *                   side then answers only once it has the operation, so a 404 is final at once
     */
    OperationFollower(HttpTransport http, URI uri, Duration timeout, boolean atPosition) {
        this.http = http;
        this.uri = uri;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.atPosition = atPosition;
    }

    Operation follow(Consumer<Operation> onChange) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<Operation> last = new AtomicReference<>();
        Consumer<Operation> changes = operation -> {
            if (!operation.equals(last.getAndSet(operation))) {
                onChange.accept(operation);
            }
        };
        String lastEventId = null;
        long notFoundSince = 0;
        int drops = 0;
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new OperationTimeoutException("operation stream " + uri.getPath(), timeout);
            }
            var events = new EventStreamSubscriber(http.json(), changes);
            var errorBody = new AtomicReference<byte[]>(new byte[0]);
            CompletableFuture<HttpResponse<Void>> call = http.getAsync(uri, ACCEPT,
                    lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId),
                    info -> info.statusCode() == 200
                            ? HttpResponse.BodySubscribers.fromLineSubscriber(events, s -> null,
                                    StandardCharsets.UTF_8, null)
                            : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                                    bytes -> {
                                        errorBody.set(bytes);
                                        return null;
                                    }));
            HttpResponse<Void> response;
            try {
                CompletableFuture.anyOf(events.resting(), call).get(remaining, TimeUnit.NANOSECONDS);
                Operation resting = events.resting().getNow(null);
                if (resting != null) {
                    return resting;
                }
                response = call.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                events.cancel();
                call.cancel(true);
                throw new OperationTimeoutException("operation stream " + uri.getPath(), timeout);
            } catch (InterruptedException e) {
                events.cancel();
                Thread.currentThread().interrupt();
                throw new SslplaneException("interrupted while following " + uri.getPath(), e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof IOException) || ++drops > MAX_DROPS) {
                    throw failure(e.getCause());
                }
                lastEventId = events.lastEventId() == null ? lastEventId : events.lastEventId();
                pause(Duration.ofMillis(250L * drops), deadline);
                continue;
            }
            lastEventId = events.lastEventId() == null ? lastEventId : events.lastEventId();
            int status = response.statusCode();
            if (status == 200) {
                // ended before a resting state (server restart, proxy timeout): carry on where it was
                drops = events.sawEvent() ? 0 : drops + 1;
                if (drops > MAX_DROPS) {
                    throw new TransportException("the operation stream keeps ending without an event", null);
                }
                pause(Duration.ofMillis(250L * drops), deadline);
                continue;
            }
            Problem problem = http.problem(response, errorBody.get());
            if (status == 404) {
                notFoundSince = notFoundSince == 0 ? System.nanoTime() : notFoundSince;
                if (atPosition || System.nanoTime() - notFoundSince > NOT_FOUND_PATIENCE.toNanos()) {
                    throw ProblemException.of(problem);
                }
                pause(Duration.ofMillis(300), deadline);
            } else if (status == 429 || status == 503) {
                Duration after = HttpTransport.retryAfter(response);
                pause(after == null ? Duration.ofSeconds(1) : after, deadline);
            } else {
                throw ProblemException.of(problem);
            }
        }
    }

    private static RuntimeException failure(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new TransportException("the operation stream broke: " + cause, cause);
    }

    /** Waits, but never past the deadline (the loop then reports the timeout). */
    private static void pause(Duration wait, long deadline) {
        long nanos = Math.min(wait.toNanos(), Math.max(0, deadline - System.nanoTime()));
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SslplaneException("interrupted while following an operation", e);
        }
    }
}
