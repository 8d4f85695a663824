package dev.sslplane.contracts.messaging;

/** Body of a finish-rotation command on {@code ssl.commands}: the rotation that waits for clients. */
public record FinishRotationRequest(String operationId) {
}
