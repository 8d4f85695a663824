package dev.sslplane.worker.job;

import java.time.Duration;

/**
 * Timing of a run.
 *
 * @param stepTimeout                       per step (and per node certificate): change, step-down and health gate
 * @param stepTimeoutPerThousandCollections added for every 1,000 collections beyond 10,000 (mongod needs longer
 *                                          to start with many collections)
 * @param healthPollInterval                pause between two health checks (and two looks for a new primary)
 * @param maxLag                            how far behind the primary a member may be for the set to count healthy
 * @param stepDownFor                       {@code replSetStepDown} seconds: how long the old primary stays ineligible
 * @param secondaryCatchUp                  {@code secondaryCatchUpPeriodSecs}
 */
public record RunSettings(Duration stepTimeout, Duration stepTimeoutPerThousandCollections,
                          Duration healthPollInterval, Duration maxLag, Duration stepDownFor,
                          Duration secondaryCatchUp) {

    static final int COLLECTIONS_INCLUDED = 10_000;

    /** The step timeout for an instance with {@code collectionCount} collections. */
    public Duration stepTimeout(int collectionCount) {
        long extraThousands = Math.max(0, collectionCount - COLLECTIONS_INCLUDED) / 1000;
        return stepTimeout.plus(stepTimeoutPerThousandCollections.multipliedBy(extraThousands));
    }

    /** Test and benchmark settings: the given step timeout and health poll interval, the defaults otherwise. */
    public static RunSettings of(Duration stepTimeout, Duration healthPollInterval) {
        return new RunSettings(stepTimeout, Duration.ofSeconds(2), healthPollInterval, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(10));
    }
}
