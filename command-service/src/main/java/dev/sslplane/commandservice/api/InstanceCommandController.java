package dev.sslplane.commandservice.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.commandservice.intake.InputRules;
import dev.sslplane.commandservice.intake.OperationIds;
import dev.sslplane.commandservice.intake.RegisterInstanceValidator;
import dev.sslplane.contracts.command.DisableSslCommand;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.RegisterInstanceCommand;
import dev.sslplane.contracts.command.RetryRestartCommand;
import dev.sslplane.contracts.command.RotateCertificateCommand;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.function.BiFunction;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The command API. Every accepted change answers {@code 202} with the operation id and a Location on the query
 * service, where progress can be followed; refusals are problem documents with stable codes.
 */
@RestController
@RequestMapping(path = "/api/v1/instances", produces = {MediaType.APPLICATION_JSON_VALUE,
        MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "commands", description = "Register instances and start, rotate, stop or retry SSL operations")
@ApiResponse(responseCode = "400", description = "VALIDATION_FAILED",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "INSTANCE_NOT_FOUND / OPERATION_NOT_FOUND",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "409",
        description = "SSL_ALREADY_ENABLED / SSL_NOT_ENABLED / OPERATION_IN_PROGRESS (with progress) / "
                + "INSTANCE_ALREADY_REGISTERED / OPERATION_NOT_RETRYABLE",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "422", description = "INSTANCE_NOT_ELIGIBLE / IDEMPOTENCY_KEY_REUSED",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class InstanceCommandController {

    /** Body of a 202: the operation started (or resumed) and where to follow it. */
    record OperationAccepted(String instanceId, String operationId, String kind, String location) {
    }

    /** Body of a 201 after registration. */
    record InstanceRegistered(String instanceId, String location) {
    }

    private final CommandDispatcher dispatcher;
    private final ActorProvider actors;
    private final IdempotentExecutor idempotency;
    private final ApiProperties properties;
    private final ObjectMapper objectMapper;

    InstanceCommandController(CommandDispatcher dispatcher, ActorProvider actors, IdempotentExecutor idempotency,
                              ApiProperties properties, ObjectMapper objectMapper) {
        this.dispatcher = dispatcher;
        this.actors = actors;
        this.idempotency = idempotency;
        this.properties = properties;
        this.objectMapper = objectMapper;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a MongoDB instance for SSL management (SSL starts Disabled)")
    @ApiResponse(responseCode = "201", description = "registered; Location is the instance's SSL status")
    ResponseEntity<Object> register(
            @RequestBody RegisterInstanceRequest request,
            @Parameter(description = "makes retries safe: same key and body → same answer")
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        IdempotentExecutor.requireValidKey(idempotencyKey);
        RegisterInstanceCommand command = RegisterInstanceValidator.toCommand(request);
        actors.requireInScope(command.instanceId());
        return idempotency.execute(idempotencyKey, "POST /api/v1/instances " + canonical(command), () -> {
            dispatcher.dispatch(command, actors.currentActor(), null, "rest");
            String location = properties.instanceStatusUrl(command.instanceId());
            return ResponseEntity.created(URI.create(location)).contentType(MediaType.APPLICATION_JSON)
                    .body(new InstanceRegistered(command.instanceId(), location));
        });
    }

    @PostMapping("/{instanceId}/ssl:enable")
    @Operation(summary = "Enable SSL: new CA, then a rolling restart with TLS (only while SSL is Disabled)")
    @ApiResponse(responseCode = "202", description = "operation started; Location is its progress")
    ResponseEntity<Object> enable(
            @PathVariable String instanceId,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        return startOperation(instanceId, "enable", idempotencyKey, EnableSslCommand::new);
    }

    @PostMapping("/{instanceId}/ssl:rotate")
    @Operation(summary = "Update (rotate) the CA certificate, then a rolling restart (only while SSL is Enabled)")
    @ApiResponse(responseCode = "202", description = "operation started; Location is its progress")
    ResponseEntity<Object> rotate(
            @PathVariable String instanceId,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        return startOperation(instanceId, "rotate", idempotencyKey, RotateCertificateCommand::new);
    }

    @PostMapping("/{instanceId}/ssl:disable")
    @Operation(summary = "Disable SSL: a rolling restart without TLS (only while SSL is Enabled)")
    @ApiResponse(responseCode = "202", description = "operation started; Location is its progress")
    ResponseEntity<Object> disable(
            @PathVariable String instanceId,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        return startOperation(instanceId, "disable", idempotencyKey, DisableSslCommand::new);
    }

    @PostMapping("/{instanceId}/operations/{operationId}:retry")
    @Operation(summary = "Resume a failed rolling restart at the node that failed")
    @ApiResponse(responseCode = "202", description = "operation resumed; Location is its progress")
    ResponseEntity<Object> retry(
            @PathVariable String instanceId,
            @PathVariable String operationId,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        InputRules.requireId("instanceId", instanceId);
        InputRules.requireId("operationId", operationId);
        IdempotentExecutor.requireValidKey(idempotencyKey);
        actors.requireInScope(instanceId);
        String path = "POST /api/v1/instances/" + instanceId + "/operations/" + operationId + ":retry";
        return idempotency.execute(idempotencyKey, path, () -> {
            dispatcher.dispatch(new RetryRestartCommand(instanceId, operationId), actors.currentActor(), null, "rest");
            return accepted(instanceId, operationId, "RETRY");
        });
    }

    private ResponseEntity<Object> startOperation(String instanceId, String action, String idempotencyKey,
                                                  BiFunction<String, String, Object> command) {
        InputRules.requireId("instanceId", instanceId);
        IdempotentExecutor.requireValidKey(idempotencyKey);
        actors.requireInScope(instanceId);
        // With a key the operation id is derived from it, so even a retry racing its original names the same
        // operation and the aggregate treats it as a repeat.
        String operationId = idempotencyKey == null
                ? OperationIds.random() : OperationIds.fromIdempotencyKey(instanceId, action, idempotencyKey);
        String path = "POST /api/v1/instances/" + instanceId + "/ssl:" + action;
        return idempotency.execute(idempotencyKey, path, () -> {
            dispatcher.dispatch(command.apply(instanceId, operationId), actors.currentActor(), null, "rest");
            return accepted(instanceId, operationId, action.toUpperCase(java.util.Locale.ROOT));
        });
    }

    private ResponseEntity<Object> accepted(String instanceId, String operationId, String kind) {
        String location = properties.operationUrl(instanceId, operationId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(location))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new OperationAccepted(instanceId, operationId, kind, location));
    }

    private String canonical(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
