package dev.sslplane.commandservice.api;

import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.commandservice.intake.InputRules;
import dev.sslplane.commandservice.intake.RenewalPolicyRequests;
import dev.sslplane.contracts.command.SetRenewalPolicyCommand;
import dev.sslplane.contracts.messaging.RenewalPolicyRequest;
import dev.sslplane.contracts.model.RenewalPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Automatic renewal of node certificates, per instance; answered like the maintenance window (200, position). */
@RestController
@RequestMapping(path = "/api/v1/instances", produces = {MediaType.APPLICATION_JSON_VALUE,
        MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "commands")
class RenewalPolicyController {

    private final CommandDispatcher dispatcher;
    private final ActorProvider actors;
    private final IdempotentExecutor idempotency;

    RenewalPolicyController(CommandDispatcher dispatcher, ActorProvider actors, IdempotentExecutor idempotency) {
        this.dispatcher = dispatcher;
        this.actors = actors;
        this.idempotency = idempotency;
    }

    @PostMapping(path = "/{instanceId}/renewal-policy", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set whether node certificates due for renewal (RENEW_SOON or EXPIRED) are renewed "
            + "automatically in the maintenance window (IN_MAINTENANCE_WINDOW) or only by command (OFF)")
    @ApiResponse(responseCode = "200", description = "set (or already in force); the body repeats the policy and the "
            + "position of the write", content = @Content(schema = @Schema(implementation = RenewalPolicyAccepted.class)))
    ResponseEntity<Object> setRenewalPolicy(
            @PathVariable String instanceId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "policy: OFF or "
                    + "IN_MAINTENANCE_WINDOW (which needs a maintenance window: MAINTENANCE_WINDOW_NOT_SET otherwise)")
            @RequestBody RenewalPolicyRequest body,
            @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String idempotencyKey) {
        InputRules.requireId("instanceId", instanceId);
        RenewalPolicy policy = RenewalPolicyRequests.read(body);
        IdempotentExecutor.requireValidKey(idempotencyKey);
        actors.requireInScope(instanceId);
        String request = "POST /api/v1/instances/" + instanceId + "/renewal-policy " + policy;
        return idempotency.execute(idempotencyKey, request, () -> {
            long position = dispatcher.<Long>dispatch(new SetRenewalPolicyCommand(instanceId, policy),
                    actors.currentActor(), null, "rest");
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(new RenewalPolicyAccepted(instanceId, policy, position));
        });
    }
}
