package dev.sslplane.commandservice.api;

/** Body of a 202: the operation started (or resumed) and where to follow it on the query service. */
record OperationAccepted(String instanceId, String operationId, String kind, String location) {
}
