package dev.sslplane.commandservice.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code sslplane.api.*}: the REST command API.
 *
 * @param queryBaseUrl   base URL of the query service; Location headers point there (operation progress and
 *                       instance status are read models)
 * @param maxBodySize    largest request body accepted; larger ones are answered 413
 * @param idempotencyTtl how long an Idempotency-Key and its answer are remembered
 */
@ConfigurationProperties("sslplane.api")
public record ApiProperties(
        @DefaultValue("http://localhost:8082") String queryBaseUrl,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("24h") Duration idempotencyTtl) {

    public String operationUrl(String instanceId, String operationId) {
        return base() + "/api/v1/instances/" + instanceId + "/operations/" + operationId;
    }

    public String instanceStatusUrl(String instanceId) {
        return base() + "/api/v1/instances/" + instanceId + "/ssl";
    }

    private String base() {
        return queryBaseUrl.endsWith("/") ? queryBaseUrl.substring(0, queryBaseUrl.length() - 1) : queryBaseUrl;
    }
}
