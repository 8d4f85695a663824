package dev.sslplane.localstack;

/** A problem the user can fix (a port in use, a missing build); printed as one clear line, no stack trace. */
final class StackException extends RuntimeException {

    StackException(String message) {
        super(message);
    }
}
