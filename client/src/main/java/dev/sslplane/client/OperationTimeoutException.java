package dev.sslplane.client;

import java.time.Duration;

/** Waiting for an operation or a command result took longer than the caller allowed. */
public class OperationTimeoutException extends SslplaneException {

    public OperationTimeoutException(String what, Duration timeout) {
        super(what + " did not finish within " + timeout.toSeconds() + " s");
    }
}
