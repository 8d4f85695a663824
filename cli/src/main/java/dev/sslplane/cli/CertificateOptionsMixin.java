package dev.sslplane.cli;

import dev.sslplane.contracts.model.CertificateOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --ca-key-algorithm}, {@code --ca-validity} and {@code --node-certificate-validity} of enable and rotate.
 * The format is checked here, so a typo is a usage error before anything is sent; the bounds are the deployment's,
 * and the service checks them (400: exit code 2 as well).
 */
final class CertificateOptionsMixin {

    @Option(names = "--ca-key-algorithm", paramLabel = "ALGORITHM",
            completionCandidates = KeyAlgorithms.class, converter = KeyAlgorithmLabel.class,
            description = "key algorithm of the new CA: ${COMPLETION-CANDIDATES} (default: the deployment's)")
    String caKeyAlgorithm;

    @Option(names = "--ca-validity", paramLabel = "DURATION", converter = Validity.class,
            description = "validity of the new CA, ISO-8601 days/hours (P825D, PT36H; default: the deployment's)")
    String caValidity;

    @Option(names = "--node-certificate-validity", paramLabel = "DURATION", converter = Validity.class,
            description = "validity of each node certificate this operation signs, same format, never longer than "
                    + "the CA's (default: the deployment's)")
    String nodeCertificateValidity;

    /** The labels, for the help and shell completion. */
    static final class KeyAlgorithms implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return CertificateOptions.KEY_ALGORITHMS.iterator();
        }
    }

    static final class KeyAlgorithmLabel implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!CertificateOptions.KEY_ALGORITHMS.contains(value)) {
                throw new TypeConversionException("'" + value + "' is not one of "
                        + String.join(", ", CertificateOptions.KEY_ALGORITHMS));
            }
            return value;
        }
    }

    /** Sent as typed: the service reads the same format, and an Idempotency-Key stands for its canonical form. */
    static final class Validity implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                CertificateOptions.parseValidity(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is " + e.getMessage());
            }
            return value;
        }
    }
}
