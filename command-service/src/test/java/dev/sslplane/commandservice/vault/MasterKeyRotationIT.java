package dev.sslplane.commandservice.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import dev.sslplane.commandservice.it.IntegrationTestBase;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /api/v1/admin/vault:rotate-master-key} on the whole service, configured mid-rotation
 * ({@code master-key} = old, {@code next-master-key} = new, see {@link IntegrationTestBase}).
 */
class MasterKeyRotationIT extends IntegrationTestBase {

    private static final String PATH = "/api/v1/admin/vault:rotate-master-key";

    @Autowired
    KeyVault serviceVault;
    @Autowired
    MongoClient mongoClient;

    @Test
    void rotatesEntriesSealedUnderTheOldKeyResumablyAndTheOldKeyCanThenBeRemoved() {
        MasterKey oldKey = new MasterKey(null, Base64.getDecoder().decode(MASTER_KEY));
        MasterKey newKey = new MasterKey(null, Base64.getDecoder().decode(NEXT_MASTER_KEY));
        var collection = mongoClient.getDatabase("sslplane_vault").getCollection("ca_keys", Document.class);
        KeyVault oldOnly = new KeyVault(collection, MasterKeys.of(oldKey), new SecureRandom(), Clock.systemUTC());
        // Entries written before the rotation was configured (old key), and one by the service now (new key).
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String instance = "rot-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            byte[] key = new byte[] {(byte) i, 42};
            oldOnly.store(instance, "op-" + i, "-----BEGIN CERTIFICATE-----\n", "EC-P256", key);
            keys.put("op-" + i, key);
        }
        serviceVault.store(instance, "op-new", "-----BEGIN CERTIFICATE-----\n", "EC-P256", new byte[] {7});
        keys.put("op-new", new byte[] {7});
        keys.forEach((op, key) -> assertThat(serviceVault.load(instance, op).privateKeyPkcs8()).isEqualTo(key));

        var partial = post(PATH + "?limit=1", null);
        assertThat(partial.statusCode()).as(partial.body()).isEqualTo(200);
        assertThat(json(partial).get("reEncrypted").asInt()).isEqualTo(1);
        assertThat(json(partial).get("done").asBoolean()).isFalse();
        assertThat(json(partial).get("currentKeyId").asText()).isEqualTo(newKey.keyId());
        // mixed: some entries under each key, all readable
        keys.forEach((op, key) -> assertThat(serviceVault.load(instance, op).privateKeyPkcs8()).isEqualTo(key));

        var rest = post(PATH, null);
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
        assertThat(json(rest).get("done").asBoolean()).isTrue();
        assertThat(json(rest).get("remaining").asLong()).isZero();
        assertThat(json(post(PATH, null)).get("examined").asInt()).as("idempotent").isZero();

        // the old key removed from the configuration: everything opens with the new key alone
        KeyVault newOnly = new KeyVault(collection, MasterKeys.of(newKey), new SecureRandom(), Clock.systemUTC());
        keys.forEach((op, key) -> assertThat(newOnly.load(instance, op).privateKeyPkcs8()).isEqualTo(key));

        for (String body : new String[] {partial.body(), rest.body()}) {
            assertThat(body).doesNotContain(MASTER_KEY).doesNotContain(NEXT_MASTER_KEY)
                    .contains(oldKey.keyId());
        }
    }

    @Test
    void aBadLimitIsAProblemDocument() {
        for (String limit : new String[] {"0", "-1", "abc", "99999999999", "1%2F..", "%E2%80%AE1"}) {
            var answer = post(PATH + "?limit=" + limit, null);
            assertThat(answer.statusCode()).as(limit).isEqualTo(400);
            assertThat(json(answer).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
    }
}
