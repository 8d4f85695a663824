package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sslplane.commandservice.vault.KeyVault;
import dev.sslplane.contracts.messaging.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The CA private key of an operation never leaves the vault: not on ssl.events, not in the event store, not in
 * an API answer, not in the log. Searched for as PEM marker and as the key's own PKCS#8 bytes (whole, a PEM line,
 * hex).
 */
@ExtendWith(OutputCaptureExtension.class)
class NoPrivateKeyMaterialIT extends IntegrationTestBase {

    @Autowired
    KeyVault vault;

    @Test
    void caPrivateKeysAppearNowhereOutsideTheVault(CapturedOutput output) {
        String id = newInstanceId();
        List<String> answers = new ArrayList<>();
        answers.add(post("/api/v1/instances", registration(id)).body());
        var enabled = post("/api/v1/instances/" + id + "/ssl:enable", null);
        answers.add(enabled.body());
        String op = json(enabled).get("operationId").asText();
        answers.add(post("/api/v1/instances/" + id + "/ssl:enable", null).body());
        answers.add(get("/api/v1/admin/republish").body());
        answers.add(get("/actuator/health").body());

        byte[] der = vault.load(id, op).privateKeyPkcs8();
        assertThat(der.length).isGreaterThan(66);
        List<String> needles = List.of(
                "PRIVATE KEY",
                base64(der),
                base64(Arrays.copyOfRange(der, 48, 66)), // the start of a PEM body's second line
                HexFormat.of().formatHex(der, der.length - 32, der.length));

        List<String> published = new ArrayList<>();
        try (var events = new KafkaTopicReader(brokers(), Topics.EVENTS)) {
            await().atMost(WAIT).until(() -> events.recordsWithKey(id).size() == 2);
            events.records(r -> true).forEach(r -> published.add(r.value() == null ? ""
                    : new String(r.value(), StandardCharsets.UTF_8)));
        }
        List<String> stored = new ArrayList<>();
        for (String collection : List.of("domainevents", "idempotency_keys", "command_results", "trackingtokens")) {
            database.getCollection(collection).find().forEach((Document d) -> stored.add(d.toJson()));
        }
        assertThat(stored).anySatisfy(d -> assertThat(d).contains(id));

        for (String needle : needles) {
            assertThat(published).as("ssl.events").noneMatch(v -> v.contains(needle));
            assertThat(stored).as("event store and service collections").noneMatch(d -> d.contains(needle));
            assertThat(answers).as("API answers").noneMatch(a -> a.contains(needle));
            assertThat(output.getAll()).as("log").doesNotContain(needle);
        }
        assertThat(published).anySatisfy(v -> assertThat(v).contains("BEGIN CERTIFICATE"));
    }
}
