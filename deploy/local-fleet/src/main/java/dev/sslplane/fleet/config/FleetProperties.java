package dev.sslplane.fleet.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the local fleet.
 *
 * @param dataDir          where node keys, certificates and settings live (survives fleet restarts)
 * @param token            shared control-API token; blank = read or create {@code <dataDir>/control-token}
 * @param bindAddress      address every node listens on (loopback only by design)
 * @param nodePortBase     first port tried when a node's requested port is unavailable
 * @param nodePortMax      last port tried
 * @param keyAlgorithm     node key algorithm: {@code RSA} (2048 bit) or {@code EC} (P-256)
 * @param restartDowntime  how long a restarting node stays down (models the real restart time)
 */
@Validated
@ConfigurationProperties("fleet")
public record FleetProperties(
        @NotNull Path dataDir,
        String token,
        @NotBlank String bindAddress,
        @Min(1024) @Max(65535) int nodePortBase,
        @Min(1024) @Max(65535) int nodePortMax,
        @NotBlank String keyAlgorithm,
        @NotNull Duration restartDowntime) {
}
