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
 * @param keyPoolRefillDelay how long no key must have been taken before the pool generates the next one (below a
 *                           quarter of the pool it refills regardless): key generation, even at idle priority,
 *                           slows the commands it overlaps
 */
@Validated
@ConfigurationProperties("sslplane.pki")
public record PkiProperties(
        @NotNull @DefaultValue("RSA_2048") KeyAlgorithm keyAlgorithm,
        @NotNull @DefaultValue("3650d") Duration caValidity,
        @NotNull @DefaultValue("397d") Duration leafValidity,
        @Min(0) @Max(1024) @DefaultValue("16") int keyPoolSize,
        @NotNull @DefaultValue("2s") Duration keyPoolRefillDelay) {
}
