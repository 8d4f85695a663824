package dev.sslplane.contracts.messaging;

/**
 * Body of {@code POST /api/v1/instances/{id}/collection-count:update} and payload of {@code UpdateCollectionCount}.
 *
 * @param collectionCount the instance's number of collections now, 0 or more
 */
public record CollectionCountRequest(Integer collectionCount) {
}
