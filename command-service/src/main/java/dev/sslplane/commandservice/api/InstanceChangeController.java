package dev.sslplane.commandservice.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.commandservice.intake.InputRules;
import dev.sslplane.commandservice.intake.InstanceChangeRequests;
import dev.sslplane.commandservice.intake.OperationIds;
import dev.sslplane.contracts.messaging.AddMemberRequest;
import dev.sslplane.contracts.messaging.CollectionCountRequest;
import dev.sslplane.contracts.messaging.EngineVersionRequest;
import dev.sslplane.contracts.messaging.ReplaceMemberRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Day-2 changes of a registered instance: add, remove or replace a member, update the collection count or the
 * engine version. Each answers {@code 200} with the change id and the position of its write; refused with
 * {@code OPERATION_IN_PROGRESS} while an operation runs (a FAILED operation does not hold them).
 */
@RestController
@RequestMapping(path = "/api/v1/instances/{instanceId}", produces = {MediaType.APPLICATION_JSON_VALUE,
        MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "instance changes", description = "Members, collection count and engine version of a registered "
        + "instance")
class InstanceChangeController {

    private static final String RECORDED = "recorded (or a repeat of a recorded change); Location is the instance's "
            + "status on the query service with the position of this write";

    private final CommandDispatcher dispatcher;
    private final ActorProvider actors;
    private final IdempotentExecutor idempotency;
    private final ApiProperties properties;
    private final ObjectMapper objectMapper;

    InstanceChangeController(CommandDispatcher dispatcher, ActorProvider actors, IdempotentExecutor idempotency,
                             ApiProperties properties, ObjectMapper objectMapper) {
        this.dispatcher = dispatcher;
        this.actors = actors;
        this.idempotency = idempotency;
        this.properties = properties;
        this.objectMapper = objectMapper;
    }

    @PostMapping(path = "/members:add", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a member (it gets its certificate in the next operation while SSL is enabled)")
    @ApiResponse(responseCode = "200", description = RECORDED,
            content = @Content(schema = @Schema(implementation = InstanceChanged.class)))
    ResponseEntity<Object> addMember(@PathVariable String instanceId, @RequestBody AddMemberRequest body,
                                     @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String key) {
        return change(instanceId, "members:add", body, key,
                changeId -> InstanceChangeRequests.add(instanceId, changeId, body));
    }

    @PostMapping("/members/{memberName}:remove")
    @Operation(summary = "Remove a member (not the one registered as PRIMARY, not the last one)")
    @ApiResponse(responseCode = "200", description = RECORDED,
            content = @Content(schema = @Schema(implementation = InstanceChanged.class)))
    ResponseEntity<Object> removeMember(@PathVariable String instanceId, @PathVariable String memberName,
                                        @RequestHeader(name = IdempotentExecutor.HEADER, required = false) String key) {
        InputRules.requireId("memberName", memberName);
        return change(instanceId, "members/" + memberName + ":remove", null, key,
                changeId -> InstanceChangeRequests.remove(instanceId, changeId, memberName));
    }

    @PostMapping(path = "/members/{memberName}:replace", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a (dead) member by a new host with a name of its own; allowed while the "
            + "operation is FAILED, whose retry then drives the replacement")
    @ApiResponse(responseCode = "200", description = RECORDED,
            content = @Content(schema = @Schema(implementation = InstanceChanged.class)))
    ResponseEntity<Object> replaceMember(@PathVariable String instanceId, @PathVariable String memberName,
                                         @RequestBody ReplaceMemberRequest body,
                                         @RequestHeader(name = IdempotentExecutor.HEADER, required = false)
                                         String key) {
        InputRules.requireId("memberName", memberName);
        return change(instanceId, "members/" + memberName + ":replace", body, key,
                changeId -> InstanceChangeRequests.replace(instanceId, changeId, memberName, body));
    }

    @PostMapping(path = "/collection-count:update", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the instance's collection count (the worker's step timeout follows it)")
    @ApiResponse(responseCode = "200", description = RECORDED,
            content = @Content(schema = @Schema(implementation = InstanceChanged.class)))
    ResponseEntity<Object> updateCollectionCount(@PathVariable String instanceId,
                                                 @RequestBody CollectionCountRequest body,
                                                 @RequestHeader(name = IdempotentExecutor.HEADER, required = false)
                                                 String key) {
        return change(instanceId, "collection-count:update", body, key,
                changeId -> InstanceChangeRequests.collectionCount(instanceId, changeId, body));
    }

    @PostMapping(path = "/engine-version:update", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the engine version the instance runs now (eligibility follows it)")
    @ApiResponse(responseCode = "200", description = RECORDED,
            content = @Content(schema = @Schema(implementation = InstanceChanged.class)))
    ResponseEntity<Object> updateEngineVersion(@PathVariable String instanceId,
                                               @RequestBody EngineVersionRequest body,
                                               @RequestHeader(name = IdempotentExecutor.HEADER, required = false)
                                               String key) {
        return change(instanceId, "engine-version:update", body, key,
                changeId -> InstanceChangeRequests.engineVersion(instanceId, changeId, body));
    }

    /**
     * Validates, then runs the change at most once per Idempotency-Key; with a key the change id is derived from
     * it, so even a retry racing its original names the same change and the aggregate records it once.
     */
    private ResponseEntity<Object> change(String instanceId, String action, Object body, String key,
                                          Function<String, Object> command) {
        InputRules.requireId("instanceId", instanceId);
        IdempotentExecutor.requireValidKey(key);
        actors.requireInScope(instanceId);
        String changeId = key == null
                ? OperationIds.random() : OperationIds.fromIdempotencyKey(instanceId, action, key);
        Object validated = command.apply(changeId);
        String request = "POST /api/v1/instances/" + instanceId + "/" + action + " " + canonical(body);
        return idempotency.execute(key, request, () -> {
            long position = dispatcher.<Long>dispatch(validated, actors.currentActor(), null, "rest");
            String location = properties.instanceStatusUrl(instanceId, position);
            return ResponseEntity.ok().location(URI.create(location)).contentType(MediaType.APPLICATION_JSON)
                    .body(new InstanceChanged(instanceId, changeId, location, position));
        });
    }

    private String canonical(Object body) {
        try {
            return objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
