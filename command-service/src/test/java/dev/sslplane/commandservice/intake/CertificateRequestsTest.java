package dev.sslplane.commandservice.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.commandservice.command.CertificatePolicy;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.pki.PkiProperties;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.CertificateOptions;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Certificate options of Enable and Rotate bodies, REST and Kafka alike: format and bounds (the defaults). */
class CertificateRequestsTest {

    private final CertificatePolicy policy = PkiProperties.defaults().certificatePolicy();

    @Test
    void goodOptionsAreReadAsAsked() {
        assertThat(CertificateRequests.read("EC-P384", "P400D", "PT720H", policy))
                .isEqualTo(new CertificateOptions("EC-P384", Duration.ofDays(400), Duration.ofDays(30)));
        assertThat(CertificateRequests.read("RSA-4096", "P30D", "P1D", policy).caValidity())
                .as("the bounds are inclusive").isEqualTo(Duration.ofDays(30));
        assertThat(CertificateRequests.read("RSA-3072", "P7300D", "P397D", policy).caValidity())
                .isEqualTo(Duration.ofDays(7300));
        assertThat(CertificateRequests.read(null, null, null, policy)).isEqualTo(CertificateOptions.DEFAULTS);
    }

    /** Every bad value, one at a time, with the violation it is refused with. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            DSA-1024  | -        | -       | caKeyAlgorithm must be one of RSA-2048, RSA-3072, RSA-4096, EC-P256, EC-P384
            ec-p384   | -        | -       | caKeyAlgorithm must be one of
            EC_P384   | -        | -       | caKeyAlgorithm must be one of
            ''        | -        | -       | caKeyAlgorithm must be one of
            -         | P1Y      | -       | caValidity is not an ISO-8601 duration
            -         | P2W      | -       | caValidity is not an ISO-8601 duration
            -         | 400 days | -       | caValidity is not an ISO-8601 duration
            -         | ''       | -       | caValidity is not an ISO-8601 duration
            -         | P99999999999999999D | - | caValidity is not an ISO-8601 duration
            -         | -        | 30      | nodeCertificateValidity is not an ISO-8601 duration
            -         | -P400D   | -       | caValidity must be positive
            -         | -        | P-1D    | nodeCertificateValidity must be positive
            -         | PT0S     | -       | caValidity must be positive
            -         | -        | P0D     | nodeCertificateValidity must be positive
            -         | P29D     | -       | caValidity must be within P30D .. P7300D (was P29D)
            -         | P7301D   | -       | caValidity must be within P30D .. P7300D (was P7301D)
            -         | -        | PT23H   | nodeCertificateValidity must be within P1D .. P397D (was PT23H)
            -         | -        | P398D   | nodeCertificateValidity must be within P1D .. P397D (was P398D)
            -         | P90D     | P91D    | nodeCertificateValidity (P91D) must not exceed caValidity (P90D): a node certificate must not outlive its CA
            """)
    void badValuesAreRefusedWithValidationFailed(String algorithm, String caValidity, String nodeValidity,
                                                 String violation) {
        assertThatThrownBy(() -> CertificateRequests.read(algorithm, caValidity, nodeValidity, policy))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.details().get("violations")).asInstanceOf(InstanceOfAssertFactories.LIST)
                            .singleElement().asString().startsWith(violation);
                });
    }

    @Test
    void aNodeValidityBeyondTheDeploymentsCaIsRefusedToo() {
        var shortCa = new CertificatePolicy(new dev.sslplane.commandservice.command.CertificateChoices("RSA-2048",
                Duration.ofDays(60), Duration.ofDays(30)), new CertificatePolicy.Bounds(Duration.ofDays(30),
                Duration.ofDays(7300)), new CertificatePolicy.Bounds(Duration.ofDays(1), Duration.ofDays(397)));

        assertThatThrownBy(() -> CertificateRequests.read(null, null, "P90D", shortCa))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.details().get("violations"))
                        .isEqualTo(List.of("nodeCertificateValidity (P90D) must not exceed caValidity (P60D): a "
                                + "node certificate must not outlive its CA")));
    }

    @Test
    void theIdempotencyDescriptionIsCanonicalAndEmptyForTheDefaults() {
        assertThat(CertificateRequests.describe(CertificateOptions.DEFAULTS)).isEmpty();
        assertThat(CertificateRequests.describe(CertificateRequests.read("EC-P384", "P400D", "P30D", policy)))
                .isEqualTo(CertificateRequests.describe(CertificateRequests.read("EC-P384", "PT9600H", "PT720H",
                        policy)))
                .isEqualTo(" caKeyAlgorithm=EC-P384 caValidity=PT9600H nodeCertificateValidity=PT720H");
    }
}
