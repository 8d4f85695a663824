package dev.sslplane.commandservice.api.openapi;

import static dev.sslplane.contracts.error.ErrorCode.CA_KEY_UNAVAILABLE;
import static dev.sslplane.contracts.error.ErrorCode.CONCURRENT_MODIFICATION;
import static dev.sslplane.contracts.error.ErrorCode.CSR_INVALID;
import static dev.sslplane.contracts.error.ErrorCode.CSR_NODE_UNKNOWN;
import static dev.sslplane.contracts.error.ErrorCode.CSR_NO_RUNNING_OPERATION;
import static dev.sslplane.contracts.error.ErrorCode.CSR_SAN_MISMATCH;
import static dev.sslplane.contracts.error.ErrorCode.CSR_WEAK_KEY;
import static dev.sslplane.contracts.error.ErrorCode.FORBIDDEN;
import static dev.sslplane.contracts.error.ErrorCode.IDEMPOTENCY_KEY_REUSED;
import static dev.sslplane.contracts.error.ErrorCode.INSTANCE_ALREADY_REGISTERED;
import static dev.sslplane.contracts.error.ErrorCode.INSTANCE_NOT_ELIGIBLE;
import static dev.sslplane.contracts.error.ErrorCode.INSTANCE_NOT_FOUND;
import static dev.sslplane.contracts.error.ErrorCode.INSTANCE_NOT_IN_SCOPE;
import static dev.sslplane.contracts.error.ErrorCode.INTERNAL_ERROR;
import static dev.sslplane.contracts.error.ErrorCode.MEMBERSHIP_INVALID;
import static dev.sslplane.contracts.error.ErrorCode.MEMBER_NOT_FOUND;
import static dev.sslplane.contracts.error.ErrorCode.MAINTENANCE_WINDOW_NOT_SET;
import static dev.sslplane.contracts.error.ErrorCode.NOT_ACCEPTABLE;
import static dev.sslplane.contracts.error.ErrorCode.OPERATION_IN_PROGRESS;
import static dev.sslplane.contracts.error.ErrorCode.OPERATION_NOT_FOUND;
import static dev.sslplane.contracts.error.ErrorCode.OPERATION_NOT_RETRYABLE;
import static dev.sslplane.contracts.error.ErrorCode.OPERATION_NOT_ABORTABLE;
import static dev.sslplane.contracts.error.ErrorCode.OPERATION_NOT_SCHEDULED;
import static dev.sslplane.contracts.error.ErrorCode.ROLLBACK_NOT_POSSIBLE;
import static dev.sslplane.contracts.error.ErrorCode.ROLLBACK_REQUIRED;
import static dev.sslplane.contracts.error.ErrorCode.PAYLOAD_TOO_LARGE;
import static dev.sslplane.contracts.error.ErrorCode.RATE_LIMITED;
import static dev.sslplane.contracts.error.ErrorCode.REPUBLISH_IN_PROGRESS;
import static dev.sslplane.contracts.error.ErrorCode.ROTATION_AWAITING_CLIENTS;
import static dev.sslplane.contracts.error.ErrorCode.ROTATION_NOT_AWAITING_CLIENTS;
import static dev.sslplane.contracts.error.ErrorCode.SERVICE_UNAVAILABLE;
import static dev.sslplane.contracts.error.ErrorCode.SSL_ALREADY_ENABLED;
import static dev.sslplane.contracts.error.ErrorCode.SSL_NOT_ENABLED;
import static dev.sslplane.contracts.error.ErrorCode.TLS_ENFORCEMENT_UNCHANGED;
import static dev.sslplane.contracts.error.ErrorCode.UNAUTHENTICATED;
import static dev.sslplane.contracts.error.ErrorCode.UNSUPPORTED_MEDIA_TYPE;
import static dev.sslplane.contracts.error.ErrorCode.VALIDATION_FAILED;
import static dev.sslplane.security.openapi.ApiOperation.union;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.AddMemberRequest;
import dev.sslplane.contracts.messaging.CollectionCountRequest;
import dev.sslplane.contracts.messaging.EnableSslRequest;
import dev.sslplane.contracts.messaging.EngineVersionRequest;
import dev.sslplane.contracts.messaging.ReplaceMemberRequest;
import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import dev.sslplane.contracts.messaging.OperationRequest;
import dev.sslplane.contracts.messaging.RenewNodeCertificatesRequest;
import dev.sslplane.contracts.messaging.RenewalPolicyRequest;
import dev.sslplane.contracts.messaging.RotateCertificateRequest;
import dev.sslplane.contracts.messaging.TlsEnforcementRequest;
import dev.sslplane.contracts.model.Schedule;
import dev.sslplane.security.openapi.ApiOperation;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every route of the command API with its operation id and the problem codes it can answer with, read from what
 * answers them: the security chain and {@code RateLimitFilter} (401, 403, 429), {@code RequestSizeLimitFilter}
 * (413), Spring MVC's negotiation (406, 415), the handlers and the aggregate's rules (the domain codes) and
 * {@code ProblemDetailsAdvice} (503 for an unavailable store, 500 for anything else). A new route needs a line
 * here, or {@code OpenApiSpecIT} fails.
 */
final class CommandOperations {

    /** The security chain (every route names a role), negotiation and the advice's catch-all. */
    private static final Set<ErrorCode> EVERY_ROUTE = EnumSet.of(UNAUTHENTICATED, FORBIDDEN, NOT_ACCEPTABLE,
            INTERNAL_ERROR);

    /** Every POST: the size limit refuses by Content-Length before a body is read. */
    private static final Set<ErrorCode> EVERY_POST = union(EVERY_ROUTE, PAYLOAD_TOO_LARGE);

    /**
     * Commands on an instance: ids and Idempotency-Key validated, the instance scope checked, the principal's rate
     * limit, the aggregate's concurrency check, idempotency and the event store.
     */
    private static final Set<ErrorCode> COMMAND = union(EVERY_POST, VALIDATION_FAILED, INSTANCE_NOT_IN_SCOPE,
            RATE_LIMITED, CONCURRENT_MODIFICATION, IDEMPOTENCY_KEY_REUSED, SERVICE_UNAVAILABLE);

    /** Commands that start an operation on a registered instance: eligibility and one operation at a time. */
    private static final Set<ErrorCode> START = union(COMMAND, INSTANCE_NOT_FOUND, INSTANCE_NOT_ELIGIBLE,
            OPERATION_IN_PROGRESS, ROTATION_AWAITING_CLIENTS,
            // schedule MAINTENANCE_WINDOW on an instance without one
            MAINTENANCE_WINDOW_NOT_SET,
            // an aborted operation left the nodes unlike each other
            ROLLBACK_REQUIRED);

    /** Instance changes: a registered instance, no operation running (a FAILED one does not hold them). */
    private static final Set<ErrorCode> CHANGE = union(COMMAND, INSTANCE_NOT_FOUND, OPERATION_IN_PROGRESS,
            ROTATION_AWAITING_CLIENTS, ROLLBACK_REQUIRED);

    static final Map<String, ApiOperation> BY_ROUTE = Map.ofEntries(
            Map.entry("POST /api/v1/instances", ApiOperation.secured("registerInstance",
                            union(COMMAND, UNSUPPORTED_MEDIA_TYPE, INSTANCE_ALREADY_REGISTERED))
                    .withExample("replicaSet", RequestExamples.registration())
                    .withExample("systemdOperator", RequestExamples.systemdRegistration())),
            Map.entry("POST /api/v1/instances/{instanceId}/ssl:enable", ApiOperation.secured("enableSsl",
                            union(START, UNSUPPORTED_MEDIA_TYPE, SSL_ALREADY_ENABLED, CA_KEY_UNAVAILABLE))
                    .withExample("preferTls", new EnableSslRequest(false))
                    .withExample("requireTls", new EnableSslRequest(true))
                    .withExample("certificateOptions", new EnableSslRequest(false, "EC-P384", "P825D", "P90D"))
                    .withExample("inMaintenanceWindow",
                            new EnableSslRequest(false, null, null, null, Schedule.MAINTENANCE_WINDOW))),
            Map.entry("POST /api/v1/instances/{instanceId}/ssl:rotate", ApiOperation.secured("rotateCertificate",
                            union(START, UNSUPPORTED_MEDIA_TYPE, SSL_NOT_ENABLED, CA_KEY_UNAVAILABLE))
                    .withExample("threePasses", new RotateCertificateRequest(false))
                    .withExample("holdOldCa", new RotateCertificateRequest(true))
                    .withExample("certificateOptions",
                            new RotateCertificateRequest(false, "RSA-3072", "P1825D", "P30D"))),
            Map.entry("POST /api/v1/instances/{instanceId}/ssl:renew-node-certificates",
                    ApiOperation.secured("renewNodeCertificates", union(START, UNSUPPORTED_MEDIA_TYPE,
                                    SSL_NOT_ENABLED, MEMBER_NOT_FOUND))
                            .withExample("everyMember", new RenewNodeCertificatesRequest(null))
                            .withExample("oneMember", new RenewNodeCertificatesRequest(null, List.of("rs0-3")))
                            .withExample("inMaintenanceWindow",
                                    new RenewNodeCertificatesRequest(Schedule.MAINTENANCE_WINDOW))),
            Map.entry("POST /api/v1/instances/{instanceId}/ssl:disable", ApiOperation.secured("disableSsl",
                            union(START, UNSUPPORTED_MEDIA_TYPE, SSL_NOT_ENABLED))
                    .withExample("inMaintenanceWindow", new OperationRequest(Schedule.MAINTENANCE_WINDOW))),
            Map.entry("POST /api/v1/instances/{instanceId}/ssl:enforce-tls", ApiOperation.secured("setTlsEnforcement",
                            union(START, UNSUPPORTED_MEDIA_TYPE, SSL_NOT_ENABLED, TLS_ENFORCEMENT_UNCHANGED))
                    .withExample("requireTls", new TlsEnforcementRequest(true))
                    .withExample("preferTls", new TlsEnforcementRequest(false))),
            // a retry is refused while a rotation waits for clients, else when it names another operation
            Map.entry("POST /api/v1/instances/{instanceId}/operations/{operationId}:retry",
                    ApiOperation.secured("retryOperation", union(COMMAND, INSTANCE_NOT_FOUND, OPERATION_NOT_FOUND,
                            ROTATION_AWAITING_CLIENTS, OPERATION_NOT_RETRYABLE))),
            Map.entry("POST /api/v1/instances/{instanceId}/operations/{operationId}:finish-rotation",
                    ApiOperation.secured("finishRotation", union(COMMAND, INSTANCE_NOT_FOUND, OPERATION_NOT_FOUND,
                            ROTATION_NOT_AWAITING_CLIENTS))),
            // maintenance windows and scheduled operations
            Map.entry("POST /api/v1/instances/{instanceId}/maintenance-window",
                    ApiOperation.secured("setMaintenanceWindow", union(COMMAND, UNSUPPORTED_MEDIA_TYPE,
                                    INSTANCE_NOT_FOUND))
                            .withExample("saturdayNight", new MaintenanceWindowRequest("SATURDAY", "02:00", "PT4H"))),
            // automatic renewal: IN_MAINTENANCE_WINDOW needs the window
            Map.entry("POST /api/v1/instances/{instanceId}/renewal-policy",
                    ApiOperation.secured("setRenewalPolicy", union(COMMAND, UNSUPPORTED_MEDIA_TYPE,
                                    INSTANCE_NOT_FOUND, MAINTENANCE_WINDOW_NOT_SET))
                            .withExample("inMaintenanceWindow", new RenewalPolicyRequest("IN_MAINTENANCE_WINDOW"))
                            .withExample("off", new RenewalPolicyRequest("OFF"))),
            Map.entry("POST /api/v1/instances/{instanceId}/operations/{operationId}:cancel",
                    ApiOperation.secured("cancelScheduledOperation", union(COMMAND, INSTANCE_NOT_FOUND,
                            OPERATION_NOT_FOUND, OPERATION_NOT_SCHEDULED))),
            // abort and rollback
            Map.entry("POST /api/v1/instances/{instanceId}/operations/{operationId}:abort",
                    ApiOperation.secured("abortOperation", union(COMMAND, INSTANCE_NOT_FOUND, OPERATION_NOT_FOUND,
                            OPERATION_NOT_ABORTABLE))),
            Map.entry("POST /api/v1/instances/{instanceId}/operations/{operationId}:rollback",
                    ApiOperation.secured("rollBackOperation", union(COMMAND, INSTANCE_NOT_FOUND,
                            OPERATION_IN_PROGRESS, ROTATION_AWAITING_CLIENTS, ROLLBACK_NOT_POSSIBLE))),
            // the worker's route: no Idempotency-Key (a repeated CSR is simply signed again)
            Map.entry("POST /api/v1/instances/{instanceId}/operations/{operationId}/nodes/{nodeName}/certificate",
                    ApiOperation.secured("signNodeCertificate", union(EVERY_POST, VALIDATION_FAILED,
                                    INSTANCE_NOT_IN_SCOPE, RATE_LIMITED, UNSUPPORTED_MEDIA_TYPE, INSTANCE_NOT_FOUND,
                                    CSR_NODE_UNKNOWN, CSR_NO_RUNNING_OPERATION, CONCURRENT_MODIFICATION, CSR_INVALID,
                                    CSR_SAN_MISMATCH, CSR_WEAK_KEY, CA_KEY_UNAVAILABLE, SERVICE_UNAVAILABLE))
                            .withExample("nodeCsr", RequestExamples.csr())),
            // ---- instance changes: refused while an operation runs, not while one has FAILED
            Map.entry("POST /api/v1/instances/{instanceId}/members:add", ApiOperation.secured("addMember",
                            union(CHANGE, UNSUPPORTED_MEDIA_TYPE, MEMBERSHIP_INVALID))
                    .withExample("secondary", new AddMemberRequest(RequestExamples.member("rs0-3")))),
            Map.entry("POST /api/v1/instances/{instanceId}/members/{memberName}:remove",
                    ApiOperation.secured("removeMember", union(CHANGE, MEMBER_NOT_FOUND, MEMBERSHIP_INVALID))),
            Map.entry("POST /api/v1/instances/{instanceId}/members/{memberName}:replace",
                    ApiOperation.secured("replaceMember", union(CHANGE, UNSUPPORTED_MEDIA_TYPE, MEMBER_NOT_FOUND,
                                    MEMBERSHIP_INVALID))
                            .withExample("newHost", new ReplaceMemberRequest(null, RequestExamples.member("rs0-3")))),
            Map.entry("POST /api/v1/instances/{instanceId}/collection-count:update",
                    ApiOperation.secured("updateCollectionCount", union(CHANGE, UNSUPPORTED_MEDIA_TYPE))
                            .withExample("count", new CollectionCountRequest(25_000))),
            Map.entry("POST /api/v1/instances/{instanceId}/engine-version:update",
                    ApiOperation.secured("updateEngineVersion", union(CHANGE, UNSUPPORTED_MEDIA_TYPE))
                            .withExample("upgrade", new EngineVersionRequest("4.2"))),
            Map.entry("POST /api/v1/admin/republish", ApiOperation.secured("startRepublish",
                    union(EVERY_POST, REPUBLISH_IN_PROGRESS))),
            Map.entry("GET /api/v1/admin/republish", ApiOperation.secured("getRepublishStatus", EVERY_ROUTE)),
            Map.entry("POST /api/v1/admin/vault:rotate-master-key", ApiOperation.secured("rotateVaultMasterKey",
                    union(EVERY_POST, VALIDATION_FAILED, SERVICE_UNAVAILABLE))));

    private CommandOperations() {
    }
}
