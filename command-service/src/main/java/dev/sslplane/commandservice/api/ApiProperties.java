package dev.sslplane.commandservice.api;

import dev.sslplane.contracts.messaging.ReadPosition;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code sslplane.api.*}: the REST command API.
 *
 * @param queryBaseUrl   base URL of the query service; Location headers point there (operation progress and
 *                       instance status are read models), with the position of the write (read-your-writes)
 * @param maxBodySize    largest request body accepted; larger ones are answered 413
 * @param idempotencyTtl how long an Idempotency-Key and its answer are remembered
 */
@ConfigurationProperties("sslplane.api")
public record ApiProperties(
        @DefaultValue("http://localhost:8082") String queryBaseUrl,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("24h") Duration idempotencyTtl) {

    /** Where an operation's progress is read, as soon as the read model has reached {@code position}. */
    public String operationUrl(String instanceId, String operationId, long position) {
        return ReadPosition.appendTo(base() + "/api/v1/instances/" + instanceId + "/operations/" + operationId,
                position);
    }

    /** Where an instance's SSL status is read, as soon as the read model has reached {@code position}. */
    public String instanceStatusUrl(String instanceId, long position) {
        return ReadPosition.appendTo(base() + "/api/v1/instances/" + instanceId + "/ssl", position);
    }

    private String base() {
        return queryBaseUrl.endsWith("/") ? queryBaseUrl.substring(0, queryBaseUrl.length() - 1) : queryBaseUrl;
    }
}
