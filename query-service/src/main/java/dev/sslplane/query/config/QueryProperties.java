package dev.sslplane.query.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query service ({@code sslplane.query.*}); each has a local default and an environment
 * variable override in {@code application.yml}.
 *
 * @param mongo       where the read models live
 * @param kafka       the events topic and how it is consumed
 * @param operations  how the estimated time remaining of an operation is computed
 * @param api         paging limits, the live-stream poll interval, the instance cache and read-your-writes
 * @param certificates when a CA or node certificate is due for renewal, and how often the expiry metrics are read
 */
@ConfigurationProperties("sslplane.query")
public record QueryProperties(
        @DefaultValue Mongo mongo,
        @DefaultValue Kafka kafka,
        @DefaultValue Operations operations,
        @DefaultValue Api api,
        @DefaultValue Certificates certificates) {

    /**
     * @param uri connection string; the database named in it holds the read models
     */
    public record Mongo(@DefaultValue("mongodb://localhost:27017/sslplane_query") String uri) {
    }

    /**
     * @param eventsTopic     topic the projection consumes
     * @param deadLetterTopic where records that cannot be read go, with the reason in headers
     * @param listenerId      id of the live listener container (paused briefly by a rebuild's switch-over)
     * @param lagPollInterval how often consumer lag is measured
     * @param maxHealthyLag   lag above which the consumer health reports LAGGING
     * @param replayPollRecords records per poll of the rebuild's own consumer
     * @param replayBatchEvents events a rebuild folds in memory before writing them in one go
     */
    public record Kafka(
            @DefaultValue("ssl.events") String eventsTopic,
            @DefaultValue("ssl.events.query-service.DLT") String deadLetterTopic,
            @DefaultValue("ssl-events-projection") String listenerId,
            @DefaultValue("10s") Duration lagPollInterval,
            @DefaultValue("10000") long maxHealthyLag,
            @DefaultValue("2000") int replayPollRecords,
            @DefaultValue("10000") int replayBatchEvents) {
    }

    /**
     * @param defaultNodeRestart      assumed duration of one node restart before any was measured
     * @param largeInstanceCollections collection count above which restarts take longer
     * @param largeInstanceFactor      multiplier for the assumed duration on large instances
     * @param defaultRuntimeStep       assumed duration of one runtime TLS mode change before any was measured
     */
    public record Operations(
            @DefaultValue("30s") Duration defaultNodeRestart,
            @DefaultValue("10000") int largeInstanceCollections,
            @DefaultValue("2.0") double largeInstanceFactor,
            @DefaultValue("2s") Duration defaultRuntimeStep) {
    }

    /**
     * @param defaultPageSize  page size when the request names none
     * @param maxPageSize      largest page a request may ask for
     * @param streamPollInterval how often an operation stream re-reads its operation, besides local change signals
     *                           (covers changes projected by another replica)
     * @param instanceCacheSize  instances whose documents single-instance reads (status, CA download) keep in
     *                           memory, least recently used first out; 0 turns the cache and its change feed off
     * @param readYourWritesWait the longest a per-instance read that names a position ({@code ?position=}, from a
     *                           command's answer) waits for the instance's read model to reach it before it answers
     *                           503 {@code READ_MODEL_BEHIND} with {@code Retry-After}; 0 = no waiting at all (the
     *                           position is checked, then ignored: reads may then be older than the write)
     * @param readYourWritesPollInterval how often such a waiting read looks again besides this replica's own write
     *                           signals (covers instances another replica projects)
     */
    public record Api(
            @DefaultValue("50") int defaultPageSize,
            @DefaultValue("500") int maxPageSize,
            @DefaultValue("2s") Duration streamPollInterval,
            @DefaultValue("100000") int instanceCacheSize,
            @DefaultValue("5s") Duration readYourWritesWait,
            @DefaultValue("100ms") Duration readYourWritesPollInterval) {

        public Api {
            if (readYourWritesWait.isNegative() || readYourWritesPollInterval.isNegative()
                    || readYourWritesPollInterval.isZero()) {
                throw new IllegalArgumentException("sslplane.query.api.read-your-writes-wait must be 0 or more and "
                        + "sslplane.query.api.read-your-writes-poll-interval more than 0");
            }
        }
    }

    /**
     * @param renewSoonLifeFraction share of a certificate's life after which it is RENEW_SOON (2/3, as cert-manager)
     * @param renewSoonBefore       time before {@code notAfter} from which it is RENEW_SOON in any case
     * @param metricsRefresh        how often the expiry gauges are recomputed from the read model
     */
    public record Certificates(
            @DefaultValue("0.6667") double renewSoonLifeFraction,
            @DefaultValue("30d") Duration renewSoonBefore,
            @DefaultValue("60s") Duration metricsRefresh) {

        public Certificates {
            if (!(renewSoonLifeFraction > 0 && renewSoonLifeFraction <= 1)) {
                throw new IllegalArgumentException(
                        "sslplane.query.certificates.renew-soon-life-fraction must be in (0, 1]");
            }
            if (renewSoonBefore.isNegative() || metricsRefresh.isNegative() || metricsRefresh.isZero()) {
                throw new IllegalArgumentException("sslplane.query.certificates.renew-soon-before must not be"
                        + " negative and metrics-refresh must be positive");
            }
        }
    }
}
