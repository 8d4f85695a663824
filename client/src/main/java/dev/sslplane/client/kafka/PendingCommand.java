package dev.sslplane.client.kafka;

import dev.sslplane.client.OperationTimeoutException;
import dev.sslplane.client.ProblemException;
import dev.sslplane.client.SslplaneException;
import dev.sslplane.contracts.messaging.CommandResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command on its way: its id (send it again with the same id and it is answered again, never executed twice) and
 * the {@link CommandResult} to come from {@code ssl.command-results}.
 */
public record PendingCommand(String commandId, String type, String instanceId,
                             CompletableFuture<CommandResult> result) {

    /** The result, ACCEPTED or REJECTED, waiting at most {@code timeout}. */
    public CommandResult await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OperationTimeoutException("the result of command " + commandId, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SslplaneException("interrupted while waiting for command " + commandId, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof SslplaneException s ? s
                    : new SslplaneException("command " + commandId + " could not be sent: " + cause, cause);
        }
    }

    /**
     * The operation the accepted command started or acted on ({@code null} for a registration); a rejection is
     * thrown as the {@link ProblemException} its code stands for, as the REST client throws it.
     */
    public String awaitAccepted(Duration timeout) {
        CommandResult answer = await(timeout);
        if (answer.outcome() != CommandResult.Outcome.ACCEPTED) {
            throw ProblemException.ofCode(answer.code(), answer.message());
        }
        return answer.operationId();
    }
}
