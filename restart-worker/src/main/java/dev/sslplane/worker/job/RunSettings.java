package dev.sslplane.worker.job;

import java.time.Duration;

/**
 * Timing of a run.
 *
 * @param stepTimeout                       the base timeout of a step (and of a node certificate): change,
 *                                          step-down and health gate
 * @param stepTimeoutPerThousandCollections the rate: added per 1,000 collections beyond {@code includedCollections},
 *                                          in proportion (mongod needs longer to start with many collections)
 * @param healthPollInterval                pause between two health checks (and two looks for a new primary)
 * @param maxLag                            how far behind the primary a member may be for the set to count healthy
 * @param stepDownFor                       {@code replSetStepDown} seconds: how long the old primary stays ineligible
 * @param secondaryCatchUp                  {@code secondaryCatchUpPeriodSecs}
 * @param includedCollections               collections the base timeout already covers
 */
public record RunSettings(Duration stepTimeout, Duration stepTimeoutPerThousandCollections,
                          Duration healthPollInterval, Duration maxLag, Duration stepDownFor,
                          Duration secondaryCatchUp, int includedCollections) {

    static final int COLLECTIONS_INCLUDED = 10_000;

    public RunSettings {
        if (includedCollections < 0) {
            throw new IllegalArgumentException("includedCollections must be 0 or more");
        }
    }

    /** The settings with the default of 10,000 collections covered by the base timeout. */
    public RunSettings(Duration stepTimeout, Duration stepTimeoutPerThousandCollections, Duration healthPollInterval,
                       Duration maxLag, Duration stepDownFor, Duration secondaryCatchUp) {
        this(stepTimeout, stepTimeoutPerThousandCollections, healthPollInterval, maxLag, stepDownFor,
                secondaryCatchUp, COLLECTIONS_INCLUDED);
    }

    /**
     * The step timeout for an instance with {@code collectionCount} collections: the base plus the rate for every
     * collection beyond the included ones (to the millisecond). The worker reports it with each step it starts, so
     * the status shows the timeout in use.
     */
    public Duration stepTimeout(int collectionCount) {
        long beyond = Math.max(0, (long) collectionCount - includedCollections);
        return stepTimeout.plusMillis(stepTimeoutPerThousandCollections.toMillis() * beyond / 1000);
    }

    /** Test and benchmark settings: the given step timeout and health poll interval, the defaults otherwise. */
    public static RunSettings of(Duration stepTimeout, Duration healthPollInterval) {
        return new RunSettings(stepTimeout, Duration.ofSeconds(2), healthPollInterval, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(10));
    }
}
