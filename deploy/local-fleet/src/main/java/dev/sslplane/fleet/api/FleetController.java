package dev.sslplane.fleet.api;

import dev.sslplane.fleet.node.Fleet;
import dev.sslplane.fleet.node.FleetException;
import dev.sslplane.fleet.node.NodeCredentials;
import dev.sslplane.fleet.node.NodeSettings;
import dev.sslplane.fleet.node.NodeStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fleet's control API: what a host operator can do to a mongod host (write files, restart the service)
 * and nothing a host would not offer. Path segments become directory names, hence the strict patterns.
 */
@Validated
@RestController
@RequestMapping("/api/v1/instances/{instanceId}/nodes")
public class FleetController {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String NAME = "[A-Za-z0-9.:_-]{1,253}";
    private static final int MAX_CONFIG = 64 * 1024;

    /** A node on exactly {@code port}; {@code replicaSet} defaults to the instance id. */
    public record CreateNodeRequest(
            @NotBlank @Pattern(regexp = NAME) String host,
            @NotNull @Min(1) @Max(65535) Integer port,
            @NotBlank @Pattern(regexp = "3\\.4|4\\.0|4\\.2") String engineVersion,
            @Pattern(regexp = ID) String replicaSet,
            @NotBlank @Pattern(regexp = "PRIMARY|SECONDARY|HIDDEN") String initialRole,
            @Size(max = 16) List<@Pattern(regexp = NAME) String> altNames) {
    }

    /** {@code subjectAltNames} empty = the node's host and alternative names. */
    public record CsrRequest(@Size(max = 16) List<@Pattern(regexp = NAME) String> subjectAltNames) {
    }

    public record CsrResponse(String csrPem) {
    }

    public record CertificateRequest(@NotBlank @Size(max = 65536) String certificatePem) {
    }

    public record CaRequest(@NotBlank @Size(max = 262144) String caPem) {
    }

    public record PathResponse(String path) {
        static PathResponse of(Path path) {
            return new PathResponse(path.toAbsolutePath().toString());
        }
    }

    private final Fleet fleet;
    private final NodeCredentials credentials;

    public FleetController(Fleet fleet, NodeCredentials credentials) {
        this.fleet = fleet;
        this.credentials = credentials;
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
    public NodeStatus create(@PathVariable @Pattern(regexp = ID) String instanceId,
                             @PathVariable @Pattern(regexp = ID) String nodeName,
                             @Valid @RequestBody CreateNodeRequest request) {
        return fleet.ensure(new NodeSettings(instanceId, nodeName, request.host(), request.port(),
                request.engineVersion(), request.replicaSet() == null ? instanceId : request.replicaSet(),
                request.initialRole(), request.altNames(), false));
    }

    /** Removes the member from its replica set and deletes the node (a dead member, before its replacement). */
    @DeleteMapping("/{nodeName}")
    public NodeStatus remove(@PathVariable @Pattern(regexp = ID) String instanceId,
                             @PathVariable @Pattern(regexp = ID) String nodeName) {
        return fleet.remove(instanceId, nodeName);
    }

    @PostMapping("/{nodeName}/csr")
    public CsrResponse csr(@PathVariable @Pattern(regexp = ID) String instanceId,
                           @PathVariable @Pattern(regexp = ID) String nodeName,
                           @Valid @RequestBody(required = false) CsrRequest request) {
        return new CsrResponse(credentials.createCsr(instanceId, nodeName,
                request == null ? List.of() : request.subjectAltNames()));
    }

    @PutMapping("/{nodeName}/tls/certificate")
    public PathResponse certificate(@PathVariable @Pattern(regexp = ID) String instanceId,
                                    @PathVariable @Pattern(regexp = ID) String nodeName,
                                    @Valid @RequestBody CertificateRequest request) {
        return PathResponse.of(credentials.installCertificate(instanceId, nodeName, request.certificatePem()));
    }

    @PutMapping("/{nodeName}/tls/ca")
    public PathResponse ca(@PathVariable @Pattern(regexp = ID) String instanceId,
                           @PathVariable @Pattern(regexp = ID) String nodeName,
                           @Valid @RequestBody CaRequest request) {
        return PathResponse.of(credentials.installCa(instanceId, nodeName, request.caPem()));
    }

    /** A file is a file: mongod validates it when it starts, and so does the node. */
    @PutMapping(value = "/{nodeName}/config",
            consumes = {MediaType.TEXT_PLAIN_VALUE, "application/yaml", "application/x-yaml"})
    public PathResponse writeConfig(@PathVariable @Pattern(regexp = ID) String instanceId,
                                    @PathVariable @Pattern(regexp = ID) String nodeName,
                                    @RequestBody(required = false) String text) {
        String body = text == null ? "" : text;
        if (body.length() > MAX_CONFIG) {
            throw new FleetException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "config larger than 64 KiB");
        }
        return PathResponse.of(fleet.writeConfig(instanceId, nodeName, body));
    }

    @GetMapping(value = "/{nodeName}/config", produces = MediaType.TEXT_PLAIN_VALUE)
    public String readConfig(@PathVariable @Pattern(regexp = ID) String instanceId,
                             @PathVariable @Pattern(regexp = ID) String nodeName) {
        return fleet.readConfig(instanceId, nodeName);
    }

    @PostMapping("/{nodeName}/restart")
    public NodeStatus restart(@PathVariable @Pattern(regexp = ID) String instanceId,
                              @PathVariable @Pattern(regexp = ID) String nodeName) {
        return fleet.restart(instanceId, nodeName);
    }

    @PostMapping("/{nodeName}/stop")
    public NodeStatus stop(@PathVariable @Pattern(regexp = ID) String instanceId,
                           @PathVariable @Pattern(regexp = ID) String nodeName) {
        return fleet.stop(instanceId, nodeName);
    }

    @PostMapping("/{nodeName}/start")
    public NodeStatus start(@PathVariable @Pattern(regexp = ID) String instanceId,
                            @PathVariable @Pattern(regexp = ID) String nodeName) {
        return fleet.start(instanceId, nodeName);
    }
}
