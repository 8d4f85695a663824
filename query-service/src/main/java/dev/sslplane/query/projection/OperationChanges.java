package dev.sslplane.query.projection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * In-process signal "operation X changed", fired after a batch is written. SSE streams listen to it and read the
 * operation back, so what they push is always what is stored.
 */
public class OperationChanges {

    private final Sinks.Many<String> sink = Sinks.many().multicast().directBestEffort();

    public void changed(String operationId) {
        sink.tryEmitNext(operationId);
    }

    public Flux<String> of(String operationId) {
        return sink.asFlux().filter(operationId::equals);
    }
}
