package dev.sslplane.contracts.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What an Enable or Rotate asks of its certificates beyond the deployment's defaults. Every field is optional
 * ({@code null} = the deployment's setting); the command service checks the values against its bounds.
 *
 * @param caKeyAlgorithm          key algorithm of the new CA, one of {@link #KEY_ALGORITHMS}
 * @param caValidity              how long the new CA is valid
 * @param nodeCertificateValidity how long each node certificate signed in the operation is valid
 */
public record CertificateOptions(String caKeyAlgorithm, Duration caValidity, Duration nodeCertificateValidity) {

    /** No option asked for: every value is the deployment's. */
    public static final CertificateOptions DEFAULTS = new CertificateOptions(null, null, null);

    /** The CA key algorithms, by the labels requests and {@code CertificateInfo.keyAlgorithm} use. */
    public static final List<String> KEY_ALGORITHMS = List.of("RSA-2048", "RSA-3072", "RSA-4096", "EC-P256",
            "EC-P384");

    /**
     * The one format validities are written in: an ISO-8601 duration of days, hours, minutes and seconds as
     * {@link Duration#parse} reads it ({@code P825D}, {@code P1DT12H}, {@code PT36H}). Years, months and weeks are
     * not accepted: they have no fixed length. A sign is read, so the caller still checks that it is positive.
     *
     * @return the duration, or {@code null} for {@code null}
     * @throws IllegalArgumentException when the text is not such a duration
     */
    public static Duration parseValidity(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 duration of days, hours, minutes and seconds "
                    + "(for example P825D or PT36H)");
        }
    }

    /** A validity written as requests carry it ({@code P825D} for whole days, else {@link Duration#toString}). */
    public static String formatValidity(Duration validity) {
        if (validity == null) {
            return null;
        }
        return validity.toSeconds() % 86_400 == 0 && validity.getNano() == 0 && !validity.isNegative()
                ? "P" + validity.toDays() + "D" : validity.toString();
    }

    /** Whether nothing beyond the defaults is asked for. */
    public boolean isDefault() {
        return caKeyAlgorithm == null && caValidity == null && nodeCertificateValidity == null;
    }
}
