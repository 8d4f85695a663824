package dev.sslplane.commandservice.api.openapi;

import dev.sslplane.contracts.model.CertificateOptions;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * Describes the certificate options of the Enable and Rotate bodies in the OpenAPI document: the request records
 * live in {@code contracts}, which carries no OpenAPI annotations, so client generators learn the allowed key
 * algorithms and the duration format here.
 */
final class CertificateOptionsSchema {

    static final List<String> BODIES = List.of("EnableSslRequest", "RotateCertificateRequest");

    /** Matches what {@link CertificateOptions#parseValidity} reads (days, hours, minutes, seconds; no sign). */
    static final String VALIDITY_PATTERN =
            "^[Pp](\\d+[Dd])?([Tt](\\d+[Hh])?(\\d+[Mm])?(\\d+(\\.\\d{1,9})?[Ss])?)?$";

    private CertificateOptionsSchema() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void applyTo(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        for (String body : BODIES) {
            Schema schema = api.getComponents().getSchemas().get(body);
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            Map<String, Schema> properties = schema.getProperties();
            describe(properties.get("caKeyAlgorithm"), "key algorithm of the new CA; absent = the deployment's "
                    + "(sslplane.pki.key-algorithm). A key of another algorithm than the deployment's is generated "
                    + "while the request waits (RSA-4096: seconds)", "EC-P384", null);
            if (properties.get("caKeyAlgorithm") != null) {
                properties.get("caKeyAlgorithm").setEnum((List) CertificateOptions.KEY_ALGORITHMS);
            }
            describe(properties.get("caValidity"), "validity of the new CA, ISO-8601 duration of days, hours, "
                    + "minutes and seconds (no years or months); within sslplane.pki.ca-validity-min .. "
                    + "ca-validity-max (default P30D .. P7300D); absent = the deployment's", "P825D",
                    VALIDITY_PATTERN);
            describe(properties.get("nodeCertificateValidity"), "validity of each node certificate signed in "
                    + "this operation, same format; within sslplane.pki.leaf-validity-min .. leaf-validity-max "
                    + "(default P1D .. P397D) and never longer than the CA's; absent = the deployment's", "P90D",
                    VALIDITY_PATTERN);
        }
    }

    @SuppressWarnings("rawtypes")
    private static void describe(Schema property, String description, String example, String pattern) {
        if (property == null) {
            return;
        }
        property.setDescription(description);
        property.setExample(example);
        if (pattern != null) {
            property.setPattern(pattern);
        }
    }
}
