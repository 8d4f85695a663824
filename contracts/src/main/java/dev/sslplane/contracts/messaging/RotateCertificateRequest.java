package dev.sslplane.contracts.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.contracts.model.Schedule;

/**
 * Optional body of a rotate command (REST and {@code ssl.commands}). Every field is optional; absent = the
 * default.
 *
 * @param holdOldCa               wait for clients after the second pass, both CAs trusted
 * @param caKeyAlgorithm          key algorithm of the new CA ({@link CertificateOptions#KEY_ALGORITHMS}, e.g.
 *                                {@code EC-P384}); absent = the deployment's
 * @param caValidity              validity of the new CA, ISO-8601 ({@link CertificateOptions#parseValidity}, e.g.
 *                                {@code P825D}); absent = the deployment's
 * @param nodeCertificateValidity validity of the node certificates signed in this operation, same format;
 *                                absent = the deployment's
 * @param schedule                {@code NOW} (absent = now) or {@code MAINTENANCE_WINDOW}: start at the next opening of the
 *                                instance's maintenance window
 */
// absent options are left out: a body asking for nothing new reads as it did before the options existed
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RotateCertificateRequest(Boolean holdOldCa, String caKeyAlgorithm, String caValidity,
                                       String nodeCertificateValidity, Schedule schedule) {

    /** Starting now. */
    public RotateCertificateRequest(Boolean holdOldCa, String caKeyAlgorithm, String caValidity,
                                    String nodeCertificateValidity) {
        this(holdOldCa, caKeyAlgorithm, caValidity, nodeCertificateValidity, null);
    }

    /** A body with the hold option only (every certificate option the deployment's). */
    public RotateCertificateRequest(Boolean holdOldCa) {
        this(holdOldCa, null, null, null, null);
    }

    public boolean holdOldCaOrDefault() {
        return Boolean.TRUE.equals(holdOldCa);
    }
}
