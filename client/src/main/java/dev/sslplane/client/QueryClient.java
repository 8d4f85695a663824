package dev.sslplane.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sslplane.client.model.AuditEntry;
import dev.sslplane.client.model.AuditQuery;
import dev.sslplane.client.model.Certificate;
import dev.sslplane.client.model.InstanceStatus;
import dev.sslplane.client.model.Operation;
import dev.sslplane.client.model.OperationAccepted;
import dev.sslplane.client.model.Page;
import dev.sslplane.contracts.messaging.ReadPosition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The query service's API ({@code GET /api/v1/instances…}, {@code /api/v1/audit}): status, certificate history,
 * CA download, operations and their live stream, the audit trail. Reads are not retried on their own beyond 429 and
 * 503: they are cheap to call again. Reads that take a position (read-your-writes) see what the command that
 * answered it wrote; the query side waits for its projection, and a 503 {@code READ_MODEL_BEHIND} after its bound
 * is retried here after its {@code Retry-After} like any other 503.
 */
public final class QueryClient {

    private final HttpTransport http;
    private final URI base;

    QueryClient(HttpTransport http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** One page of instances, ordered by id; {@code sslStatus} ENABLED, DISABLED or {@code null} for all. */
    public Page<InstanceStatus> instances(String sslStatus, Integer limit, String cursor) {
        StringBuilder query = new StringBuilder();
        param(query, "sslStatus", sslStatus);
        param(query, "limit", limit == null ? null : limit.toString());
        param(query, "cursor", cursor);
        return http.getJson(uri("/api/v1/instances" + query), new TypeReference<Page<InstanceStatus>>() { });
    }

    /** Every instance the token may see, page after page. */
    public List<InstanceStatus> allInstances(String sslStatus) {
        List<InstanceStatus> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<InstanceStatus> page = instances(sslStatus, 200, cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    public InstanceStatus status(String instanceId) {
        return status(instanceId, null);
    }

    /**
     * The status as of {@code position} or later (read-your-writes: pass the position a command answered, and the
     * status shows that command's operation or registration); {@code null} for whatever the query side has now.
     */
    public InstanceStatus status(String instanceId, Long position) {
        return http.getJson(uri(instancePath(instanceId) + "/ssl" + at(position)),
                new TypeReference<InstanceStatus>() { });
    }

    /** Every CA certificate issued for the instance, newest first. */
    public List<Certificate> history(String instanceId) {
        return http.getJson(uri(instancePath(instanceId) + "/ssl/certificates"),
                new TypeReference<List<Certificate>>() { });
    }

    /**
     * The CA certificate (PEM) clients should trust; during a rotation the bundle of both CAs. Refused with
     * {@code SSL_NOT_ENABLED} ({@link RefusedException}) unless SSL is enabled.
     */
    public String caPem(String instanceId) {
        byte[] pem = http.send("GET", uri(instancePath(instanceId) + "/ssl/ca.pem"),
                "application/x-pem-file, application/problem+json", null, Map.of());
        return new String(pem, StandardCharsets.US_ASCII);
    }

    public Operation operation(String instanceId, String operationId) {
        return operation(instanceId, operationId, null);
    }

    /** The operation as of {@code position} or later: with the position its command answered, never a 404. */
    public Operation operation(String instanceId, String operationId, Long position) {
        return http.getJson(uri(operationPath(instanceId, operationId) + at(position)),
                new TypeReference<Operation>() { });
    }

    /** The operation a command just started, read at the command's position (its Location). */
    public Operation operation(OperationAccepted accepted) {
        return operation(accepted.instanceId(), accepted.operationId(), accepted.position());
    }

    /** One page of the audit trail, newest first. */
    public Page<AuditEntry> audit(AuditQuery query) {
        return http.getJson(uri("/api/v1/audit" + query.queryString(true)),
                new TypeReference<Page<AuditEntry>>() { });
    }

    /** Every matching audit entry, oldest first, streamed from the NDJSON export; answers how many. */
    public long exportAudit(AuditQuery query, Consumer<AuditEntry> each) {
        var response = http.open(uri("/api/v1/audit/export" + query.queryString(false)),
                "application/x-ndjson, application/problem+json", Map.of());
        long count = 0;
        try (InputStream body = response.body();
             var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    each.accept(http.json().readValue(line, AuditEntry.class));
                    count++;
                }
            }
        } catch (IOException e) {
            throw new TransportException("the audit export broke off after " + count + " entries", e);
        }
        return count;
    }

    /**
     * Follows an operation on its live stream (server-sent events) until it completes, fails or waits for clients,
     * calling {@code onChange} with every new state; answers the last. Reconnects after a dropped connection, and
     * waits while the query side has not seen a just-accepted operation yet (404).
     *
     * @throws OperationTimeoutException when it is still running after {@code timeout}
     */
    public Operation follow(String instanceId, String operationId, Duration timeout, Consumer<Operation> onChange) {
        return follow(instanceId, operationId, null, timeout, onChange);
    }

    /**
     * Follows the operation a command just started, from the command's position: the query side answers once it
     * has seen the operation, so a 404 means it is really not there and ends the call at once.
     */
    public Operation follow(OperationAccepted accepted, Duration timeout, Consumer<Operation> onChange) {
        return follow(accepted.instanceId(), accepted.operationId(), accepted.position(), timeout, onChange);
    }

    private Operation follow(String instanceId, String operationId, Long position, Duration timeout,
                             Consumer<Operation> onChange) {
        return new OperationFollower(http, uri(operationPath(instanceId, operationId) + "/stream" + at(position)),
                timeout, position != null).follow(onChange);
    }

    private static String instancePath(String instanceId) {
        return "/api/v1/instances/" + Ids.require("instanceId", instanceId);
    }

    private static String operationPath(String instanceId, String operationId) {
        return instancePath(instanceId) + "/operations/" + Ids.require("operationId", operationId);
    }

    /** The query string naming {@code position}, or nothing. */
    private static String at(Long position) {
        return position == null ? "" : "?" + ReadPosition.PARAMETER + "=" + position;
    }

    private static void param(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private URI uri(String path) {
        return HttpTransport.at(base, path);
    }
}
