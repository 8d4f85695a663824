package dev.sslplane.commandservice.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code sslplane.pki.*} as the service binds it: a setting outside its bounds stops the service at start. */
class PkiPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PkiProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void theDefaultsBindAndAreTheDocumentedOnes() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(PkiProperties.class)).isEqualTo(PkiProperties.defaults());
        });
    }

    @Test
    void everyAlgorithmBindsByNameOrLabel() {
        context.withPropertyValues("sslplane.pki.key-algorithm=EC-P384").run(started -> assertThat(
                started.getBean(PkiProperties.class).keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_P384));
        context.withPropertyValues("sslplane.pki.key-algorithm=RSA_4096").run(started -> assertThat(
                started.getBean(PkiProperties.class).keyAlgorithm()).isEqualTo(KeyAlgorithm.RSA_4096));
    }

    @Test
    void settingsWithinTheBoundsStart() {
        context.withPropertyValues("sslplane.pki.ca-validity=30d", "sslplane.pki.leaf-validity=30d",
                "sslplane.pki.leaf-validity-max=825d", "sslplane.pki.ca-validity-max=36500d").run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(PkiProperties.class).certificatePolicy().defaults()
                            .nodeCertificateValidity()).isEqualTo(Duration.ofDays(30));
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sslplane.pki.ca-validity=29d      | ca-validity must be within
            sslplane.pki.ca-validity=7301d    | ca-validity must be within
            sslplane.pki.leaf-validity=23h    | leaf-validity must be within
            sslplane.pki.leaf-validity=398d   | leaf-validity must be within
            sslplane.pki.ca-validity=-1d      | ca-validity must be within
            sslplane.pki.ca-validity-min=0d   | ca-validity-min must be positive
            sslplane.pki.leaf-validity-min=400d | leaf-validity-min positive and at most leaf-validity-max
            sslplane.pki.key-algorithm=DSA    | No enum constant
            """)
    void aSettingOutsideItsBoundsRefusesToStart(String setting, String message) {
        context.withPropertyValues(setting).run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining(message));
    }

    @Test
    void aLeafValidityLongerThanTheCasRefusesToStart() {
        context.withPropertyValues("sslplane.pki.ca-validity=60d", "sslplane.pki.leaf-validity=90d").run(started ->
                assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leaf-validity must not exceed ca-validity"));
    }
}
