package dev.sslplane.commandservice.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sslplane.commandservice.command.CertificatePolicy;
import dev.sslplane.commandservice.intake.CertificateRequests;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.commandservice.intake.InputRules;
import dev.sslplane.commandservice.intake.OperationIds;
import dev.sslplane.commandservice.intake.RegisterInstanceValidator;
import dev.sslplane.commandservice.intake.RenewalMembers;
import dev.sslplane.commandservice.intake.MaintenanceWindowRequests;
import dev.sslplane.contracts.command.AbortOperationCommand;
import dev.sslplane.contracts.command.CancelScheduledOperationCommand;
import dev.sslplane.contracts.command.DisableSslCommand;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.RegisterInstanceCommand;
import dev.sslplane.contracts.command.RetryRestartCommand;
import dev.sslplane.contracts.command.RollBackOperationCommand;
import dev.sslplane.contracts.command.FinishRotationCommand;
import dev.sslplane.contracts.command.RenewNodeCertificatesCommand;
import dev.sslplane.contracts.command.RotateCertificateCommand;
import dev.sslplane.contracts.command.SetMaintenanceWindowCommand;
import dev.sslplane.contracts.command.SetTlsEnforcementCommand;
import dev.sslplane.contracts.messaging.EnableSslRequest;
import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import dev.sslplane.contracts.messaging.OperationRequest;
import dev.sslplane.contracts.messaging.RenewNodeCertificatesRequest;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.RotateCertificateRequest;
import dev.sslplane.contracts.messaging.TlsEnforcementRequest;
import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.Schedule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The command API. Every accepted change answers {@code 202} with the operation id, the position of the write and a
 * Location on the query service that carries it, where progress can be followed (read-your-writes:
 * {@code ReadPosition}); refusals are problem documents with stable codes (which ones, per
 * route, the OpenAPI document says: {@code api.openapi.CommandOperations}).
 */
@RestController
@RequestMapping(path = "/api/v1/instances", produces = {MediaType.APPLICATION_JSON_VALUE,
        MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "commands", description = "Register instances; enable, rotate or disable SSL, renew node certificates, "
        + "change TLS enforcement, retry a failed operation, finish a rotation that waits for clients; set the "
        + "maintenance window, cancel an operation scheduled for it")
class InstanceCommandController {

    private static final String ACCEPTED = "operation started or resumed; Location is its progress on the query "
            + "service with the position of this write (?position=), which never answers 404 for it; the body's "
            + "position makes the instance's status show it too";
    private static final String SCHEDULE = "optional; schedule = NOW (default) or MAINTENANCE_WINDOW: start at the "
            + "next opening of the instance's maintenance window (MAINTENANCE_WINDOW_NOT_SET without one); until then "
            + "the operation is SCHEDULED, holds the instance and can be cancelled";
    private static final String CERTIFICATE_OPTIONS = "caKeyAlgorithm = the new CA's key algorithm (RSA-2048, "
            + "RSA-3072, RSA-4096, EC-P256, EC-P384), caValidity and nodeCertificateValidity = ISO-8601 durations of "
            + "days, hours, minutes and seconds (P825D, PT36H) within the deployment's bounds (defaults: CA 30 days "
            + ".. 20 years, node certificate 1 .. 397 days, never longer than the CA); absent = the deployment's "
            + "setting; anything else is 400 VALIDATION_FAILED";

    private final CommandDispatcher dispatcher;
    private final ActorProvider actors;
    private final IdempotentExecutor idempotency;
    private final ApiProperties properties;
    private final ObjectMapper objectMapper;
    private final CertificatePolicy certificatePolicy;

    InstanceCommandController(CommandDispatcher dispatcher, ActorProvider actors, IdempotentExecutor idempotency,
                              ApiProperties properties, ObjectMapper objectMapper,
                              CertificatePolicy certificatePolicy) {
        this.certificatePolicy = certificatePolicy;
        this.dispatcher = dispatcher;
        this.actors = actors;
        this.idempotency = idempotency;
        this.properties = properties;
        this.objectMapper = objectMapper;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a MongoDB instance for SSL management (SSL starts Disabled)")
    @ApiResponse(responseCode = "201", description = "registered; Location is the instance's SSL status, with the "
            + "position of the registration (?position=): reading it never answers 404",
            content = @Content(schema = @Schema(implementation = InstanceRegistered.class)))
    ResponseEntity<Object> register(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "the instance and its nodes; optional operator: the node operator that drives "
                            + "them (type local-fleet, systemd or simulated; systemd needs systemd.user, "
                            + "privateKeyFile and knownHostsFile), absent = the worker's default operator")
            @RequestBody RegisterInstanceRequest request,
            @Parameter(description = "makes retries safe: same key and body → same answer")
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        IdempotentExecutor.requireValidKey(idempotencyKey);
        RegisterInstanceCommand command = RegisterInstanceValidator.toCommand(request);
        actors.requireInScope(command.instanceId());
        return idempotency.execute(idempotencyKey, "POST /api/v1/instances " + registration(command), () -> {
            long position = dispatcher.<Long>dispatch(command, actors.currentActor(), null, "rest");
            String location = properties.instanceStatusUrl(command.instanceId(), position);
            return ResponseEntity.created(URI.create(location)).contentType(MediaType.APPLICATION_JSON)
                    .body(new InstanceRegistered(command.instanceId(), location, position));
        });
    }

    @PostMapping("/{instanceId}/ssl:enable")
    @Operation(summary = "Enable SSL: new CA, allowTLS with a rolling restart, then preferTLS at run time, and "
            + "requireTLS too with {\"requireTls\": true} (only while SSL is Disabled)")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = OperationAccepted.class)))
    ResponseEntity<Object> enable(
            @PathVariable String instanceId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    description = "optional; requireTls = force encryption (requireTLS) as the last pass; "
                            + CERTIFICATE_OPTIONS + "; " + SCHEDULE)
            @RequestBody(required = false) EnableSslRequest body,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        EnableSslRequest request = body != null ? body : new EnableSslRequest(null);
        boolean requireTls = request.requireTlsOrDefault();
        CertificateOptions certificates = CertificateRequests.read(request.caKeyAlgorithm(), request.caValidity(),
                request.nodeCertificateValidity(), certificatePolicy);
        Schedule schedule = Schedule.orNow(request.schedule());
        return startOperation(instanceId, "enable",
                (requireTls ? " requireTls" : "") + CertificateRequests.describe(certificates) + describe(schedule),
                "ENABLE", idempotencyKey,
                (id, operationId) -> new EnableSslCommand(id, operationId, requireTls, certificates, schedule));
    }

    @PostMapping("/{instanceId}/ssl:rotate")
    @Operation(summary = "Update (rotate) the CA certificate in three rolling restarts: CA bundle, new "
            + "certificates, new CA alone; with {\"holdOldCa\": true} it waits for clients before the last "
            + "(only while SSL is Enabled)")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = OperationAccepted.class)))
    ResponseEntity<Object> rotate(
            @PathVariable String instanceId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    description = "optional; holdOldCa = wait after the second pass until :finish-rotation; "
                            + CERTIFICATE_OPTIONS + "; " + SCHEDULE)
            @RequestBody(required = false) RotateCertificateRequest body,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        RotateCertificateRequest request = body != null ? body : new RotateCertificateRequest(null);
        boolean holdOldCa = request.holdOldCaOrDefault();
        CertificateOptions certificates = CertificateRequests.read(request.caKeyAlgorithm(), request.caValidity(),
                request.nodeCertificateValidity(), certificatePolicy);
        Schedule schedule = Schedule.orNow(request.schedule());
        return startOperation(instanceId, "rotate",
                (holdOldCa ? " holdOldCa" : "") + CertificateRequests.describe(certificates) + describe(schedule),
                "ROTATE", idempotencyKey, (id, operationId) -> new RotateCertificateCommand(id, operationId, holdOldCa,
                        certificates, schedule));
    }

    @PostMapping("/{instanceId}/ssl:renew-node-certificates")
    @Operation(summary = "Renew the node certificates under the current CA in one rolling restart of the nodes "
            + "renewed; the CA stays, so clients change nothing (only while SSL is Enabled). With members, only those "
            + "members are renewed and restarted: one name gives a replacement member a certificate at once")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = OperationAccepted.class)))
    ResponseEntity<Object> renewNodeCertificates(
            @PathVariable String instanceId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, description = "optional; "
                    + "members = names of the members to renew, each a current member, each once (absent or empty "
                    + "= every member); " + SCHEDULE)
            @RequestBody(required = false) RenewNodeCertificatesRequest body,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        Schedule schedule = Schedule.orNow(body == null ? null : body.schedule());
        List<String> members = RenewalMembers.read(body == null ? null : body.members());
        return startOperation(instanceId, "renew-node-certificates",
                (members.isEmpty() ? "" : " members=" + String.join(",", members)) + describe(schedule),
                OperationKind.RENEW_NODE_CERTIFICATES.name(), idempotencyKey,
                (id, operationId) -> new RenewNodeCertificatesCommand(id, operationId, schedule, members));
    }

    @PostMapping("/{instanceId}/ssl:disable")
    @Operation(summary = "Disable SSL: rolling restarts down to disabled, one TLS mode per pass (only while SSL "
            + "is Enabled)")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = OperationAccepted.class)))
    ResponseEntity<Object> disable(
            @PathVariable String instanceId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, description = SCHEDULE)
            @RequestBody(required = false) OperationRequest body,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        Schedule schedule = Schedule.orNow(body == null ? null : body.schedule());
        return startOperation(instanceId, "disable", describe(schedule), "DISABLE", idempotencyKey,
                (id, operationId) -> new DisableSslCommand(id, operationId, schedule));
    }

    @PostMapping("/{instanceId}/ssl:enforce-tls")
    @Operation(summary = "Require TLS (requireTLS at run time) or stop requiring it (preferTLS, rolling restart) "
            + "while SSL is Enabled and no operation runs")
    @ApiResponse(responseCode = "202", description = "kind ENFORCE_TLS or RELAX_TLS; " + ACCEPTED,
            content = @Content(schema = @Schema(implementation = OperationAccepted.class)))
    ResponseEntity<Object> enforceTls(
            @PathVariable String instanceId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "requireTls: true = requireTLS, false = back to preferTLS; " + SCHEDULE)
            @RequestBody TlsEnforcementRequest body,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        if (body.requireTls() == null) {
            throw InputRules.invalid(List.of("requireTls is required (true or false)"));
        }
        boolean requireTls = body.requireTls();
        Schedule schedule = Schedule.orNow(body.schedule());
        return startOperation(instanceId, "enforce-tls", " requireTls=" + requireTls + describe(schedule),
                requireTls ? OperationKind.ENFORCE_TLS.name() : OperationKind.RELAX_TLS.name(), idempotencyKey,
                (id, operationId) -> new SetTlsEnforcementCommand(id, operationId, requireTls, schedule));
    }

    @PostMapping("/{instanceId}/operations/{operationId}:retry")
    @Operation(summary = "Resume a failed operation at the step that failed")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = OperationAccepted.class)))
    ResponseEntity<Object> retry(
            @PathVariable String instanceId,
            @PathVariable String operationId,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        return actOnOperation(instanceId, operationId, "retry", "RETRY", idempotencyKey,
                new RetryRestartCommand(instanceId, operationId));
    }

    @PostMapping("/{instanceId}/operations/{operationId}:finish-rotation")
    @Operation(summary = "Finish a rotation that waits for clients: the last pass leaves the new CA alone on "
            + "every node (only while it waits, else ROTATION_NOT_AWAITING_CLIENTS)")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = OperationAccepted.class)))
    ResponseEntity<Object> finishRotation(
            @PathVariable String instanceId,
            @PathVariable String operationId,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        return actOnOperation(instanceId, operationId, "finish-rotation", "FINISH_ROTATION", idempotencyKey,
                new FinishRotationCommand(instanceId, operationId));
    }

    @PostMapping("/{instanceId}/operations/{operationId}:cancel")
    @Operation(summary = "Cancel an operation scheduled for the maintenance window before it starts (a repeat "
            + "changes nothing; one that started: OPERATION_NOT_SCHEDULED; unknown: OPERATION_NOT_FOUND)")
    @ApiResponse(responseCode = "202", description = "cancelled; Location is the operation on the query service",
            content = @Content(schema = @Schema(implementation = OperationAccepted.class)))
    ResponseEntity<Object> cancelScheduled(
            @PathVariable String instanceId,
            @PathVariable String operationId,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        return actOnOperation(instanceId, operationId, "cancel", "CANCEL", idempotencyKey,
                new CancelScheduledOperationCommand(instanceId, operationId));
    }

    @PostMapping("/{instanceId}/operations/{operationId}:abort")
    @Operation(summary = "Abort an operation: a running one stops after the node in progress, a failed one or a "
            + "rotation waiting for clients ends at once; the status then shows each node's TLS state, and when "
            + "they differ from before, only :rollback may follow (a repeat changes nothing; scheduled: "
            + "OPERATION_NOT_ABORTABLE)")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = OperationAccepted.class)))
    ResponseEntity<Object> abort(
            @PathVariable String instanceId,
            @PathVariable String operationId,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        return actOnOperation(instanceId, operationId, "abort", "ABORT", idempotencyKey,
                new AbortOperationCommand(instanceId, operationId));
    }

    @PostMapping("/{instanceId}/operations/{operationId}:rollback")
    @Operation(summary = "Roll back an aborted operation: a new operation (kind ROLLBACK, its id in the answer) "
            + "brings every node back to the mode and CA it had before, with the same procedure rules "
            + "(ROLLBACK_NOT_POSSIBLE when the operation left nothing to roll back)")
    @ApiResponse(responseCode = "202", description = ACCEPTED,
            content = @Content(schema = @Schema(implementation = OperationAccepted.class)))
    ResponseEntity<Object> rollBack(
            @PathVariable String instanceId,
            @PathVariable String operationId,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        InputRules.requireId("operationId", operationId);
        return startOperation(instanceId, "rollback", " of " + operationId, OperationKind.ROLLBACK.name(),
                idempotencyKey, (id, rollbackId) -> new RollBackOperationCommand(id, operationId, rollbackId));
    }

    @PostMapping(path = "/{instanceId}/maintenance-window", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set or replace the weekly maintenance window (UTC) in which operations asked for with "
            + "{\"schedule\": \"MAINTENANCE_WINDOW\"} start")
    @ApiResponse(responseCode = "200", description = "set; the body repeats the window and the position of the write",
            content = @Content(schema = @Schema(implementation = MaintenanceWindowAccepted.class)))
    ResponseEntity<Object> setMaintenanceWindow(
            @PathVariable String instanceId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "dayOfWeek "
                    + "(MONDAY..SUNDAY), start (HH:mm UTC), duration (ISO-8601, whole minutes, PT30M..PT24H)")
            @RequestBody MaintenanceWindowRequest body,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        InputRules.requireId("instanceId", instanceId);
        MaintenanceWindow window = MaintenanceWindowRequests.read(body);
        IdempotentExecutor.requireValidKey(idempotencyKey);
        actors.requireInScope(instanceId);
        String request = "POST /api/v1/instances/" + instanceId + "/maintenance-window " + window.describe();
        return idempotency.execute(idempotencyKey, request, () -> {
            long position = dispatcher.<Long>dispatch(new SetMaintenanceWindowCommand(instanceId, window),
                    actors.currentActor(), null, "rest");
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(MaintenanceWindowAccepted.of(instanceId, window, position));
        });
    }

    /** What the schedule adds to the request an Idempotency-Key stands for: nothing for now (keys stay valid). */
    private static String describe(Schedule schedule) {
        return schedule == Schedule.NOW ? "" : " schedule=" + schedule;
    }

    private ResponseEntity<Object> actOnOperation(String instanceId, String operationId, String action, String kind,
                                                  String idempotencyKey, Object command) {
        InputRules.requireId("instanceId", instanceId);
        InputRules.requireId("operationId", operationId);
        IdempotentExecutor.requireValidKey(idempotencyKey);
        actors.requireInScope(instanceId);
        String path = "POST /api/v1/instances/" + instanceId + "/operations/" + operationId + ":" + action;
        return idempotency.execute(idempotencyKey, path, () -> {
            long position = dispatcher.<Long>dispatch(command, actors.currentActor(), null, "rest");
            return accepted(instanceId, operationId, kind, position);
        });
    }

    /**
     * @param options what the body asked for beyond the defaults, part of what an Idempotency-Key stands for
     *                (empty for the defaults, so a key used before bodies existed still names the same request)
     */
    private ResponseEntity<Object> startOperation(String instanceId, String action, String options, String kind,
                                                  String idempotencyKey, BiFunction<String, String, Object> command) {
        InputRules.requireId("instanceId", instanceId);
        IdempotentExecutor.requireValidKey(idempotencyKey);
        actors.requireInScope(instanceId);
        // With a key the operation id is derived from it, so even a retry racing its original names the same
        // operation and the aggregate treats it as a repeat.
        String operationId = idempotencyKey == null
                ? OperationIds.random() : OperationIds.fromIdempotencyKey(instanceId, action, idempotencyKey);
        String request = "POST /api/v1/instances/" + instanceId + "/ssl:" + action + options;
        return idempotency.execute(idempotencyKey, request, () -> {
            long position = dispatcher.<Long>dispatch(command.apply(instanceId, operationId),
                    actors.currentActor(), null, "rest");
            return accepted(instanceId, operationId, kind, position);
        });
    }

    /**
     * The 202: the Location carries the position of the write, so following it never answers 404 for the operation
     * just accepted (the query service waits, bounded, until its read model has reached that position).
     */
    private ResponseEntity<Object> accepted(String instanceId, String operationId, String kind, long position) {
        String location = properties.operationUrl(instanceId, operationId, position);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(location))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new OperationAccepted(instanceId, operationId, kind, location, position));
    }

    /**
     * The registration an Idempotency-Key stands for, its operator included: a repeat naming another operator is
     * another request, like one naming other nodes. Without an operator the field is left out, so a key used
     * before registrations named one still stands for the same request.
     */
    private String registration(RegisterInstanceCommand command) {
        ObjectNode body = objectMapper.valueToTree(command);
        if (command.operator() == null) {
            body.remove("operator");
        }
        if (command.maintenanceWindow() == null) {
            body.remove("maintenanceWindow");
        }
        return canonical(body);
    }

    private String canonical(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
