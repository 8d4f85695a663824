package dev.sslplane.client.model;

import java.util.List;

/** One page of a list; ask for the next with {@code nextCursor} ({@code null} on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
