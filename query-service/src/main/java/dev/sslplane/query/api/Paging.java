package dev.sslplane.query.api;

import dev.sslplane.query.config.QueryProperties;

/** Page-size validation shared by the list endpoints. */
final class Paging {

    static int limit(Integer requested, QueryProperties.Api api) {
        if (requested == null) {
            return api.defaultPageSize();
        }
        if (requested < 1 || requested > api.maxPageSize()) {
            throw ApiException.validation("limit must be between 1 and " + api.maxPageSize());
        }
        return requested;
    }

    private Paging() {
    }
}
