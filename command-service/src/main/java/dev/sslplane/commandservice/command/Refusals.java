package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.error.ErrorCode;

/**
 * The aggregate's refusals that describe an operation: code, a message naming the operation and its pass, and
 * the progress as details, so clients see what is in their way without a second call.
 */
final class Refusals {

    private Refusals() {
    }

    /** Another operation holds the instance: running, failed and awaiting retry, or waiting for clients. */
    static DomainException busy(String instanceId, RestartOperation operation) {
        if (operation.state == RestartOperation.State.WAITING_FOR_CLIENTS) {
            return new DomainException(ErrorCode.ROTATION_AWAITING_CLIENTS,
                    "a CA rotation of " + instanceId + " waits for clients to move to the new CA ("
                            + operation.describe() + "); finish it first", operation.progress());
        }
        String what = switch (operation.state) {
            case RUNNING -> "an operation is running";
            case ABORTING -> "an operation is stopping after an abort";
            default -> "a failed operation awaits retry";
        };
        return new DomainException(ErrorCode.OPERATION_IN_PROGRESS,
                what + " for " + instanceId + " (" + operation.describe() + ")", operation.progress());
    }

    /** An operation scheduled for the maintenance window holds the instance: the same code as a running one. */
    static DomainException scheduled(String instanceId, ScheduledOperation scheduled) {
        return new DomainException(ErrorCode.OPERATION_IN_PROGRESS, "an operation is scheduled for " + instanceId
                + " (" + scheduled.describe() + "); cancel it first", scheduled.progress());
    }

    static DomainException notCurrent(String instanceId, String operationId) {
        return new DomainException(ErrorCode.OPERATION_NOT_FOUND,
                "operation " + operationId + " is not the current operation of " + instanceId);
    }

    static DomainException notRetryable(RestartOperation operation) {
        return new DomainException(ErrorCode.OPERATION_NOT_RETRYABLE,
                "operation " + operation.operationId + " has not failed; only a failed operation can be retried ("
                        + operation.describe() + ")", operation.progress());
    }

    static DomainException notAwaitingClients(RestartOperation operation) {
        return new DomainException(ErrorCode.ROTATION_NOT_AWAITING_CLIENTS,
                "operation " + operation.operationId + " is not a rotation waiting for clients ("
                        + operation.describe() + ", " + operation.state + ")", operation.progress());
    }

    static DomainException notEnabled(String instanceId, String action) {
        return new DomainException(ErrorCode.SSL_NOT_ENABLED,
                "cannot " + action + ": SSL is not enabled for " + instanceId);
    }
}
