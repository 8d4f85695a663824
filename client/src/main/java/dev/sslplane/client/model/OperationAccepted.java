package dev.sslplane.client.model;

/**
 * The command service's {@code 202}: the operation started (or resumed), and where its progress is (the query
 * service's operation URL).
 *
 * @param location the operation on the query service; it carries the position, so reading it never answers 404
 * @param position the position of this write (read-your-writes): the query reads that name it
 *                 ({@code QueryClient.status(instanceId, position)}, {@code follow(accepted, …)}) see the operation;
 *                 {@code null} from a command service that does not answer one
 * @param replayed true when the answer was replayed for a repeated {@code Idempotency-Key}: nothing new started
 */
public record OperationAccepted(String instanceId, String operationId, String kind, String location, Long position,
                                boolean replayed) {

    public OperationAccepted withReplayed(boolean value) {
        return new OperationAccepted(instanceId, operationId, kind, location, position, value);
    }
}
