package dev.sslplane.query.api;

import dev.sslplane.contracts.messaging.ReadPosition;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.security.SslplanePrincipal;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One instance for a caller: the id and the position validated, then refused outside the caller's scope whether or
 * not it exists (no existence oracle), then one {@code findOne} by {@code _id}; 404 when unknown. A read that names
 * a position ({@code ?position=}) waits for it ({@link PositionWait}) and is never answered 404.
 */
@Component
class InstanceLookup {

    private final ReadModelQueries queries;
    private final PositionWait positions;

    InstanceLookup(ReadModelQueries queries, PositionWait positions) {
        this.queries = queries;
        this.positions = positions;
    }

    /**
     * Throws (400, 403) before any read; a missing instance is an error signal (404), and so is a position not
     * reached in time (503).
     *
     * @param position the request's {@code position} parameter as sent, or {@code null}
     */
    Mono<InstanceDoc> find(SslplanePrincipal caller, String id, String position) {
        Ids.instanceId(id);
        OptionalLong at = position(position);
        InstanceAccess.require(caller, id);
        Mono<InstanceDoc> doc = at.isPresent() ? positions.instance(id, at.getAsLong()) : queries.instance(id);
        return doc.switchIfEmpty(Mono.error(() -> ApiException.instanceNotFound(id)));
    }

    private static OptionalLong position(String text) {
        try {
            return ReadPosition.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(e.getMessage());
        }
    }
}
