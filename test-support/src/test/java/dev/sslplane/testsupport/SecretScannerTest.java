package dev.sslplane.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The scanner the acceptance test relies on finds each kind of secret however it leaked, and nothing else. */
class SecretScannerTest {

    private static final String TOKEN = "sslp_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(
            "32 bytes of vault master key ok!".getBytes(StandardCharsets.US_ASCII));

    @Test
    void findsTokensInTextAndInBytes() {
        var scanner = new SecretScanner().text("operator token", TOKEN);
        scanner.scan("log", "2026-01-01 INFO calling with Authorization: Bearer " + TOKEN + "\n");
        scanner.scan("record", ("{\"h\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8));
        scanner.scan("clean", "2026-01-01 INFO nothing to see, token:local-operator did it");
        assertThat(scanner.findings()).containsExactly(
                new SecretScanner.Finding("log", "operator token"),
                new SecretScanner.Finding("record", "operator token"));
        assertThat(scanner.scanned()).isEqualTo(3);
    }

    @Test
    void findsAMasterKeyAsTextAndAsTheRawBytesItEncodes() {
        var scanner = new SecretScanner().base64("vault master key", MASTER_KEY);
        byte[] bson = new byte[64];
        System.arraycopy(Base64.getDecoder().decode(MASTER_KEY), 0, bson, 16, 32);
        scanner.scan("document", bson);
        scanner.scan("env dump", "SSLPLANE_VAULT_MASTER_KEY=" + MASTER_KEY);
        assertThat(scanner.findings()).extracting(SecretScanner.Finding::where)
                .containsExactly("document", "env dump");
    }

    @Test
    void findsAPrivateKeyByItsMarkerOrByItsBodyHoweverItIsWrapped() throws Exception {
        var key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        var scanner = new SecretScanner();
        assertThat(scanner.privateKeysIn("node key", "garbage\n" + pem)).isEqualTo(1);

        scanner.scan("pem in a log", "loaded " + pem);
        String flat = Base64.getEncoder().encodeToString(key.getEncoded());
        scanner.scan("body without marker, one line", "{\"key\":\"" + flat + "\"}");
        scanner.scan("body re-wrapped at 76", Base64.getMimeEncoder().encodeToString(key.getEncoded()));
        scanner.scan("DER bytes", key.getEncoded());
        scanner.scan("certificate only", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        assertThat(scanner.findings()).extracting(SecretScanner.Finding::where).contains("pem in a log",
                "body without marker, one line", "body re-wrapped at 76", "DER bytes")
                .doesNotContain("certificate only");
    }

    @Test
    void refusesSecretsTooShortToSearchFor() {
        assertThatThrownBy(() -> new SecretScanner().text("short", "abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
