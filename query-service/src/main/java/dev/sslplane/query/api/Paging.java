package dev.sslplane.query.api;

import dev.sslplane.query.config.QueryProperties;

/** Page-size validation shared by the list endpoints. */
final class Paging {

    /**
     * Decimal digits only: Spring's own conversion would also take {@code 0x10}, {@code #10} or an empty value,
     * which no client means as a page size.
     */
    static int limit(String requested, QueryProperties.Api api) {
        if (requested == null) {
            return api.defaultPageSize();
        }
        if (!requested.matches("[0-9]{1,6}")) {
            throw invalid(api);
        }
        int value = Integer.parseInt(requested);
        if (value < 1 || value > api.maxPageSize()) {
            throw invalid(api);
        }
        return value;
    }

    private static ApiException invalid(QueryProperties.Api api) {
        return ApiException.validation("limit must be a whole number between 1 and " + api.maxPageSize());
    }

    private Paging() {
    }
}
