package dev.sslplane.query.projection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * In-process signal "instance X was written", fired after a batch's writes (instances are written last, so every
 * other document of the batch is stored by then). Reads that wait for a position ({@code ReadPosition}) listen to
 * it and read the instance back, so this replica's own projection ends their wait at once; what another replica
 * projects they notice by polling.
 */
public class InstanceChanges {

    private final Sinks.Many<String> sink = Sinks.many().multicast().directBestEffort();

    public void written(String instanceId) {
        sink.tryEmitNext(instanceId);
    }

    public Flux<String> of(String instanceId) {
        return sink.asFlux().filter(instanceId::equals);
    }
}
