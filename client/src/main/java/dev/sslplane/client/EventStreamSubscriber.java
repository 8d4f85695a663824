package dev.sslplane.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.client.model.Operation;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads the {@code text/event-stream} lines of an operation stream (the fields {@code event}, {@code data},
 * {@code id}; comments and unknown fields skipped) and hands each {@code operation} event on. {@link #resting()}
 * completes with the first operation that completed, failed or waits for clients.
 */
final class EventStreamSubscriber implements Flow.Subscriber<String> {

    private final ObjectMapper json;
    private final Consumer<Operation> onOperation;
    private final CompletableFuture<Operation> resting = new CompletableFuture<>();
    private final StringBuilder data = new StringBuilder();
    private volatile Flow.Subscription subscription;
    private volatile String lastEventId;
    private String event;
    private boolean sawEvent;

    EventStreamSubscriber(ObjectMapper json, Consumer<Operation> onOperation) {
        this.json = json;
        this.onOperation = onOperation;
    }

    CompletableFuture<Operation> resting() {
        return resting;
    }

    String lastEventId() {
        return lastEventId;
    }

    /** Whether at least one event arrived on this connection (a connection that carried some was no failure). */
    boolean sawEvent() {
        return sawEvent;
    }

    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (resting.isDone()) {
            return;
        }
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return; // a comment, as servers send to keep a connection open
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        value = value.startsWith(" ") ? value.substring(1) : value;
        switch (field) {
            case "event" -> event = value;
            case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
            case "id" -> lastEventId = value.indexOf('\0') < 0 ? value : lastEventId;
            default -> { } // retry and fields of later versions
        }
    }

    @Override
    public void onError(Throwable error) {
        resting.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        dispatch();
        // the stream ended without a resting state: the caller reconnects
        resting.complete(null);
    }

    private void dispatch() {
        String name = event == null ? "message" : event;
        String payload = data.toString();
        event = null;
        data.setLength(0);
        if (payload.isEmpty() || !name.equals("operation")) {
            return;
        }
        try {
            Operation operation = json.readValue(payload, Operation.class);
            sawEvent = true;
            onOperation.accept(operation);
            if (operation.resting()) {
                resting.complete(operation);
                cancel();
            }
        } catch (IOException | RuntimeException e) {
            resting.completeExceptionally(e instanceof IOException
                    ? new SslplaneException("unreadable operation event: " + e.getMessage(), e) : e);
            cancel();
        }
    }
}
