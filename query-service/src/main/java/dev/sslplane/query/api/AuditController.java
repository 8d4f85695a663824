package dev.sslplane.query.api;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.query.api.ReadModelQueries.AuditFilter;
import dev.sslplane.query.config.QueryProperties;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.security.SslplaneAuthentication;
import dev.sslplane.security.SslplanePrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audit trail: filtered pages, newest first, and a streamed NDJSON export, oldest first. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "One immutable entry per event")
public class AuditController {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Pattern ACTOR = Pattern.compile("[\\p{Alnum}._:@/+-]{1,200}");

    private final ReadModelQueries queries;
    private final ViewMapper mapper;
    private final QueryProperties.Api api;

    public AuditController(ReadModelQueries queries, ViewMapper mapper, QueryProperties properties) {
        this.queries = queries;
        this.mapper = mapper;
        this.api = properties.api();
    }

    @Operation(summary = "Audit entries newest first; filter by instance, event type, actor and time range "
            + "(from inclusive, to exclusive, ISO-8601)")
    @GetMapping
    public Mono<PageResponse<AuditEntryResponse>> page(
            @RequestParam(required = false) String instanceId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @Parameter(description = "page size, a decimal 1..max-page-size (default default-page-size)",
                    schema = @Schema(type = "integer", minimum = "1")) @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @Parameter(hidden = true) SslplaneAuthentication auth) {
        AuditFilter filter = filter(auth.getPrincipal(), instanceId, type, actor, from, to);
        int size = Paging.limit(limit, api);
        Cursors.AuditCursor position = cursor == null ? null : Cursors.parseAudit(cursor);
        return queries.auditPage(filter, position == null ? null : position.occurredAt(),
                        position == null ? null : position.eventId(), size)
                .collectList()
                .map(docs -> {
                    boolean more = docs.size() > size;
                    List<AuditDoc> page = more ? docs.subList(0, size) : docs;
                    AuditDoc last = more ? page.get(page.size() - 1) : null;
                    return new PageResponse<>(page.stream().map(mapper::audit).toList(),
                            last == null ? null : Cursors.audit(last.occurredAt(), last.eventId()));
                });
    }

    @Operation(summary = "Every matching audit entry, oldest first, as newline-delimited JSON, streamed")
    @GetMapping(value = "/export", produces = MediaType.APPLICATION_NDJSON_VALUE)
    public Flux<AuditEntryResponse> export(
            @RequestParam(required = false) String instanceId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @Parameter(hidden = true) SslplaneAuthentication auth) {
        return queries.auditExport(filter(auth.getPrincipal(), instanceId, type, actor, from, to))
                .map(mapper::audit);
    }

    private static AuditFilter filter(SslplanePrincipal caller, String instanceId, String type, String actor,
                                      String from, String to) {
        if (instanceId != null) {
            Ids.instanceId(instanceId);
            InstanceAccess.require(caller, instanceId);
        }
        if (type != null && !TYPE.matcher(type).matches()) {
            throw ApiException.validation("type must be an event type name such as SslEnabled");
        }
        if (actor != null && !ACTOR.matcher(actor).matches()) {
            throw ApiException.validation("actor must be 1-200 letters, digits or . _ : @ / + -");
        }
        Instant fromAt = instant(from, "from");
        Instant toAt = instant(to, "to");
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
            throw new ApiException(ErrorCode.INVALID_TIME_RANGE,
                    "from (" + fromAt + ") must be before to (" + toAt + ")");
        }
        return new AuditFilter(instanceId, type, actor, fromAt, toAt, caller.scope());
    }

    private static Instant instant(String value, String name) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_TIME_RANGE,
                    name + " must be an ISO-8601 instant such as 2026-11-28T10:00:00Z");
        }
        // Instant reaches a billion years; a MongoDB date (milliseconds in a long) does not
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new ApiException(ErrorCode.INVALID_TIME_RANGE,
                    name + " must lie between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }
}
