package dev.sslplane.commandservice.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import org.bson.BsonBinary;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyVaultTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final MongoCollection<Document> collection = mongo.collection("ca_keys");
    private final MasterKey masterKey = randomKey(null);
    private final KeyVault vault = vaultWith(masterKey);

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void storedKeyRoundTripsAndIsReturnedExactly() throws Exception {
        byte[] pkcs8 = realPrivateKey();
        assertThat(vault.store("inst-1", "op-1", CERT, "EC-P256", pkcs8)).isTrue();

        CaKeyMaterial loaded = vault.load("inst-1", "op-1");
        assertThat(loaded.privateKeyPkcs8()).isEqualTo(pkcs8);
        assertThat(loaded.certificatePem()).isEqualTo(CERT);
        assertThat(vault.certificatePem("inst-1", "op-1")).contains(CERT);
        assertThat(loaded.toString()).doesNotContain(Arrays.toString(pkcs8));
    }

    @Test
    void storedDocumentContainsNoKeyBytes() throws Exception {
        byte[] pkcs8 = realPrivateKey();
        vault.store("inst-1", "op-1", CERT, "RSA-2048", pkcs8);

        RawBsonDocument raw = collection.withDocumentClass(RawBsonDocument.class).find().first();
        var buffer = raw.getByteBuffer();
        byte[] bson = new byte[buffer.remaining()];
        buffer.get(bson);
        assertThat(indexOf(bson, pkcs8)).as("PKCS#8 encoding in stored BSON").isEqualTo(-1);
        // Not even a 16-byte window of the key (e.g. the bare key bits inside the PKCS#8 structure).
        for (int offset = 0; offset + 16 <= pkcs8.length; offset += 16) {
            assertThat(indexOf(bson, Arrays.copyOfRange(pkcs8, offset, offset + 16)))
                    .as("key bytes at offset %d", offset).isEqualTo(-1);
        }
        Document sealed = sealed("inst-1|op-1");
        assertThat(sealed.getString("cipher")).isEqualTo("AES-256-GCM");
        assertThat(sealed.getString("keyId")).isEqualTo(masterKey.keyId());
        assertThat(sealed.get("nonce", Binary.class).getData()).hasSize(12);
        // Guard against a vacuous search: the ciphertext is really there and as long as key + GCM tag.
        byte[] ciphertext = sealed.get("ciphertext", Binary.class).getData();
        assertThat(ciphertext).hasSize(pkcs8.length + 16);
        assertThat(indexOf(bson, ciphertext)).as("the search finds what is stored").isPositive();
    }

    @Test
    void everyEntryGetsItsOwnNonce() {
        vault.store("inst-1", "op-1", CERT, "EC-P256", new byte[] {1, 2, 3});
        vault.store("inst-1", "op-2", CERT, "EC-P256", new byte[] {1, 2, 3});
        byte[] first = sealed("inst-1|op-1").get("nonce", Binary.class).getData();
        byte[] second = sealed("inst-1|op-2").get("nonce", Binary.class).getData();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void secondStoreForAnOperationKeepsTheFirstEntry() {
        assertThat(vault.store("inst-1", "op-1", CERT, "EC-P256", new byte[] {1})).isTrue();
        assertThat(vault.store("inst-1", "op-1", "other", "EC-P256", new byte[] {2})).isFalse();
        assertThat(vault.load("inst-1", "op-1").privateKeyPkcs8()).containsExactly(1);
        assertThat(collection.countDocuments()).isEqualTo(1);
    }

    @Test
    void tamperedCiphertextFailsWithCaKeyUnavailable() {
        vault.store("inst-1", "op-1", CERT, "EC-P256", new byte[] {1, 2, 3, 4});
        byte[] ciphertext = sealed("inst-1|op-1").get("ciphertext", Binary.class).getData();
        ciphertext[0] ^= 0x01;
        collection.updateOne(Filters.eq("_id", "inst-1|op-1"),
                Updates.set("sealedKey.ciphertext", new BsonBinary(ciphertext)));

        assertUnavailable(() -> vault.load("inst-1", "op-1"), "cannot be decrypted");
    }

    @Test
    void tamperedNonceFailsWithCaKeyUnavailable() {
        vault.store("inst-1", "op-1", CERT, "EC-P256", new byte[] {1, 2, 3, 4});
        collection.updateOne(Filters.eq("_id", "inst-1|op-1"),
                Updates.set("sealedKey.nonce", new BsonBinary(new byte[12])));
        assertUnavailable(() -> vault.load("inst-1", "op-1"), "cannot be decrypted");
    }

    @Test
    void wrongMasterKeyWithTheSameIdFailsWithCaKeyUnavailable() {
        KeyVault writer = vaultWith(randomKey("mk-prod"));
        writer.store("inst-1", "op-1", CERT, "EC-P256", new byte[] {1, 2, 3});
        KeyVault reader = vaultWith(randomKey("mk-prod"));
        assertUnavailable(() -> reader.load("inst-1", "op-1"), "cannot be decrypted");
    }

    @Test
    void entrySealedUnderAnUnknownMasterKeyFailsWithCaKeyUnavailable() {
        vault.store("inst-1", "op-1", CERT, "EC-P256", new byte[] {1, 2, 3});
        KeyVault otherKey = vaultWith(randomKey(null));
        assertUnavailable(() -> otherKey.load("inst-1", "op-1"), "not configured");
    }

    @Test
    void ciphertextMovedToAnotherEntryFailsWithCaKeyUnavailable() {
        vault.store("inst-1", "op-1", CERT, "EC-P256", new byte[] {1, 1, 1});
        vault.store("inst-2", "op-2", CERT, "EC-P256", new byte[] {2, 2, 2});
        Document stolen = sealed("inst-1|op-1");
        collection.updateOne(Filters.eq("_id", "inst-2|op-2"), Updates.set("sealedKey", stolen));

        assertUnavailable(() -> vault.load("inst-2", "op-2"), "cannot be decrypted");
        assertThat(vault.load("inst-1", "op-1").privateKeyPkcs8()).containsExactly(1, 1, 1);
    }

    @Test
    void missingEntryFailsWithCaKeyUnavailable() {
        assertUnavailable(() -> vault.load("inst-1", "never"), "no CA key");
        assertThat(vault.certificatePem("inst-1", "never")).isEmpty();
    }

    @Test
    void incompleteEntryFailsWithCaKeyUnavailable() {
        vault.store("inst-1", "op-1", CERT, "EC-P256", new byte[] {1});
        collection.updateOne(Filters.eq("_id", "inst-1|op-1"), Updates.unset("sealedKey.ciphertext"));
        assertUnavailable(() -> vault.load("inst-1", "op-1"), "cannot be decrypted");
        collection.updateOne(Filters.eq("_id", "inst-1|op-1"), Updates.set("sealedKey", "garbage"));
        assertUnavailable(() -> vault.load("inst-1", "op-1"), "cannot be decrypted");
    }

    @Test
    void unreachableDatabaseFailsWithCaKeyUnavailable() {
        vault.store("inst-1", "op-1", CERT, "EC-P256", new byte[] {1});
        mongo.stopServer();
        assertUnavailable(() -> vault.load("inst-1", "op-1"), "cannot be read");
        assertUnavailable(() -> vault.store("inst-1", "op-2", CERT, "EC-P256", new byte[] {1}), "could not store");
    }

    @Test
    void idsThatWouldMakeTheEntryIdAmbiguousAreRefused() {
        assertThatThrownBy(() -> vault.store("a|b", "c", CERT, "EC-P256", new byte[] {1}))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    private Document sealed(String id) {
        return collection.find(Filters.eq("_id", id)).first().get("sealedKey", Document.class);
    }

    private KeyVault vaultWith(MasterKey key) {
        return new KeyVault(collection, MasterKeys.of(key), RANDOM, Clock.systemUTC());
    }

    private static MasterKey randomKey(String id) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new MasterKey(id, bytes);
    }

    private static byte[] realPrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate().getEncoded();
    }

    private static void assertUnavailable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                                          String why) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CA_KEY_UNAVAILABLE);
            assertThat(e.getMessage()).contains(why);
        });
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
