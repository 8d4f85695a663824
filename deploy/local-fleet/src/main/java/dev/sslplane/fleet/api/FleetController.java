package dev.sslplane.fleet.api;

import dev.sslplane.fleet.node.Fleet;
import dev.sslplane.fleet.node.NodeStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The fleet's control API. Path segments become directory names, hence the strict patterns. */
@Validated
@RestController
@RequestMapping("/api/v1/instances/{instanceId}/nodes")
public class FleetController {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String ROLE = "PRIMARY|SECONDARY|HIDDEN";
    static final String NAME = "[A-Za-z0-9.:_-]{1,253}";

    /** Creates the node if needed. {@code port} 0 lets the fleet choose. */
    public record EnsureNodeRequest(
            @NotBlank @Pattern(regexp = NAME) String host,
            @Min(0) @Max(65535) int port,
            @NotBlank @Pattern(regexp = ROLE) String role,
            @Size(max = 16) List<@Pattern(regexp = NAME) String> altNames) {
    }

    /** {@code subjectAltNames} empty = the node's host and alternative names. */
    public record CsrRequest(@Size(max = 16) List<@Pattern(regexp = NAME) String> subjectAltNames) {
    }

    public record CsrResponse(String csrPem) {
    }

    /** TLS on: certificate chain for the node's last CSR and the CA clients will trust; TLS off: nothing else. */
    public record RestartRequest(boolean tls, @Size(max = 65536) String certificatePem,
                                 @Size(max = 65536) String caPem) {
    }

    private final Fleet fleet;

    public FleetController(Fleet fleet) {
        this.fleet = fleet;
    }

    @GetMapping
    public List<NodeStatus> list(@PathVariable @Pattern(regexp = ID) String instanceId) {
        return fleet.list(instanceId);
    }

    @GetMapping("/{nodeName}")
    public NodeStatus status(@PathVariable @Pattern(regexp = ID) String instanceId,
                             @PathVariable @Pattern(regexp = ID) String nodeName) {
        return fleet.status(instanceId, nodeName);
    }

    @PutMapping("/{nodeName}")
    public NodeStatus ensure(@PathVariable @Pattern(regexp = ID) String instanceId,
                             @PathVariable @Pattern(regexp = ID) String nodeName,
                             @Valid @RequestBody EnsureNodeRequest request) {
        return fleet.ensure(instanceId, nodeName, request.host(), request.port(), request.role(),
                request.altNames());
    }

    @PostMapping("/{nodeName}/csr")
    public CsrResponse csr(@PathVariable @Pattern(regexp = ID) String instanceId,
                           @PathVariable @Pattern(regexp = ID) String nodeName,
                           @Valid @RequestBody(required = false) CsrRequest request) {
        return new CsrResponse(fleet.createCsr(instanceId, nodeName,
                request == null ? List.of() : request.subjectAltNames()));
    }

    @PostMapping("/{nodeName}/restart")
    public NodeStatus restart(@PathVariable @Pattern(regexp = ID) String instanceId,
                              @PathVariable @Pattern(regexp = ID) String nodeName,
                              @Valid @RequestBody RestartRequest request) {
        return fleet.restart(instanceId, nodeName, request.tls(), request.certificatePem(), request.caPem());
    }

    @PostMapping("/{nodeName}/step-down")
    public NodeStatus stepDown(@PathVariable @Pattern(regexp = ID) String instanceId,
                               @PathVariable @Pattern(regexp = ID) String nodeName) {
        return fleet.stepDown(instanceId, nodeName);
    }
}
