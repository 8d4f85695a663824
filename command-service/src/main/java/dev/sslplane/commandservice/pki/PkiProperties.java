package dev.sslplane.commandservice.pki;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sslplane.pki.*}: how CAs and node certificates are issued.
 *
 * @param keyAlgorithm  key algorithm of new CAs ({@code RSA_2048} default, {@code EC_P256})
 * @param caValidity    validity of a CA certificate
 * @param leafValidity  validity of a node certificate
 * @param keyPoolSize   CA key pairs generated ahead in the background; 0 generates every key inline
 * @param keyPoolRefillDelay pause between taking a pooled key and refilling, so the taking command finishes
 *                           before key generation competes with it for the CPU
 */
@Validated
@ConfigurationProperties("sslplane.pki")
public record PkiProperties(
        @NotNull @DefaultValue("RSA_2048") KeyAlgorithm keyAlgorithm,
        @NotNull @DefaultValue("3650d") Duration caValidity,
        @NotNull @DefaultValue("397d") Duration leafValidity,
        @Min(0) @Max(64) @DefaultValue("4") int keyPoolSize,
        @NotNull @DefaultValue("50ms") Duration keyPoolRefillDelay) {
}
