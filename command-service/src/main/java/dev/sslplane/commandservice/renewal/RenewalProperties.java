package dev.sslplane.commandservice.renewal;

import dev.sslplane.contracts.model.ExpiryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sslplane.renewal.*}: when a node certificate is due for automatic renewal, and when a CA's RENEW_SOON is
 * recorded on the audit trail ({@link CaExpiryWatch}; the CA is never renewed automatically). The defaults are the
 * query service's ({@code sslplane.query.certificates.*}), so a renewal is scheduled when the status starts to say
 * RENEW_SOON; set both alike when changing one.
 *
 * @param renewSoonLifeFraction share of a certificate's life after which it is due (0 .. 1]
 * @param renewSoonBefore       time before {@code notAfter} from which it is due in any case
 */
@ConfigurationProperties("sslplane.renewal")
public record RenewalProperties(@DefaultValue("0.6667") double renewSoonLifeFraction,
                                @DefaultValue("30d") Duration renewSoonBefore) {

    public RenewalProperties {
        if (!(renewSoonLifeFraction > 0 && renewSoonLifeFraction <= 1)) {
            throw new IllegalArgumentException("sslplane.renewal.renew-soon-life-fraction must be in (0, 1], was "
                    + renewSoonLifeFraction);
        }
        if (renewSoonBefore.isNegative()) {
            throw new IllegalArgumentException("sslplane.renewal.renew-soon-before must not be negative, was "
                    + renewSoonBefore);
        }
    }

    ExpiryPolicy expiryPolicy() {
        return new ExpiryPolicy(renewSoonLifeFraction, renewSoonBefore);
    }
}
