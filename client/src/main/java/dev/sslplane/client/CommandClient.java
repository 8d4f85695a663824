package dev.sslplane.client;

import dev.sslplane.client.model.InstanceChanged;
import dev.sslplane.contracts.messaging.AddMemberRequest;
import dev.sslplane.contracts.messaging.CollectionCountRequest;
import dev.sslplane.contracts.messaging.EngineVersionRequest;
import dev.sslplane.contracts.messaging.ReplaceMemberRequest;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.client.model.InstanceRegistered;
import dev.sslplane.client.model.OperationAccepted;
import dev.sslplane.contracts.messaging.EnableSslRequest;
import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import dev.sslplane.contracts.messaging.OperationRequest;
import dev.sslplane.contracts.messaging.RenewNodeCertificatesRequest;
import dev.sslplane.contracts.messaging.RenewalPolicyRequest;
import dev.sslplane.contracts.model.RenewalPolicy;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.RotateCertificateRequest;
import dev.sslplane.contracts.messaging.TlsEnforcementRequest;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.Schedule;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The command service's API ({@code POST /api/v1/instances…}). Every call carries an {@code Idempotency-Key}: the
 * caller's, or a fresh one per call; the retries this client makes (429, 503) reuse it, so a retried command never
 * starts a second operation. Pass your own key to make your own retries (after a crash, say) safe as well.
 * Refusals are thrown as {@link ProblemException}s with the stable code.
 */
public final class CommandClient {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final HttpTransport http;
    private final URI base;

    CommandClient(HttpTransport http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** A fresh idempotency key ({@code sslplane:<uuid>}), for callers that keep it to retry later. */
    public static String newIdempotencyKey() {
        return Ids.newKey("sslplane");
    }

    /** Registers an instance (SSL starts Disabled). */
    public InstanceRegistered register(RegisterInstanceRequest request, String idempotencyKey) {
        Ids.require("instanceId", request.instanceId());
        HttpResponse<byte[]> answer = http.respond("POST", uri("/api/v1/instances"), HttpTransport.JSON_TYPES,
                request, key(idempotencyKey));
        return http.read(answer.body(), InstanceRegistered.class);
    }

    public InstanceRegistered register(RegisterInstanceRequest request) {
        return register(request, null);
    }

    /**
     * Enables SSL: new CA, a rolling restart into allowTLS, then preferTLS; {@code requireTls} in the options adds
     * requireTLS as the last pass. Allowed only while SSL is Disabled.
     */
    public OperationAccepted enable(String instanceId, EnableSslRequest options, String idempotencyKey) {
        return start(instanceId, "ssl:enable", options, idempotencyKey);
    }

    public OperationAccepted enable(String instanceId) {
        return enable(instanceId, null, null);
    }

    /**
     * Rotates the CA in three rolling restarts; {@code holdOldCa} waits after the second until
     * {@link #finishRotation}. Allowed only while SSL is Enabled.
     */
    public OperationAccepted rotate(String instanceId, RotateCertificateRequest options, String idempotencyKey) {
        return start(instanceId, "ssl:rotate", options, idempotencyKey);
    }

    public OperationAccepted rotate(String instanceId) {
        return rotate(instanceId, null, null);
    }

    /**
     * Renews every node's certificate under the current CA in one rolling restart; clients change nothing. Allowed
     * only while SSL is Enabled.
     */
    public OperationAccepted renewNodeCertificates(String instanceId, String idempotencyKey) {
        return renewNodeCertificates(instanceId, Schedule.NOW, idempotencyKey);
    }

    /** As {@link #renewNodeCertificates(String, String)}, now or in the instance's maintenance window. */
    public OperationAccepted renewNodeCertificates(String instanceId, Schedule schedule, String idempotencyKey) {
        return renewNodeCertificates(instanceId, List.of(), schedule, idempotencyKey);
    }

    /**
     * As {@link #renewNodeCertificates(String, Schedule, String)}, for the named members only (each a current
     * member, each once; empty = every member): only they get new certificates and restart. One name gives a
     * replaced member a certificate of the current CA at once.
     */
    public OperationAccepted renewNodeCertificates(String instanceId, List<String> members, Schedule schedule,
                                                  String idempotencyKey) {
        Object body = members == null || members.isEmpty() ? scheduleBody(schedule)
                : new RenewNodeCertificatesRequest(schedule == Schedule.NOW ? null : schedule, members);
        return start(instanceId, "ssl:renew-node-certificates", body, idempotencyKey);
    }

    public OperationAccepted renewNodeCertificates(String instanceId) {
        return renewNodeCertificates(instanceId, null);
    }

    /** Disables SSL, one TLS mode per rolling restart. Allowed only while SSL is Enabled. */
    public OperationAccepted disable(String instanceId, String idempotencyKey) {
        return disable(instanceId, Schedule.NOW, idempotencyKey);
    }

    /** As {@link #disable(String, String)}, now or in the instance's maintenance window. */
    public OperationAccepted disable(String instanceId, Schedule schedule, String idempotencyKey) {
        return start(instanceId, "ssl:disable", scheduleBody(schedule), idempotencyKey);
    }

    public OperationAccepted disable(String instanceId) {
        return disable(instanceId, null);
    }

    /** Requires TLS ({@code true}: requireTLS) or stops requiring it ({@code false}: back to preferTLS). */
    public OperationAccepted enforceTls(String instanceId, boolean requireTls, String idempotencyKey) {
        return enforceTls(instanceId, requireTls, Schedule.NOW, idempotencyKey);
    }

    /** As {@link #enforceTls(String, boolean, String)}, now or in the instance's maintenance window. */
    public OperationAccepted enforceTls(String instanceId, boolean requireTls, Schedule schedule,
                                        String idempotencyKey) {
        return start(instanceId, "ssl:enforce-tls", new TlsEnforcementRequest(requireTls,
                schedule == Schedule.MAINTENANCE_WINDOW ? schedule : null), idempotencyKey);
    }

    // ---- maintenance window and scheduled operations

    /** Sets (or replaces) the weekly maintenance window, UTC; answers the position of the write. */
    public long setMaintenanceWindow(String instanceId, MaintenanceWindowRequest window, String idempotencyKey) {
        Ids.require("instanceId", instanceId);
        HttpResponse<byte[]> answer = http.respond("POST", uri("/api/v1/instances/" + instanceId
                + "/maintenance-window"), HttpTransport.JSON_TYPES, window, key(idempotencyKey));
        return http.read(answer.body(), com.fasterxml.jackson.databind.JsonNode.class).path("position").asLong();
    }

    /**
     * Sets whether node certificates due for renewal are renewed automatically in the maintenance window
     * ({@code IN_MAINTENANCE_WINDOW}, which needs one: {@code MAINTENANCE_WINDOW_NOT_SET}) or only by command
     * ({@code OFF}); answers the position of the write (the policy in force again records nothing).
     */
    public long setRenewalPolicy(String instanceId, RenewalPolicy policy, String idempotencyKey) {
        Ids.require("instanceId", instanceId);
        HttpResponse<byte[]> answer = http.respond("POST", uri("/api/v1/instances/" + instanceId
                + "/renewal-policy"), HttpTransport.JSON_TYPES, new RenewalPolicyRequest(policy.name()),
                key(idempotencyKey));
        return http.read(answer.body(), com.fasterxml.jackson.databind.JsonNode.class).path("position").asLong();
    }

    /**
     * Cancels an operation scheduled for the maintenance window before it starts; a repeat changes nothing
     * ({@code OPERATION_NOT_SCHEDULED} once it started).
     */
    public OperationAccepted cancelScheduled(String instanceId, String operationId, String idempotencyKey) {
        return onOperation(instanceId, operationId, "cancel", idempotencyKey);
    }

    /** The body of a command whose only option is its schedule: none for now, as before schedules existed. */
    private static OperationRequest scheduleBody(Schedule schedule) {
        return schedule == null || schedule == Schedule.NOW ? null : new OperationRequest(schedule);
    }

    /** Resumes a failed operation at the step that failed. */
    public OperationAccepted retry(String instanceId, String operationId, String idempotencyKey) {
        return onOperation(instanceId, operationId, "retry", idempotencyKey);
    }

    public OperationAccepted retry(String instanceId, String operationId) {
        return retry(instanceId, operationId, null);
    }

    /**
     * Aborts an operation: a RUNNING one stops after the node in progress (ABORTING, then ABORTED), a FAILED one or a
     * rotation waiting for clients ends at once. The answer names the aborted operation; a repeat changes nothing
     * ({@code OPERATION_NOT_ABORTABLE} for a scheduled one: cancel it). Afterwards the status shows each node's mode
     * and CA, and whether only a {@link #rollBack} may run next ({@code ROLLBACK_REQUIRED} for anything else).
     */
    public OperationAccepted abort(String instanceId, String operationId, String idempotencyKey) {
        return onOperation(instanceId, operationId, "abort", idempotencyKey);
    }

    public OperationAccepted abort(String instanceId, String operationId) {
        return abort(instanceId, operationId, null);
    }

    /**
     * Starts the rollback of an aborted operation: a new operation (kind ROLLBACK, its own {@code operationId} in the
     * answer) that brings the nodes back to the mode and CA they had before it; follow it like any operation.
     * {@code ROLLBACK_NOT_POSSIBLE} when {@code abortedOperationId} is not the aborted operation whose nodes need it.
     */
    public OperationAccepted rollBack(String instanceId, String abortedOperationId, String idempotencyKey) {
        return onOperation(instanceId, abortedOperationId, "rollback", idempotencyKey);
    }

    public OperationAccepted rollBack(String instanceId, String abortedOperationId) {
        return rollBack(instanceId, abortedOperationId, null);
    }

    /** Finishes a rotation that waits for clients: the last pass leaves the new CA alone. */
    public OperationAccepted finishRotation(String instanceId, String operationId, String idempotencyKey) {
        return onOperation(instanceId, operationId, "finish-rotation", idempotencyKey);
    }

    // ---- instance changes: refused while an operation runs (a FAILED one does not hold them) ----

    /** Adds a member; while SSL is enabled it gets its certificate in the next operation. */
    public InstanceChanged addMember(String instanceId, NodeSpec member, String idempotencyKey) {
        return change(instanceId, "members:add", new AddMemberRequest(member), idempotencyKey);
    }

    /** Removes a member (not the one registered as PRIMARY, not the last one). */
    public InstanceChanged removeMember(String instanceId, String memberName, String idempotencyKey) {
        Ids.require("memberName", memberName);
        return change(instanceId, "members/" + memberName + ":remove", null, idempotencyKey);
    }

    /**
     * Replaces a (dead) member by a new host with a name of its own; allowed while the instance's operation has
     * FAILED, whose {@link #retry} then drives the replacement.
     */
    public InstanceChanged replaceMember(String instanceId, String memberName, NodeSpec replacement,
                                         String idempotencyKey) {
        Ids.require("memberName", memberName);
        return change(instanceId, "members/" + memberName + ":replace", new ReplaceMemberRequest(null, replacement),
                idempotencyKey);
    }

    /** Records the instance's collection count; the worker's step timeout follows it. */
    public InstanceChanged updateCollectionCount(String instanceId, int collectionCount, String idempotencyKey) {
        return change(instanceId, "collection-count:update", new CollectionCountRequest(collectionCount),
                idempotencyKey);
    }

    /** Records the engine version the instance runs now ({@code 4.2}, {@code 4.2.24}). */
    public InstanceChanged updateEngineVersion(String instanceId, String engineVersion, String idempotencyKey) {
        return change(instanceId, "engine-version:update", new EngineVersionRequest(engineVersion), idempotencyKey);
    }

    private InstanceChanged change(String instanceId, String action, Object body, String idempotencyKey) {
        Ids.require("instanceId", instanceId);
        HttpResponse<byte[]> answer = http.respond("POST", uri("/api/v1/instances/" + instanceId + "/" + action),
                HttpTransport.JSON_TYPES, body, key(idempotencyKey));
        boolean replayed = answer.headers().firstValue(REPLAYED).map("true"::equalsIgnoreCase).orElse(false);
        return http.read(answer.body(), InstanceChanged.class).withReplayed(replayed);
    }

    private OperationAccepted onOperation(String instanceId, String operationId, String action, String key) {
        Ids.require("operationId", operationId);
        return start(instanceId, "operations/" + operationId + ":" + action, null, key);
    }

    private OperationAccepted start(String instanceId, String action, Object body, String idempotencyKey) {
        Ids.require("instanceId", instanceId);
        HttpResponse<byte[]> answer = http.respond("POST", uri("/api/v1/instances/" + instanceId + "/" + action),
                HttpTransport.JSON_TYPES, body, key(idempotencyKey));
        boolean replayed = answer.headers().firstValue(REPLAYED).map("true"::equalsIgnoreCase).orElse(false);
        return http.read(answer.body(), OperationAccepted.class).withReplayed(replayed);
    }

    private static Map<String, String> key(String idempotencyKey) {
        String key = idempotencyKey == null ? newIdempotencyKey() : idempotencyKey;
        if (!IdRules.isClientKey(key)) {
            throw new IllegalArgumentException("an Idempotency-Key must match " + IdRules.CLIENT_KEY.pattern());
        }
        return Map.of(IDEMPOTENCY_KEY, key);
    }

    private URI uri(String path) {
        return HttpTransport.at(base, path);
    }
}
