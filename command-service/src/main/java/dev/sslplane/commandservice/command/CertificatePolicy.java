package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.CertificateOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which key algorithm and lifetimes an operation may ask for, and what it gets when it asks for none: the
 * deployment's defaults ({@code sslplane.pki.*}) and bounds. A node certificate never outlives its CA: a node would
 * present a certificate whose issuer has expired, which every peer refuses.
 *
 * <p>Intake asks for {@link #violations} before it dispatches, so a bad request is refused with all its faults at
 * once; the aggregate decides with {@link #choose}, which the fixture tests exercise.
 */
public final class CertificatePolicy {

    /** Inclusive bounds of a validity. */
    public record Bounds(Duration min, Duration max) {

        boolean contains(Duration validity) {
            return validity.compareTo(min) >= 0 && validity.compareTo(max) <= 0;
        }

        @Override
        public String toString() {
            return CertificateOptions.formatValidity(min) + " .. " + CertificateOptions.formatValidity(max);
        }
    }

    private final CertificateChoices defaults;
    private final Bounds caBounds;
    private final Bounds nodeBounds;

    /**
     * @param defaults   the deployment's key algorithm and validities (already checked against the bounds at start)
     * @param caBounds   what a CA validity may be
     * @param nodeBounds what a node-certificate validity may be
     */
    public CertificatePolicy(CertificateChoices defaults, Bounds caBounds, Bounds nodeBounds) {
        this.defaults = defaults;
        this.caBounds = caBounds;
        this.nodeBounds = nodeBounds;
    }

    public CertificateChoices defaults() {
        return defaults;
    }

    /** Every reason the options cannot be had, empty when they can. */
    public List<String> violations(CertificateOptions requested) {
        CertificateOptions options = requested == null ? CertificateOptions.DEFAULTS : requested;
        var violations = new ArrayList<String>();
        if (options.caKeyAlgorithm() != null
                && !CertificateOptions.KEY_ALGORITHMS.contains(options.caKeyAlgorithm())) {
            violations.add("caKeyAlgorithm must be one of " + String.join(", ", CertificateOptions.KEY_ALGORITHMS));
        }
        boolean caValid = checkValidity("caValidity", options.caValidity(), caBounds, violations);
        boolean nodeValid = checkValidity("nodeCertificateValidity", options.nodeCertificateValidity(), nodeBounds,
                violations);
        Duration ca = orDefault(options.caValidity(), defaults.caValidity());
        Duration node = orDefault(options.nodeCertificateValidity(), defaults.nodeCertificateValidity());
        if (caValid && nodeValid && node.compareTo(ca) > 0) {
            violations.add("nodeCertificateValidity (" + CertificateOptions.formatValidity(node)
                    + ") must not exceed caValidity (" + CertificateOptions.formatValidity(ca)
                    + "): a node certificate must not outlive its CA");
        }
        return violations;
    }

    /**
     * The operation's choices: each option asked for, else the deployment's.
     *
     * @throws DomainException {@code VALIDATION_FAILED} with every violation
     */
    public CertificateChoices choose(CertificateOptions requested) {
        List<String> violations = violations(requested);
        if (!violations.isEmpty()) {
            // the same refusal as intake's (InputRules.invalid): 400 on REST, a dead letter on ssl.commands
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "request is invalid: "
                    + String.join("; ", violations), Map.of("violations", List.copyOf(violations)));
        }
        CertificateOptions options = requested == null ? CertificateOptions.DEFAULTS : requested;
        return new CertificateChoices(orDefault(options.caKeyAlgorithm(), defaults.caKeyAlgorithm()),
                orDefault(options.caValidity(), defaults.caValidity()),
                orDefault(options.nodeCertificateValidity(), defaults.nodeCertificateValidity()));
    }

    /** Whether a validity asked for (or none) is good; adds the reason when it is not. */
    private static boolean checkValidity(String field, Duration validity, Bounds bounds, List<String> violations) {
        if (validity == null) {
            return true;
        }
        if (validity.isNegative() || validity.isZero()) {
            violations.add(field + " must be positive");
            return false;
        }
        if (!bounds.contains(validity)) {
            violations.add(field + " must be within " + bounds + " (was "
                    + CertificateOptions.formatValidity(validity) + ")");
            return false;
        }
        return true;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
