package dev.sslplane.query.api;

import java.util.List;

/** A page of results; pass {@code nextCursor} as {@code cursor} for the next page (null on the last page). */
public record PageResponse<T>(List<T> items, String nextCursor) {
}
