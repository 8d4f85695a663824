package dev.sslplane.fleet.pki;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemTest {

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC"})
    void aNodeKeyReadsBackAsWritten(String algorithm) {
        var keyPair = NodeKeys.generate(algorithm);

        String pem = Pem.write(keyPair.getPrivate());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Pem.readPrivateKey(pem)).isEqualTo(keyPair.getPrivate());
    }
}
