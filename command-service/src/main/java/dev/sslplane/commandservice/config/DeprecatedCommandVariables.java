package dev.sslplane.commandservice.config;

import dev.sslplane.security.DeprecatedVariables;
import java.util.Map;
import org.springframework.boot.logging.DeferredLogFactory;

/**
 * The command service's environment variables of the previous release whose names did not follow their properties,
 * still read for one more.
 */
public class DeprecatedCommandVariables extends DeprecatedVariables {

    private static final Map<String, String> OLD_VARIABLES = Map.ofEntries(
            Map.entry("SSLPLANE_EVENTS_COLLECTION", "SSLPLANE_EVENT_STORE_EVENTS_COLLECTION"),
            Map.entry("SSLPLANE_IDEMPOTENCY_TTL", "SSLPLANE_API_IDEMPOTENCY_TTL"),
            Map.entry("SSLPLANE_QUERY_BASE_URL", "SSLPLANE_API_QUERY_BASE_URL"),
            Map.entry("SSLPLANE_SUPPORTED_ENGINE_VERSIONS", "SSLPLANE_ELIGIBILITY_SUPPORTED_ENGINE_VERSIONS"),
            Map.entry("SSLPLANE_TOKENS_COLLECTION", "SSLPLANE_EVENT_STORE_TOKENS_COLLECTION"),
            Map.entry("SSLPLANE_TOKEN_CLAIM_TIMEOUT", "SSLPLANE_EVENT_STORE_TOKEN_CLAIM_TIMEOUT"));

    public DeprecatedCommandVariables(DeferredLogFactory logs) {
        super(logs.getLog(DeprecatedVariables.class), OLD_VARIABLES);
    }
}
