package dev.sslplane.commandservice.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Master-key rotation over the real driver against mongo-java-server: before, during (mixed), after, resume. */
class MasterKeyRotationTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private static final int ENTRIES = 12;

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final MongoCollection<Document> collection = mongo.collection("ca_keys");
    private final byte[] oldBytes = randomBytes();
    private final byte[] newBytes = randomBytes();
    private final MasterKey oldKey = new MasterKey(null, oldBytes);
    private final MasterKey newKey = new MasterKey(null, newBytes);
    private final Map<String, byte[]> plaintexts = new HashMap<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void storeEntriesUnderTheOldKey() {
        KeyVault before = vault(MasterKeys.of(oldKey));
        for (int i = 0; i < ENTRIES; i++) {
            byte[] key = randomBytes();
            before.store("inst-" + i, "op-" + i, CERT, "EC-P256", key);
            plaintexts.put("inst-" + i, key);
        }
        logs.start();
        for (Class<?> type : List.of(KeyVault.class, MasterKeyRotation.class)) {
            ((Logger) LoggerFactory.getLogger(type)).addAppender(logs);
        }
    }

    @AfterEach
    void stop() {
        for (Class<?> type : List.of(KeyVault.class, MasterKeyRotation.class)) {
            ((Logger) LoggerFactory.getLogger(type)).detachAppender(logs);
        }
        mongo.close();
    }

    @Test
    void rotatesInBatchesEveryEntryStaysReadableAndTheOldKeyCanThenBeRemoved() throws Exception {
        MasterKeys during = new MasterKeys(newKey, List.of(oldKey));
        KeyVault vault = vault(during);
        assertAllReadable(vault);
        assertThat(keyIds()).containsOnly(oldKey.keyId());

        // a rotation interrupted after 5 entries: mixed state, everything readable with both keys configured
        var first = new MasterKeyRotation(vault).rotate(5);
        assertThat(first.reEncrypted()).isEqualTo(5);
        assertThat(first.remaining()).isEqualTo(ENTRIES - 5);
        assertThat(first.done()).isFalse();
        assertThat(keyIds()).containsOnly(oldKey.keyId(), newKey.keyId());
        assertAllReadable(vault);
        // new entries are sealed under the new key already
        vault.store("inst-new", "op-new", CERT, "EC-P256", new byte[] {9, 9});
        plaintexts.put("inst-new", new byte[] {9, 9});

        // resumed: only the rest is touched
        var second = new MasterKeyRotation(vault).rotate(0);
        assertThat(second.examined()).isEqualTo(ENTRIES - 5);
        assertThat(second.reEncrypted()).isEqualTo(ENTRIES - 5);
        assertThat(second.done()).isTrue();
        assertThat(second.currentKeyId()).isEqualTo(newKey.keyId());
        assertThat(keyIds()).containsOnly(newKey.keyId());

        // idempotent: a repeat does nothing
        var third = new MasterKeyRotation(vault).rotate(0);
        assertThat(third.examined()).isZero();
        assertThat(third.done()).isTrue();

        // the old key is removed from configuration: everything still opens
        assertAllReadable(vault(MasterKeys.of(newKey)));
        // and the old key alone no longer opens anything (the ciphertexts really changed)
        assertThatThrownBy(() -> vault(MasterKeys.of(oldKey)).load("inst-0", "op-0"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_KEY_UNAVAILABLE));

        // no key bytes in the answers or the logs
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        String answers = json.writeValueAsString(List.of(first, second, third));
        String logged = logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        assertThat(logged).contains("re-encrypted");
        for (String text : List.of(answers, logged)) {
            for (byte[] secret : List.of(oldBytes, newBytes)) {
                assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(secret))
                        .doesNotContain(java.util.HexFormat.of().formatHex(secret));
            }
        }
    }

    @Test
    void aCrashBetweenDecryptAndUpdateLeavesTheEntryUnderTheOldKeyAndARerunFinishes() {
        KeyVault vault = vault(new MasterKeys(newKey, List.of(oldKey)));
        // simulate a replica that re-encrypted half of the entries, then died: the rest is untouched
        new MasterKeyRotation(vault).rotate(ENTRIES / 2);
        // a second replica (same keys) runs concurrently with a third: conditional updates keep them apart
        var a = CompletableFuture.supplyAsync(() -> new MasterKeyRotation(vault(new MasterKeys(newKey,
                List.of(oldKey)))).rotate(0));
        var b = CompletableFuture.supplyAsync(() -> new MasterKeyRotation(vault(new MasterKeys(newKey,
                List.of(oldKey)))).rotate(0));
        var ra = a.join();
        var rb = b.join();
        assertThat(ra.reEncrypted() + rb.reEncrypted()).isEqualTo(ENTRIES - ENTRIES / 2);
        assertThat(ra.failedCount() + rb.failedCount()).isZero();
        assertThat(keyIds()).containsOnly(newKey.keyId());
        assertAllReadable(vault(MasterKeys.of(newKey)));
    }

    @Test
    void entriesNoConfiguredKeyOpensAreReportedNotLostAndNotDone() {
        collection.updateOne(Filters.eq("_id", "inst-3|op-3"), Updates.set("sealedKey.keyId", "mk-gone"));
        collection.updateOne(Filters.eq("_id", "inst-4|op-4"), Updates.set("sealedKey", "garbage"));
        KeyVault vault = vault(new MasterKeys(newKey, List.of(oldKey)));

        var result = new MasterKeyRotation(vault).rotate(0);

        assertThat(result.reEncrypted()).isEqualTo(ENTRIES - 2);
        assertThat(result.failedCount()).isEqualTo(2);
        assertThat(result.failed()).extracting(MasterKeyRotation.Failure::entryId)
                .containsExactlyInAnyOrder("inst-3|op-3", "inst-4|op-4");
        assertThat(result.failed().get(0).reason()).contains("mk-gone");
        assertThat(result.remaining()).isEqualTo(2);
        assertThat(result.done()).isFalse();
        assertThat(collection.find(Filters.eq("_id", "inst-3|op-3")).first().get("sealedKey", Document.class)
                .getString("keyId")).isEqualTo("mk-gone");
    }

    @Test
    void twoDifferentKeysUnderOneIdAreRefused() {
        assertThatThrownBy(() -> new MasterKeys(new MasterKey("mk-1", oldBytes),
                List.of(new MasterKey("mk-1", newBytes))))
                .isInstanceOf(MasterKeyLoader.MasterKeyMissingException.class)
                .hasMessageContaining("mk-1")
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(oldBytes));
        // the same key twice (e.g. next == master by mistake) is harmless
        assertThat(new MasterKeys(oldKey, List.of(new MasterKey(null, oldBytes))).keyIds())
                .containsExactly(oldKey.keyId());
    }

    private void assertAllReadable(KeyVault vault) {
        plaintexts.forEach((instance, key) -> {
            String op = instance.replace("inst-", "op-");
            assertThat(vault.load(instance, op).privateKeyPkcs8()).as(instance).isEqualTo(key);
        });
    }

    private Set<String> keyIds() {
        List<String> ids = new ArrayList<>();
        collection.find().forEach(d -> ids.add(d.get("sealedKey", Document.class).getString("keyId")));
        return Set.copyOf(ids);
    }

    private KeyVault vault(MasterKeys keys) {
        return new KeyVault(collection, keys, RANDOM, Clock.systemUTC());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
