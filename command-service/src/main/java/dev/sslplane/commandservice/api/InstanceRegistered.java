package dev.sslplane.commandservice.api;

/** Body of a 201 after registration: where the instance's SSL status is read. */
record InstanceRegistered(String instanceId, String location) {
}
