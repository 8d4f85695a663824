package dev.sslplane.commandservice.pki;

import dev.sslplane.commandservice.command.CertificateChoices;
import dev.sslplane.commandservice.command.CertificatePolicy;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sslplane.pki.*}: how CAs and node certificates are issued. The algorithm and validities are the
 * deployment's defaults; an Enable or Rotate may ask for others within the bounds. A setting outside its bounds, or
 * bounds that contradict each other, stop the service at start (validated here).
 *
 * @param keyAlgorithm  key algorithm of new CAs and of the key pool ({@code RSA_2048} default, {@code RSA_3072},
 *                      {@code RSA_4096}, {@code EC_P256}, {@code EC_P384}; {@code EC-P384} binds too)
 * @param caValidity    validity of a CA certificate, within {@code caValidityMin .. caValidityMax}
 * @param leafValidity  validity of a node certificate, within {@code leafValidityMin .. leafValidityMax}, at most
 *                      {@code caValidity}
 * @param caValidityMin   shortest CA validity an operation may ask for (30 days: a CA is rotated by hand)
 * @param caValidityMax   longest (20 years)
 * @param leafValidityMin shortest node-certificate validity (1 day)
 * @param leafValidityMax longest (397 days: the most public CAs may issue, CA/Browser Forum; many clients check it)
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
        @NotNull @DefaultValue("30d") Duration caValidityMin,
        @NotNull @DefaultValue("7300d") Duration caValidityMax,
        @NotNull @DefaultValue("1d") Duration leafValidityMin,
        @NotNull @DefaultValue("397d") Duration leafValidityMax,
        @Min(0) @Max(1024) @DefaultValue("16") int keyPoolSize,
        @NotNull @DefaultValue("2s") Duration keyPoolRefillDelay) {

    /** The defaults, for tests and tools that build the PKI by hand. */
    public static PkiProperties defaults() {
        return new PkiProperties(KeyAlgorithm.RSA_2048, Duration.ofDays(3650), Duration.ofDays(397),
                Duration.ofDays(30), Duration.ofDays(7300), Duration.ofDays(1), Duration.ofDays(397), 16,
                Duration.ofSeconds(2));
    }

    @AssertTrue(message = "sslplane.pki.ca-validity-min must be positive and at most ca-validity-max, "
            + "leaf-validity-min positive and at most leaf-validity-max")
    public boolean isBoundsOrdered() {
        return ordered(caValidityMin, caValidityMax) && ordered(leafValidityMin, leafValidityMax);
    }

    @AssertTrue(message = "sslplane.pki.ca-validity must be within ca-validity-min .. ca-validity-max")
    public boolean isCaValidityWithinBounds() {
        return within(caValidity, caValidityMin, caValidityMax);
    }

    @AssertTrue(message = "sslplane.pki.leaf-validity must be within leaf-validity-min .. leaf-validity-max")
    public boolean isLeafValidityWithinBounds() {
        return within(leafValidity, leafValidityMin, leafValidityMax);
    }

    @AssertTrue(message = "sslplane.pki.leaf-validity must not exceed ca-validity: a node certificate must not "
            + "outlive its CA")
    public boolean isLeafWithinCa() {
        return leafValidity == null || caValidity == null || leafValidity.compareTo(caValidity) <= 0;
    }

    /** The bounds and defaults every operation is checked against. */
    public CertificatePolicy certificatePolicy() {
        return new CertificatePolicy(
                new CertificateChoices(keyAlgorithm.label(), caValidity,
                        leafValidity),
                new CertificatePolicy.Bounds(caValidityMin, caValidityMax),
                new CertificatePolicy.Bounds(leafValidityMin, leafValidityMax));
    }

    // null is reported by @NotNull; these only judge values that are there
    private static boolean ordered(Duration min, Duration max) {
        return min == null || max == null || (!min.isNegative() && !min.isZero() && min.compareTo(max) <= 0);
    }

    private static boolean within(Duration value, Duration min, Duration max) {
        return value == null || min == null || max == null || (value.compareTo(min) >= 0 && value.compareTo(max) <= 0);
    }
}
