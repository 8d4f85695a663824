package dev.sslplane.query.api;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.ReadPosition;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.security.SslplaneAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The CA certificate clients verify the nodes with. While a rotation runs or waits for clients, members present
 * certificates of either CA (old ones in pass 1, new ones from pass 2), so a client that downloads mid-rotation
 * gets the bundle — new CA first, then the previous one — which verifies every member whichever it presents.
 */
@RestController
@RequestMapping("/api/v1/instances")
@Tag(name = "instances", description = "SSL status, certificates and operations of MongoDB instances")
public class CaDownloadController {

    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final ReadModelQueries queries;
    private final InstanceLookup lookup;

    CaDownloadController(ReadModelQueries queries, InstanceLookup lookup) {
        this.queries = queries;
        this.lookup = lookup;
    }

    @Operation(summary = "Download the CA certificate (PEM) clients should trust: the current CA, or during a "
            + "rotation the bundle (new CA, then previous CA); 409 SSL_NOT_ENABLED unless SSL is enabled")
    @GetMapping(value = "/{id}/ssl/ca.pem", produces = {"application/x-pem-file", "application/problem+json"})
    public Mono<ResponseEntity<String>> caPem(
            @PathVariable String id,
            @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch,
            @Parameter(description = PositionWait.PARAMETER_DOC, schema = @Schema(type = "integer", format = "int64",
                    minimum = "0", maximum = "9007199254740991"))
            @RequestParam(name = ReadPosition.PARAMETER, required = false) String position,
            @Parameter(hidden = true) SslplaneAuthentication auth) {
        return lookup.find(auth.getPrincipal(), id, position).flatMap(inst -> {
            if (!"ENABLED".equals(inst.sslStatus) || inst.currentCa == null) {
                return Mono.error(new ApiException(ErrorCode.SSL_NOT_ENABLED,
                        "SSL is not enabled on instance '" + id + "', so it has no CA certificate to download"));
            }
            return answer(inst, ViewMapper.rotating(inst), inst.instanceId + "-ca.pem", ifNoneMatch);
        });
    }

    @Operation(summary = "Download the CA bundle (new CA, then previous CA) while a rotation runs or waits for "
            + "clients; 409 NO_ROTATION_IN_PROGRESS otherwise")
    @GetMapping(value = "/{id}/ssl/ca-bundle.pem", produces = {"application/x-pem-file", "application/problem+json"})
    public Mono<ResponseEntity<String>> caBundle(
            @PathVariable String id,
            @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch,
            @Parameter(description = PositionWait.PARAMETER_DOC, schema = @Schema(type = "integer", format = "int64",
                    minimum = "0", maximum = "9007199254740991"))
            @RequestParam(name = ReadPosition.PARAMETER, required = false) String position,
            @Parameter(hidden = true) SslplaneAuthentication auth) {
        return lookup.find(auth.getPrincipal(), id, position).flatMap(inst -> {
            if (!ViewMapper.rotating(inst)) {
                return Mono.error(new ApiException(ErrorCode.NO_ROTATION_IN_PROGRESS,
                        "No rotation of the CA runs or waits on instance '" + id + "'; download ca.pem instead"));
            }
            return answer(inst, true, inst.instanceId + "-ca-bundle.pem", ifNoneMatch);
        });
    }

    /** The current CA's PEM from the history, followed by the previous CA's when {@code bundle} and it is known. */
    private Mono<ResponseEntity<String>> answer(InstanceDoc inst, boolean bundle, String fileName,
                                                String ifNoneMatch) {
        boolean withPrevious = bundle && inst.previousCa != null && inst.previousCaPem != null;
        String etag = "\"" + inst.currentCa.sha256Fingerprint()
                + (withPrevious ? "+" + inst.previousCa.sha256Fingerprint() : "") + "\"";
        if (etag.equals(ifNoneMatch)) {
            return Mono.just(ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).<String>build());
        }
        return queries.certificate(inst.instanceId, inst.currentCa.serial())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("current CA " + inst.currentCa.serial()
                        + " of " + inst.instanceId + " missing from history")))
                .map(cert -> ResponseEntity.ok()
                        .contentType(PEM)
                        .eTag(etag)
                        .header("Content-Disposition", ContentDisposition.attachment().filename(fileName).build()
                                .toString())
                        .body(withPrevious ? concat(cert, inst.previousCaPem) : cert.pem));
    }

    private static String concat(CertificateDoc current, String previousPem) {
        String first = current.pem.endsWith("\n") ? current.pem : current.pem + "\n";
        return first + previousPem;
    }
}
