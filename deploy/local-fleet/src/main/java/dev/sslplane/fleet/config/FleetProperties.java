package dev.sslplane.fleet.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the local fleet.
 *
 * @param dataDir           node directories (config, PEM files, data) and set state; survives fleet restarts
 * @param token             shared control-API token; blank = read or create {@code <dataDir>/control-token}
 * @param nodeBindAddress   address every node listens on (loopback only by design)
 * @param keyAlgorithm      node key algorithm for CSRs: {@code RSA} (2048 bit) or {@code EC} (P-256)
 * @param restartDowntime   how long a restarting node stays down (models the real restart time)
 * @param heartbeatInterval how often each member sends a heartbeat to every other member
 * @param heartbeatTimeout  a peer is healthy while its last successful heartbeat is this recent; elections
 *                          wait twice this long
 */
@Validated
@ConfigurationProperties("sslplane.fleet")
public record FleetProperties(
        @NotNull Path dataDir,
        String token,
        @NotBlank String nodeBindAddress,
        @NotBlank String keyAlgorithm,
        @NotNull Duration restartDowntime,
        @NotNull Duration heartbeatInterval,
        @NotNull Duration heartbeatTimeout) {
}
