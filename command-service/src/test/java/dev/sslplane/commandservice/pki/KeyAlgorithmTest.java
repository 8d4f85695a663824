package dev.sslplane.commandservice.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.model.CertificateOptions;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyAlgorithmTest {

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void aGeneratedKeyIsToldApartBySizeAndCurve(KeyAlgorithm algorithm) {
        var pair = algorithm.generate(TestPki.RANDOM);

        assertThat(KeyAlgorithm.of(pair.getPrivate())).isEqualTo(algorithm);
        assertThat(Certificates.keyDescription(pair.getPublic())).isEqualTo(algorithm.label());
        assertThat(KeyAlgorithm.byLabel(algorithm.label())).contains(algorithm);
    }

    @Test
    void theLabelsAreTheOnesRequestsName() {
        assertThat(Arrays.stream(KeyAlgorithm.values()).map(KeyAlgorithm::label))
                .containsExactlyElementsOf(CertificateOptions.KEY_ALGORITHMS);
        assertThat(KeyAlgorithm.byLabel("EC_P384")).as("labels only, not enum names").isEmpty();
        assertThat(KeyAlgorithm.byLabel("ec-p384")).isEmpty();
    }

    @Test
    void p384SignsWithSha384AndTheOthersWithSha256() {
        assertThat(KeyAlgorithm.EC_P384.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
        assertThat(KeyAlgorithm.EC_P256.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(KeyAlgorithm.RSA_4096.signatureAlgorithm()).isEqualTo("SHA256withRSA");
    }

    @Test
    void aKeyOfAnotherSizeOrCurveIsRefused() throws Exception {
        var rsa1024 = KeyPairGenerator.getInstance("RSA");
        rsa1024.initialize(1024);
        var p521 = KeyPairGenerator.getInstance("EC");
        p521.initialize(new ECGenParameterSpec("secp521r1"));

        assertThatThrownBy(() -> KeyAlgorithm.of(rsa1024.generateKeyPair().getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> KeyAlgorithm.of(p521.generateKeyPair().getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("521");
    }
}
