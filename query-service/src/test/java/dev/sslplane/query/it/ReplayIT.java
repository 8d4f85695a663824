package dev.sslplane.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.query.support.Lifecycle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rebuild from the start of the topic equals the live read models and takes over without a pause in answers. */
class ReplayIT extends QueryServiceITBase {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    private JsonNode json(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody();
    }

    private void awaitSequence(String instanceId, long sequence) {
        await().atMost(WAIT).untilAsserted(() -> {
            var result = http.get().uri("/api/v1/instances/{id}/ssl", instanceId).exchange()
                    .expectBody(JsonNode.class).returnResult();
            assertThat(result.getStatus().value()).isEqualTo(200);
            assertThat(result.getResponseBody().get("lastSequence").asLong()).isEqualTo(sequence);
        });
    }

    @Test
    void aRebuildEqualsTheLiveReadModelsAndSwitchesOver() {
        List<Lifecycle> lives = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = unique("rs-replay" + i);
            var life = new Lifecycle(id, T0.plusSeconds(i), 3).register();
            CertificateInfo first = life.newCa();
            String op1 = "op-" + id + "-1";
            life.enable(op1, first).nodeStarted(op1, "rs0-1", 1).fail(op1, OperationKind.ENABLE, "rs0-1")
                    .retry(op1, OperationKind.ENABLE, first, 2).restartAll(op1, 2)
                    .complete(op1, OperationKind.ENABLE);
            if (i % 2 == 0) {
                life.rotate("op-" + id + "-2", life.newCa(), first.serial()).nodeStarted("op-" + id + "-2",
                        "rs0-0", 1);
            }
            if (i == 2) {
                // aborted after its first node, then rolled back
                String rotate = "op-" + id + "-2";
                life.nodeRestarted(rotate, "rs0-0").abortRequested(rotate, OperationKind.ROTATE)
                        .aborted(rotate, OperationKind.ROTATE, "RUNNING", true, SslStatus.ENABLED, TlsMode.PREFER,
                                first)
                        .rollBack("op-" + id + "-3", rotate, OperationKind.ROTATE, 1, TlsMode.PREFER, first)
                        .restartAll("op-" + id + "-3", 1).complete("op-" + id + "-3", OperationKind.ROLLBACK);
            }
            publish(life);
            lives.add(life);
        }
        lives.forEach(l -> awaitSequence(l.instanceId, l.nextSequence() - 1));

        JsonNode liveDigests = json("/api/v1/admin/digests");
        int generation = json("/api/v1/admin/replay").get("activeGeneration").asInt();

        JsonNode started = http.post().uri("/api/v1/admin/replay").exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueEquals("Location", "/api/v1/admin/replay")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(started.get("state").asText()).isEqualTo("REBUILDING");
        assertThat(started.get("targetGeneration").asInt()).isEqualTo(generation + 1);
        // queries are answered while the rebuild runs (or after it switched)
        assertThat(json("/api/v1/instances/" + lives.get(0).instanceId + "/ssl").get("sslStatus").asText())
                .isEqualTo("ENABLED");

        await().atMost(WAIT).until(() -> !"REBUILDING".equals(json("/api/v1/admin/replay").get("state").asText())
                && !"CATCHING_UP".equals(json("/api/v1/admin/replay").get("state").asText()));
        JsonNode outcome = json("/api/v1/admin/replay");
        assertThat(outcome.get("state").asText()).isEqualTo("SWITCHED");
        assertThat(outcome.get("activeGeneration").asInt()).isEqualTo(generation + 1);
        assertThat(outcome.get("eventsRead").asLong()).isGreaterThanOrEqualTo(
                lives.stream().mapToLong(l -> l.events().size()).sum());
        assertThat(outcome.get("digestsMatch").asBoolean()).isTrue();
        assertThat(outcome.get("rebuiltDigests")).isEqualTo(outcome.get("liveDigests"));
        assertThat(outcome.get("rebuiltDigests")).isEqualTo(liveDigests);
        assertThat(json("/api/v1/admin/digests")).isEqualTo(liveDigests);

        // the live projection carries on in the new generation
        Lifecycle life = lives.get(1);
        int from = life.events().size();
        life.disable("op-" + life.instanceId + "-3", "irrelevant");
        publish(life.events().subList(from, life.events().size()));
        awaitSequence(life.instanceId, life.nextSequence() - 1);
        assertThat(json("/api/v1/instances/" + life.instanceId + "/ssl").get("sslStatus").asText())
                .isEqualTo("DISABLED");
    }
}
