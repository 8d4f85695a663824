package dev.sslplane.commandservice.api;

/**
 * Body of a 202: the operation started (or resumed) and where to follow it on the query service.
 *
 * @param location the operation on the query service, with {@code position} as its query parameter
 * @param position the position of this write ({@code ReadPosition}): reads on the query service that name it
 *                 (the Location, the instance's status with {@code ?position=}) see the operation
 */
record OperationAccepted(String instanceId, String operationId, String kind, String location, long position) {
}
