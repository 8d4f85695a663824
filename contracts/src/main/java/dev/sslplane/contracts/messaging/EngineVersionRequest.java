package dev.sslplane.contracts.messaging;

/**
 * Body of {@code POST /api/v1/instances/{id}/engine-version:update} and payload of {@code UpdateEngineVersion}.
 *
 * @param engineVersion the engine version the instance runs now, as registration takes it ({@code 4.2},
 *                      {@code 4.2.24})
 */
public record EngineVersionRequest(String engineVersion) {
}
