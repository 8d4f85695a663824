package dev.sslplane.commandservice.api.signing;

import dev.sslplane.commandservice.api.ActorProvider;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.SignNodeCertificateCommand;
import dev.sslplane.commandservice.intake.CommandDispatcher;
import dev.sslplane.commandservice.intake.InputRules;
import dev.sslplane.contracts.messaging.SignCsrRequest;
import dev.sslplane.contracts.messaging.SignedCertificate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Restart workers relay a node's CSR here during an Enable or Rotate operation. The request goes through the
 * aggregate ({@link SignNodeCertificateCommand}), so "an operation is running and the node belongs to the
 * instance" is decided on the same state as every other command; the PKI then checks the CSR itself.
 * Refusals are {@link DomainException}s, turned into problem documents by the API's advice.
 */
@RestController
@Tag(name = "signing", description = "Node certificates for restart workers")
class SigningController {

    /** A PEM CSR with a 4096-bit RSA key and a dozen SANs is about 2 KiB; 16 KiB leaves room and stops abuse. */
    static final int MAX_CSR_CHARS = 16 * 1024;

    private final CommandDispatcher dispatcher;
    private final ActorProvider actors;

    SigningController(CommandDispatcher dispatcher, ActorProvider actors) {
        this.dispatcher = dispatcher;
        this.actors = actors;
    }

    @PostMapping(path = SignCsrRequest.PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Sign a node's PKCS#10 CSR with the running operation's CA",
            description = "Only while an Enable or Rotate operation runs for the instance; every SAN must be one of "
                    + "the node's registered host names or IPs; the key must be at least RSA 2048 or EC P-256.")
    @ApiResponse(responseCode = "200", description = "the node certificate and the CA chain, PEM")
    SignedCertificate sign(@PathVariable String instanceId, @PathVariable String operationId,
                           @PathVariable String nodeName, @RequestBody(required = false) SignCsrRequest request) {
        InputRules.requireId("instanceId", instanceId);
        InputRules.requireId("operationId", operationId);
        InputRules.requireId("nodeName", nodeName);
        actors.requireInScope(instanceId);
        if (request == null || request.csrPem() == null || request.csrPem().isBlank()) {
            throw InputRules.invalid(List.of("csrPem is required"));
        }
        if (request.csrPem().length() > MAX_CSR_CHARS) {
            throw InputRules.invalid(List.of("csrPem must not exceed " + MAX_CSR_CHARS + " characters"));
        }
        return dispatcher.dispatch(
                new SignNodeCertificateCommand(instanceId, operationId, nodeName, request.csrPem()),
                actors.currentActor(), null, "rest");
    }
}
