package dev.sslplane.commandservice.api;

/**
 * Body of a 201 after registration: where the instance's SSL status is read.
 *
 * @param location the status on the query service, with {@code position} as its query parameter
 * @param position the position of the registration ({@code ReadPosition}; 0, the instance's first event)
 */
record InstanceRegistered(String instanceId, String location, long position) {
}
