package dev.sslplane.query.api;

import dev.sslplane.contracts.messaging.ReadPosition;
import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.query.projection.OperationChanges;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.security.SslplaneAuthentication;
import dev.sslplane.security.SslplanePrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Instance status, certificate history, CA download and operation progress. */
@RestController
@RequestMapping("/api/v1/instances")
@Tag(name = "instances", description = "SSL status, certificates and operations of MongoDB instances")
public class InstancesController {

    /** How long an operation stream waits for one read of its operation before it skips that read. */
    private static final Duration STREAM_READ_TIMEOUT = Duration.ofSeconds(10);

    private final ReadModelQueries queries;
    private final InstanceLookup lookup;
    private final ViewMapper mapper;
    private final OperationChanges changes;
    private final QueryProperties.Api api;

    InstancesController(ReadModelQueries queries, InstanceLookup lookup, ViewMapper mapper, OperationChanges changes,
                        QueryProperties properties) {
        this.queries = queries;
        this.lookup = lookup;
        this.mapper = mapper;
        this.changes = changes;
        this.api = properties.api();
    }

    @Operation(summary = "List instances, optionally by SSL status, ordered by id with cursor paging")
    @GetMapping
    public Mono<PageResponse<InstanceStatusResponse>> list(
            @RequestParam(required = false) String sslStatus,
            @Parameter(description = "page size, a decimal 1..max-page-size (default default-page-size)",
                    schema = @Schema(type = "integer", minimum = "1")) @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @Parameter(hidden = true) SslplaneAuthentication auth) {
        String status = sslStatus == null ? null : sslStatus(sslStatus);
        int size = Paging.limit(limit, api);
        String after = cursor == null ? null : Cursors.parseInstance(cursor).afterId();
        return queries.instances(auth.getPrincipal().scope(), status, after, size).collectList().map(docs -> {
            boolean more = docs.size() > size;
            List<InstanceDoc> page = more ? docs.subList(0, size) : docs;
            String next = more ? Cursors.instance(page.get(page.size() - 1).instanceId) : null;
            return new PageResponse<>(page.stream().map(mapper::status).toList(), next);
        });
    }

    // GET /{id}/ssl (status) is a functional route: StatusRoute

    @Operation(summary = "Every CA certificate issued for the instance, newest first")
    @GetMapping("/{id}/ssl/certificates")
    public Mono<List<CertificateResponse>> certificates(
            @PathVariable String id,
            @Parameter(description = PositionWait.PARAMETER_DOC, schema = @Schema(type = "integer", format = "int64",
                    minimum = "0", maximum = "9007199254740991"))
            @RequestParam(name = ReadPosition.PARAMETER, required = false) String position,
            @Parameter(hidden = true) SslplaneAuthentication auth) {
        return lookup.find(auth.getPrincipal(), id, position).flatMap(inst -> {
            String current = inst.currentCa == null ? null : inst.currentCa.serial();
            return queries.certificates(inst.instanceId).map(c -> mapper.certificate(c, current)).collectList();
        });
    }

    @Operation(summary = "Every certificate signed for one node of the instance, newest first",
            description = "Each was retired when the node got a newer one or SSL was disabled; the node keeps its "
                    + "private key, so only public facts and the certificate are here.")
    @GetMapping("/{id}/ssl/nodes/{node}/certificates")
    public Mono<List<CertificateResponse>> nodeCertificates(
            @PathVariable String id, @PathVariable String node,
            @Parameter(description = PositionWait.PARAMETER_DOC, schema = @Schema(type = "integer", format = "int64",
                    minimum = "0", maximum = "9007199254740991"))
            @RequestParam(name = ReadPosition.PARAMETER, required = false) String position,
            @Parameter(hidden = true) SslplaneAuthentication auth) {
        Ids.nodeName(node);
        return lookup.find(auth.getPrincipal(), id, position).flatMap(inst -> {
            var member = inst.node(node);
            String current = member == null || member.certificate == null ? null : member.certificate.serial();
            return queries.nodeCertificates(inst.instanceId, node).map(c -> mapper.certificate(c, current))
                    .collectList();
        });
    }

    // GET /{id}/ssl/ca.pem and /{id}/ssl/ca-bundle.pem: CaDownloadController

    @Operation(summary = "An operation of the instance with per-node steps and estimated time remaining")
    @GetMapping("/{id}/operations/{opId}")
    public Mono<OperationResponse> operation(
            @PathVariable String id, @PathVariable String opId,
            @Parameter(description = PositionWait.PARAMETER_DOC, schema = @Schema(type = "integer", format = "int64",
                    minimum = "0", maximum = "9007199254740991"))
            @RequestParam(name = ReadPosition.PARAMETER, required = false) String position,
            @Parameter(hidden = true) SslplaneAuthentication auth) {
        return operationDoc(auth.getPrincipal(), id, opId, position).map(mapper::operation);
    }

    @Operation(summary = "Live stream (server-sent events) of an operation; ends when it completes, fails, waits "
            + "for clients, is cancelled or is aborted")
    @GetMapping(value = "/{id}/operations/{opId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Mono<ResponseEntity<Flux<ServerSentEvent<OperationResponse>>>> stream(
            @PathVariable String id, @PathVariable String opId,
            @Parameter(description = PositionWait.PARAMETER_DOC, schema = @Schema(type = "integer", format = "int64",
                    minimum = "0", maximum = "9007199254740991"))
            @RequestParam(name = ReadPosition.PARAMETER, required = false) String position,
            @Parameter(hidden = true) SslplaneAuthentication auth) {
        // resolve the operation first so an unknown one is a 404 problem, not an empty stream
        return operationDoc(auth.getPrincipal(), id, opId, position).map(first -> {
            Flux<String> signals = Flux.merge(changes.of(opId),
                            Flux.interval(api.streamPollInterval()).map(tick -> opId))
                    .onBackpressureLatest();
            // a read that never answers must not stall the stream: skip it, the next signal reads again
            Flux<ServerSentEvent<OperationResponse>> events = signals
                    .concatMap(signal -> queries.operation(opId).timeout(STREAM_READ_TIMEOUT, Mono.empty()), 1)
                    .startWith(first)
                    .distinctUntilChanged(op -> op.lastSequence)
                    .takeUntil(OperationDoc::terminal)
                    .map(op -> ServerSentEvent.builder(mapper.operation(op))
                            .id(Long.toString(op.lastSequence)).event("operation").build());
            return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events);
        });
    }

    /**
     * The operation once the instance is at {@code position} (if named): the instance document is written after
     * the operation's, so a missing operation is then really not this instance's (404), not one still on its way.
     */
    private Mono<OperationDoc> operationDoc(SslplanePrincipal caller, String id, String opId, String position) {
        Ids.instanceId(id);
        Ids.operationId(opId);
        return lookup.find(caller, id, position).then(Mono.defer(() -> queries.operation(opId)))
                .filter(op -> id.equals(op.instanceId))
                .switchIfEmpty(Mono.error(() -> ApiException.operationNotFound(id, opId)));
    }

    private static String sslStatus(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!upper.equals("ENABLED") && !upper.equals("DISABLED")) {
            throw ApiException.validation("sslStatus must be ENABLED or DISABLED");
        }
        return upper;
    }
}
