package dev.sslplane.client.model;

/** The command service's {@code 201} after a registration; {@code location} is the instance's SSL status. */
public record InstanceRegistered(String instanceId, String location) {
}
