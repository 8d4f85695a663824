package dev.sslplane.client.model;

/**
 * The command service's {@code 202}: the operation started (or resumed), and where its progress is (the query
 * service's operation URL).
 *
 * @param replayed true when the answer was replayed for a repeated {@code Idempotency-Key}: nothing new started
 */
public record OperationAccepted(String instanceId, String operationId, String kind, String location,
                                boolean replayed) {

    public OperationAccepted withReplayed(boolean value) {
        return new OperationAccepted(instanceId, operationId, kind, location, value);
    }
}
