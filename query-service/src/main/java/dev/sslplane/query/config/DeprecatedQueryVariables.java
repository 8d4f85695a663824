package dev.sslplane.query.config;

import dev.sslplane.security.DeprecatedVariables;
import java.util.Map;
import org.springframework.boot.logging.DeferredLogFactory;

/** The query service's environment variables of the previous release ({@code QUERY_*}), still read for one more. */
public class DeprecatedQueryVariables extends DeprecatedVariables {

    private static final Map<String, String> OLD_VARIABLES = Map.ofEntries(
            Map.entry("QUERY_CONSUME", "SSLPLANE_QUERY_KAFKA_AUTO_STARTUP"),
            Map.entry("QUERY_CONSUMER_GROUP", "SSLPLANE_QUERY_CONSUMER_GROUP"),
            Map.entry("QUERY_DEAD_LETTER_TOPIC", "SSLPLANE_QUERY_KAFKA_DEAD_LETTER_TOPIC"),
            Map.entry("QUERY_DEFAULT_NODE_RESTART", "SSLPLANE_QUERY_OPERATIONS_DEFAULT_NODE_RESTART"),
            Map.entry("QUERY_DEFAULT_PAGE_SIZE", "SSLPLANE_QUERY_API_DEFAULT_PAGE_SIZE"),
            Map.entry("QUERY_DEFAULT_RUNTIME_STEP", "SSLPLANE_QUERY_OPERATIONS_DEFAULT_RUNTIME_STEP"),
            Map.entry("QUERY_EVENTS_TOPIC", "SSLPLANE_QUERY_KAFKA_EVENTS_TOPIC"),
            Map.entry("QUERY_INSTANCE_CACHE_SIZE", "SSLPLANE_QUERY_API_INSTANCE_CACHE_SIZE"),
            Map.entry("QUERY_LAG_POLL_INTERVAL", "SSLPLANE_QUERY_KAFKA_LAG_POLL_INTERVAL"),
            Map.entry("QUERY_LARGE_INSTANCE_COLLECTIONS", "SSLPLANE_QUERY_OPERATIONS_LARGE_INSTANCE_COLLECTIONS"),
            Map.entry("QUERY_LARGE_INSTANCE_FACTOR", "SSLPLANE_QUERY_OPERATIONS_LARGE_INSTANCE_FACTOR"),
            Map.entry("QUERY_LISTENER_CONCURRENCY", "SSLPLANE_QUERY_LISTENER_CONCURRENCY"),
            Map.entry("QUERY_MAX_HEALTHY_LAG", "SSLPLANE_QUERY_KAFKA_MAX_HEALTHY_LAG"),
            Map.entry("QUERY_MAX_PAGE_SIZE", "SSLPLANE_QUERY_API_MAX_PAGE_SIZE"),
            Map.entry("QUERY_MAX_POLL_RECORDS", "SSLPLANE_QUERY_MAX_POLL_RECORDS"),
            Map.entry("QUERY_REPLAY_BATCH_EVENTS", "SSLPLANE_QUERY_KAFKA_REPLAY_BATCH_EVENTS"),
            Map.entry("QUERY_REPLAY_POLL_RECORDS", "SSLPLANE_QUERY_KAFKA_REPLAY_POLL_RECORDS"),
            Map.entry("QUERY_STREAM_POLL_INTERVAL", "SSLPLANE_QUERY_API_STREAM_POLL_INTERVAL"));

    public DeprecatedQueryVariables(DeferredLogFactory logs) {
        super(logs.getLog(DeprecatedVariables.class), OLD_VARIABLES);
    }
}
