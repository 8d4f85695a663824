package dev.sslplane.commandservice.intake;

import dev.sslplane.commandservice.command.CertificatePolicy;
import dev.sslplane.contracts.model.CertificateOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the certificate options of an Enable or Rotate body (REST and {@code ssl.commands} alike) and checks them
 * against the deployment's bounds before anything is dispatched, so a bad request is refused with every fault at
 * once ({@code VALIDATION_FAILED}).
 */
public final class CertificateRequests {

    private CertificateRequests() {
    }

    /**
     * @return the options asked for ({@link CertificateOptions#DEFAULTS} when none)
     * @throws dev.sslplane.commandservice.command.DomainException {@code VALIDATION_FAILED} listing every violation
     */
    public static CertificateOptions read(String caKeyAlgorithm, String caValidity, String nodeCertificateValidity,
                                          CertificatePolicy policy) {
        var violations = new ArrayList<String>();
        Duration ca = parse("caValidity", caValidity, violations);
        Duration node = parse("nodeCertificateValidity", nodeCertificateValidity, violations);
        var options = new CertificateOptions(caKeyAlgorithm, ca, node);
        // a malformed validity is judged as absent, so the other fields' faults are reported with it
        violations.addAll(policy.violations(options));
        if (!violations.isEmpty()) {
            throw InputRules.invalid(violations);
        }
        return options;
    }

    /**
     * What an Idempotency-Key stands for beyond the path: the options asked for, each in one canonical form
     * ({@code P400D} and {@code PT9600H} are the same request); empty for the defaults, so a key used before these
     * options existed still names the same request.
     */
    public static String describe(CertificateOptions options) {
        var parts = new StringBuilder();
        if (options.caKeyAlgorithm() != null) {
            parts.append(" caKeyAlgorithm=").append(options.caKeyAlgorithm());
        }
        if (options.caValidity() != null) {
            parts.append(" caValidity=").append(options.caValidity());
        }
        if (options.nodeCertificateValidity() != null) {
            parts.append(" nodeCertificateValidity=").append(options.nodeCertificateValidity());
        }
        return parts.toString();
    }

    private static Duration parse(String field, String text, List<String> violations) {
        try {
            return CertificateOptions.parseValidity(text);
        } catch (IllegalArgumentException e) {
            violations.add(field + " is " + e.getMessage());
            return null;
        }
    }
}
