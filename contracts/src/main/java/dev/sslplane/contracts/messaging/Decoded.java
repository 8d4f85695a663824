package dev.sslplane.contracts.messaging;

/**
 * Outcome of reading a Kafka record value. Consumers switch over it; decoding never throws, so a bad record
 * cannot crash-loop a consumer.
 *
 * @param <T> what a successful read yields
 */
public sealed interface Decoded<T> {

    /** The record was read. */
    record Ok<T>(T value) implements Decoded<T> {
    }

    /** The envelope is fine but its type is not one this version knows: log and skip. */
    record UnknownType<T>(String type, String instanceId) implements Decoded<T> {
    }

    /** The bytes are not a valid message; {@code reason} says why (safe to log, never echoes the value). */
    record Malformed<T>(String reason) implements Decoded<T> {
    }
}
