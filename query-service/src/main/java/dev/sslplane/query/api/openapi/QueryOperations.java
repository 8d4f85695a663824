package dev.sslplane.query.api.openapi;

import static dev.sslplane.contracts.error.ErrorCode.FORBIDDEN;
import static dev.sslplane.contracts.error.ErrorCode.INSTANCE_NOT_FOUND;
import static dev.sslplane.contracts.error.ErrorCode.INSTANCE_NOT_IN_SCOPE;
import static dev.sslplane.contracts.error.ErrorCode.INTERNAL_ERROR;
import static dev.sslplane.contracts.error.ErrorCode.INVALID_CURSOR;
import static dev.sslplane.contracts.error.ErrorCode.INVALID_TIME_RANGE;
import static dev.sslplane.contracts.error.ErrorCode.NOT_ACCEPTABLE;
import static dev.sslplane.contracts.error.ErrorCode.NO_ROTATION_IN_PROGRESS;
import static dev.sslplane.contracts.error.ErrorCode.OPERATION_NOT_FOUND;
import static dev.sslplane.contracts.error.ErrorCode.READ_MODEL_BEHIND;
import static dev.sslplane.contracts.error.ErrorCode.REPLAY_IN_PROGRESS;
import static dev.sslplane.contracts.error.ErrorCode.SSL_NOT_ENABLED;
import static dev.sslplane.contracts.error.ErrorCode.UNAUTHENTICATED;
import static dev.sslplane.contracts.error.ErrorCode.VALIDATION_FAILED;
import static dev.sslplane.security.openapi.ApiOperation.union;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.security.openapi.ApiOperation;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every route of the query API with its operation id and the problem codes it can answer with, read from what
 * answers them: {@code AcceptHeaderCheck} and negotiation (406), the security chain (401; 403 where a role is
 * required), the handlers ({@code Ids}, {@code Paging}, {@code Cursors}, {@code InstanceLookup}, the audit
 * filters) and {@code ApiProblemHandler}'s catch-all (500). A new route needs a line here, or
 * {@code OpenApiSpecIT} fails.
 */
final class QueryOperations {

    /** Any route: an unreadable Accept header is refused first; anything unexpected is a 500. */
    private static final Set<ErrorCode> EVERY_ROUTE = EnumSet.of(NOT_ACCEPTABLE, INTERNAL_ERROR);

    /** Routes that need a token with a role (viewer, auditor or admin). */
    private static final Set<ErrorCode> ROLE = union(EVERY_ROUTE, UNAUTHENTICATED, FORBIDDEN);

    /**
     * One instance by id: id and position validated, refused outside the credential's scope, 404 when unknown
     * (without a position), 503 when a named position is not reached in time ({@code PositionWait}).
     */
    private static final Set<ErrorCode> INSTANCE = union(ROLE, VALIDATION_FAILED, INSTANCE_NOT_IN_SCOPE,
            INSTANCE_NOT_FOUND, READ_MODEL_BEHIND);

    /** One operation of an instance: its id validated too, 404 when the instance has no such operation. */
    private static final Set<ErrorCode> OPERATION = union(INSTANCE, OPERATION_NOT_FOUND);

    /** Audit filters: malformed values, an instance outside the scope, a bad time range. */
    private static final Set<ErrorCode> AUDIT = union(ROLE, VALIDATION_FAILED, INSTANCE_NOT_IN_SCOPE,
            INVALID_TIME_RANGE);

    static final Map<String, ApiOperation> BY_ROUTE = Map.ofEntries(
            Map.entry("GET /api/v1/instances", ApiOperation.secured("listInstances",
                    union(ROLE, VALIDATION_FAILED, INVALID_CURSOR))),
            Map.entry("GET /api/v1/instances/{id}/ssl", ApiOperation.secured("getInstanceSsl", INSTANCE)),
            Map.entry("GET /api/v1/instances/{id}/ssl/certificates", ApiOperation.secured("listCertificates",
                    INSTANCE)),
            Map.entry("GET /api/v1/instances/{id}/ssl/nodes/{node}/certificates",
                    ApiOperation.secured("listNodeCertificates", INSTANCE)),
            Map.entry("GET /api/v1/instances/{id}/ssl/ca.pem", ApiOperation.secured("downloadCaCertificate",
                    union(INSTANCE, SSL_NOT_ENABLED))),
            Map.entry("GET /api/v1/instances/{id}/ssl/ca-bundle.pem", ApiOperation.secured("downloadCaBundle",
                    union(INSTANCE, NO_ROTATION_IN_PROGRESS))),
            Map.entry("GET /api/v1/instances/{id}/operations/{opId}", ApiOperation.secured("getOperation",
                    OPERATION)),
            Map.entry("GET /api/v1/instances/{id}/operations/{opId}/stream", ApiOperation.secured("streamOperation",
                    OPERATION)),
            Map.entry("GET /api/v1/audit", ApiOperation.secured("listAuditEntries", union(AUDIT, INVALID_CURSOR))),
            Map.entry("GET /api/v1/audit/export", ApiOperation.secured("exportAuditEntries", AUDIT)),
            Map.entry("POST /api/v1/admin/replay", ApiOperation.secured("startReplay",
                    union(ROLE, REPLAY_IN_PROGRESS))),
            Map.entry("GET /api/v1/admin/replay", ApiOperation.secured("getReplayStatus", ROLE)),
            Map.entry("GET /api/v1/admin/digests", ApiOperation.secured("getReadModelDigests", ROLE)),
            // any valid token: no role is required, so never a 403
            Map.entry("GET /api/v1/me", ApiOperation.secured("getCaller", union(EVERY_ROUTE, UNAUTHENTICATED))),
            // the console reads it before it has a token
            Map.entry("GET /api/v1/console/config", ApiOperation.open("getConsoleConfig", EVERY_ROUTE)));

    private QueryOperations() {
    }
}
