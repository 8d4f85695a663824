package dev.sslplane.client.model;

/**
 * The command service's {@code 201} after a registration; {@code location} is the instance's SSL status.
 *
 * @param position the position of the registration (read-your-writes): {@code QueryClient.status(instanceId,
 *                 position)} then finds the instance instead of answering 404; {@code null} from a command service
 *                 that does not answer one
 */
public record InstanceRegistered(String instanceId, String location, Long position) {
}
