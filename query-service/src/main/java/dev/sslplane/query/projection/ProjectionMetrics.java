package dev.sslplane.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Counters of the projection: events projected, redeliveries ignored, gaps, skipped records. */
public class ProjectionMetrics {

    private final Counter projected;
    private final Counter duplicates;
    private final Counter gaps;
    private final Counter unknownTypes;
    private final Counter malformed;
    private final Timer batches;

    public ProjectionMetrics(MeterRegistry registry) {
        projected = Counter.builder("sslplane.query.events.projected")
                .description("events applied to the live read models").register(registry);
        duplicates = Counter.builder("sslplane.query.events.duplicates")
                .description("redelivered or older events that changed nothing").register(registry);
        gaps = Counter.builder("sslplane.query.events.gaps")
                .description("sequence gaps detected (instance marked stale)").register(registry);
        unknownTypes = Counter.builder("sslplane.query.events.skipped").tag("reason", "unknown-type")
                .description("records skipped").register(registry);
        malformed = Counter.builder("sslplane.query.events.skipped").tag("reason", "malformed")
                .description("records skipped").register(registry);
        batches = Timer.builder("sslplane.query.projection.batch")
                .description("time to project and write one batch").register(registry);
    }

    void record(ProjectionBatch batch) {
        projected.increment(batch.projected());
        duplicates.increment(batch.duplicates());
        gaps.increment(batch.gapCount());
        unknownTypes.increment(batch.unknownTypes());
    }

    public void malformed() {
        malformed.increment();
    }

    Timer batches() {
        return batches;
    }

    public double gapsTotal() {
        return gaps.count();
    }
}
