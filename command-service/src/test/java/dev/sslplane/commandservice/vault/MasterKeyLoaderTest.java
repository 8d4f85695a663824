package dev.sslplane.commandservice.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MasterKeyLoaderTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void readsTheBase64KeyFromConfiguration() {
        byte[] key = randomKey();
        MasterKey loaded = MasterKeyLoader.load(props(Base64.getEncoder().encodeToString(key), null, "mk-1", null),
                false, RANDOM);
        assertThat(loaded.keyId()).isEqualTo("mk-1");
        assertThat(loaded.secretKey().getEncoded()).isEqualTo(key);
    }

    @Test
    void readsTheKeyFromAFileAndDerivesAStableIdThatIsNotTheKey() throws Exception {
        byte[] key = randomKey();
        Path file = dir.resolve("master.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");

        MasterKey first = MasterKeyLoader.load(props(null, file, null, null), false, RANDOM);
        MasterKey second = MasterKeyLoader.load(props(null, file, "", null), false, RANDOM);
        assertThat(first.secretKey().getEncoded()).isEqualTo(key);
        assertThat(first.keyId()).isEqualTo(second.keyId()).startsWith("mk-")
                .doesNotContain(Base64.getEncoder().encodeToString(key));
    }

    @Test
    void refusesToStartWithoutAKeyOutsideTheLocalProfile() {
        assertThatThrownBy(() -> MasterKeyLoader.load(props(null, null, null, dir.resolve("local.key")), false,
                RANDOM))
                .isInstanceOf(MasterKeyLoader.MasterKeyMissingException.class)
                .hasMessageContaining("SSLPLANE_VAULT_MASTER_KEY")
                .hasMessageContaining("will not start");
        assertThat(dir.resolve("local.key")).doesNotExist();
    }

    @Test
    void refusesAConfiguredFileThatDoesNotExistOutsideTheLocalProfile() {
        Path missing = dir.resolve("nope.key");
        assertThatThrownBy(() -> MasterKeyLoader.load(props(null, missing, null, null), false, RANDOM))
                .isInstanceOf(MasterKeyMissingException())
                .hasMessageContaining(missing.toString());
    }

    @Test
    void refusesKeysOfTheWrongLengthOrEncodingWithoutEchoingThem() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKeyLoader.load(props(shortKey, null, null, null), false, RANDOM))
                .isInstanceOf(MasterKeyMissingException()).hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> MasterKeyLoader.load(props("not base64 !!", null, null, null), false, RANDOM))
                .isInstanceOf(MasterKeyMissingException()).hasMessageContaining("not valid base64")
                .hasMessageNotContaining("not base64 !!");
    }

    @Test
    void localProfileGeneratesAKeyFileOnceAndLogsWhereButNotTheKey() throws Exception {
        Path file = dir.resolve("sub/vault-master.key");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(MasterKeyLoader.class);
        logger.addAppender(logs);
        try {
            MasterKey generated = MasterKeyLoader.load(props(null, null, null, file), true, RANDOM);
            MasterKey reread = MasterKeyLoader.load(props(null, null, null, file), true, RANDOM);

            assertThat(reread.secretKey().getEncoded()).isEqualTo(generated.secretKey().getEncoded());
            assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            String encoded = Base64.getEncoder().encodeToString(generated.secretKey().getEncoded());
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains(file.toAbsolutePath().toString()).contains("Generated"));
            assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(encoded));
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void localProfileUsesAConfiguredKeyWhenThereIsOne() {
        byte[] key = randomKey();
        Path local = dir.resolve("local.key");
        MasterKey loaded = MasterKeyLoader.load(props(Base64.getEncoder().encodeToString(key), null, null, local),
                true, RANDOM);
        assertThat(loaded.secretKey().getEncoded()).isEqualTo(key);
        assertThat(local).doesNotExist();
    }

    private static Class<MasterKeyLoader.MasterKeyMissingException> MasterKeyMissingException() {
        return MasterKeyLoader.MasterKeyMissingException.class;
    }

    private static VaultProperties props(String key, Path file, String id, Path localFile) {
        return new VaultProperties(key, file, id, localFile, null, "ca_keys");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
