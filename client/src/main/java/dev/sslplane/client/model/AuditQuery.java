package dev.sslplane.client.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Filters of the audit trail; every one optional ({@code null}). {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditQuery(String instanceId, String type, String actor, Instant from, Instant to, Integer limit,
                         String cursor) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null);
    }

    public static AuditQuery instance(String instanceId) {
        return new AuditQuery(instanceId, null, null, null, null, null, null);
    }

    public AuditQuery from(Instant since) {
        return new AuditQuery(instanceId, type, actor, since, to, limit, cursor);
    }

    public AuditQuery limit(int size) {
        return new AuditQuery(instanceId, type, actor, from, to, size, cursor);
    }

    public AuditQuery cursor(String next) {
        return new AuditQuery(instanceId, type, actor, from, to, limit, next);
    }

    /** The query string ({@code ?a=b&…}, or empty), for the page ({@code paged}) or the export. */
    public String queryString(boolean paged) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("instanceId", instanceId);
        params.put("type", type);
        params.put("actor", actor);
        params.put("from", from);
        params.put("to", to);
        if (paged) {
            params.put("limit", limit);
            params.put("cursor", cursor);
        }
        String query = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? "" : "?" + query;
    }
}
