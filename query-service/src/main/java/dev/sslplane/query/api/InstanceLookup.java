package dev.sslplane.query.api;

import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.security.SslplanePrincipal;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One instance for a caller: the id validated, then refused outside the caller's scope whether or not it exists (no
 * existence oracle), then one {@code findOne} by {@code _id}; 404 when unknown.
 */
@Component
class InstanceLookup {

    private final ReadModelQueries queries;

    InstanceLookup(ReadModelQueries queries) {
        this.queries = queries;
    }

    /** Throws (400, 403) before any read; a missing instance is an error signal (404). */
    Mono<InstanceDoc> find(SslplanePrincipal caller, String id) {
        Ids.instanceId(id);
        InstanceAccess.require(caller, id);
        return queries.instance(id).switchIfEmpty(Mono.error(() -> ApiException.instanceNotFound(id)));
    }
}
