package dev.sslplane.commandservice.security;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sslplane.rate-limit.*}: how many requests one principal may make per period. Commands (register, enable,
 * rotate, disable, retry) and CSR signing have separate limits: workers sign a CSR per node in bursts.
 *
 * @param enabled         off only for benchmarks and tests that need unlimited calls
 * @param capacity        commands a principal may issue per {@code refillPeriod}
 * @param refillPeriod    after this period the principal's full capacity is available again
 * @param signingCapacity CSR signings a principal may request per {@code refillPeriod}
 * @param maxPrincipals   principals tracked at once (bounded memory); idle ones are forgotten after a period
 */
@Validated
@ConfigurationProperties("sslplane.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60") @Min(1) int capacity,
        @DefaultValue("1m") Duration refillPeriod,
        @DefaultValue("1200") @Min(1) int signingCapacity,
        @DefaultValue("10000") @Min(1) long maxPrincipals) {
}
