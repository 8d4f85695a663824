package dev.sslplane.commandservice.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sslplane.publishing.*}: the tracking processor that forwards stored events to {@code ssl.events}.
 *
 * @param batchSize events the processor handles in one unit of work, with one token update (a MongoDB write) at
 *                  its end; a batch is whatever is stored by then, up to this many, so a single event is still sent
 *                  at once. Axon's default of 1 wrote the token after every event, which capped publishing at a few
 *                  dozen events a second and let {@code ssl.events} fall seconds behind the event store under load
 *                  (docs/performance.md, command → visible). A failed send rolls the whole batch back: its events
 *                  are sent again (at least once, as before; consumers drop repeats by sequence)
 */
@ConfigurationProperties("sslplane.publishing")
public record PublishingProperties(@DefaultValue("100") int batchSize) {

    public PublishingProperties {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("sslplane.publishing.batch-size must be 1 to 10000, was " + batchSize);
        }
    }
}
