package dev.sslplane.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.query.support.Lifecycle;
import dev.sslplane.testsupport.TestCa;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * Abort and rollback through the real topic and API: a rotation aborted while it waits for clients, then rolled
 * back; the live stream of an operation aborted while running.
 */
class AbortRollbackApiIT extends QueryServiceITBase {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void theAbortedRotationRequiresItsRollbackWhichBringsThePreviousCaBack() throws Exception {
        String id = unique("rs-abort");
        CertificateInfo first = new TestCa("sslplane CA " + id).info();
        CertificateInfo second = new TestCa("sslplane CA " + id).info();
        String enable = "op-" + id + "-1";
        String rotate = "op-" + id + "-2";
        String rollback = "op-" + id + "-3";
        var life = new Lifecycle(id, T0, 2).register();
        life.enable(enable, first).restartAll(enable, 1).complete(enable, OperationKind.ENABLE);
        life.rotate(rotate, second, first.serial(), true).restartAll(rotate, 1).awaitClients(rotate);
        life.aborted(rotate, OperationKind.ROTATE, "WAITING_FOR_CLIENTS", true, SslStatus.ENABLED, TlsMode.PREFER,
                first);
        publish(life);
        awaitStatus(id, life.nextSequence() - 1);

        JsonNode status = json("/api/v1/instances/" + id + "/ssl");
        assertThat(status.at("/operation/state").asText()).isEqualTo("ABORTED");
        JsonNode required = status.get("rollbackRequired");
        assertThat(required.get("operationId").asText()).isEqualTo(rotate);
        assertThat(required.get("kind").asText()).isEqualTo("ROTATE");
        assertThat(required.get("abortedBy").asText()).isEqualTo("user:frank");
        assertThat(required.get("href").asText()).endsWith("/operations/" + rotate);
        assertThat(required.at("/restores/sslStatus").asText()).isEqualTo("ENABLED");
        assertThat(required.at("/restores/tlsMode").asText()).isEqualTo("PREFER");
        assertThat(required.at("/restores/caSerial").asText()).isEqualTo(first.serial());
        assertThat(required.get("rollbackOperationId").isNull()).isTrue();
        assertThat(required.get("nodes")).hasSize(2).allSatisfy(node -> {
            assertThat(node.get("mode").asText()).isEqualTo("PREFER");
            assertThat(node.get("trustedCaSerials")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder(first.serial(), second.serial());
            assertThat(node.get("settled").asBoolean()).isTrue();
            assertThat(node.has("certificateCaSerial")).isTrue();
        });
        assertThat(status.get("caBundleHref").asText()).as("members present either CA's certificates")
                .endsWith("/ssl/ca-bundle.pem");

        JsonNode aborted = json("/api/v1/instances/" + id + "/operations/" + rotate);
        assertThat(aborted.get("state").asText()).isEqualTo("ABORTED");
        assertThat(aborted.get("estimatedRemainingMillis").isNull()).isTrue();
        assertThat(aborted.at("/abort/abortedBy").asText()).isEqualTo("user:frank");
        assertThat(aborted.at("/abort/stateBefore").asText()).isEqualTo("WAITING_FOR_CLIENTS");
        assertThat(aborted.at("/abort/rollbackRequired").asBoolean()).isTrue();
        assertThat(aborted.at("/abort/nodes")).hasSize(2);
        assertThat(aborted.get("rollsBack").isNull()).isTrue();
        assertThat(aborted.at("/abort/nodesObservedAt").isNull()).as("computed until read back").isTrue();

        // the worker read the nodes back (one did not answer): the operation and the status show what it saw
        int observedFrom = life.events().size();
        Instant observedAt = Instant.parse("2026-11-28T11:00:00Z");
        life.emit(new NodeTlsStatesObservedEvent(id, rotate, observedAt, life.nodeStates(),
                java.util.Map.of("rs0-1", "node rs0-1 does not answer"), true, SslStatus.ENABLED, TlsMode.PREFER,
                first), "system:restart-worker");
        publish(life.events().subList(observedFrom, life.events().size()));
        awaitStatus(id, life.nextSequence() - 1);
        JsonNode observed = json("/api/v1/instances/" + id + "/operations/" + rotate);
        assertThat(observed.at("/abort/nodesObservedAt").asText()).isEqualTo(observedAt.toString());
        assertThat(observed.at("/abort/unreadNodes/rs0-1").asText()).isEqualTo("node rs0-1 does not answer");
        assertThat(json("/api/v1/instances/" + id + "/ssl").at("/rollbackRequired/nodes")).hasSize(2);

        int from = life.events().size();
        life.rollBack(rollback, rotate, OperationKind.ROTATE, 2, TlsMode.PREFER, first);
        publish(life.events().subList(from, life.events().size()));
        awaitStatus(id, life.nextSequence() - 1);
        JsonNode running = json("/api/v1/instances/" + id + "/operations/" + rollback);
        assertThat(running.get("kind").asText()).isEqualTo("ROLLBACK");
        assertThat(running.get("state").asText()).isEqualTo("RUNNING");
        assertThat(running.at("/rollsBack/operationId").asText()).isEqualTo(rotate);
        assertThat(running.at("/rollsBack/kind").asText()).isEqualTo("ROTATE");
        assertThat(running.get("passes")).extracting(p -> p.get("name").asText())
                .containsExactly("PREVIOUS_CA_CERTIFICATES", "PREVIOUS_CA_ONLY");
        assertThat(json("/api/v1/instances/" + id + "/operations/" + rotate).at("/abort/rollbackOperationId")
                .asText()).isEqualTo(rollback);
        assertThat(json("/api/v1/instances/" + id + "/ssl").at("/rollbackRequired/rollbackOperationId").asText())
                .isEqualTo(rollback);

        from = life.events().size();
        life.restartAll(rollback, 1).complete(rollback, OperationKind.ROLLBACK);
        publish(life.events().subList(from, life.events().size()));
        awaitStatus(id, life.nextSequence() - 1);

        JsonNode after = json("/api/v1/instances/" + id + "/ssl");
        assertThat(after.get("rollbackRequired").isNull()).isTrue();
        assertThat(after.at("/operation/state").asText()).isEqualTo("COMPLETED");
        assertThat(after.at("/currentCa/serial").asText()).isEqualTo(first.serial());
        assertThat(after.get("caBundleHref").isNull()).isTrue();
        byte[] pem = http.get().uri("/api/v1/instances/{id}/ssl/ca.pem", id).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"" + first.sha256Fingerprint() + "\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)))
                .hasSize(1);
        JsonNode history = json("/api/v1/instances/" + id + "/ssl/certificates");
        assertThat(history).filteredOn(c -> c.get("serial").asText().equals(first.serial())).singleElement()
                .satisfies(c -> {
                    assertThat(c.get("current").asBoolean()).isTrue();
                    assertThat(c.get("retiredAt").isNull()).isTrue();
                });
        assertThat(history).filteredOn(c -> c.get("serial").asText().equals(second.serial())).singleElement()
                .satisfies(c -> {
                    assertThat(c.get("current").asBoolean()).isFalse();
                    assertThat(c.get("retiredByOperation").asText()).isEqualTo(rollback);
                });
        JsonNode audit = json("/api/v1/audit?instanceId=" + id + "&actor=user:frank");
        assertThat(audit.get("items")).extracting(a -> a.get("type").asText())
                .containsExactlyInAnyOrderElementsOf(List.of("OperationAborted", "OperationRollingBack"));
    }

    @Test
    void theStreamOfAnAbortedOperationGoesOnWhileAbortingAndEndsWithAborted() {
        String id = unique("rs-abort-sse");
        String op = "op-" + id;
        var life = new Lifecycle(id, T0, 2).register().enable(op, new TestCa("sslplane CA " + id).info());
        life.nodeStarted(op, "rs0-0", 1);
        publish(life);
        awaitStatus(id, life.nextSequence() - 1);

        List<JsonNode> received = new CopyOnWriteArrayList<>();
        AtomicBoolean ended = new AtomicBoolean();
        Disposable subscription = WebClient.builder().baseUrl(baseUrl())
                .defaultHeader("Authorization", "Bearer " + ADMIN_TOKEN).build().get()
                .uri("/api/v1/instances/{id}/operations/{op}/stream", id, op)
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() { })
                .doOnComplete(() -> ended.set(true))
                .subscribe(e -> received.add(e.data()));
        try {
            await().atMost(WAIT).until(() -> !received.isEmpty());
            int from = life.events().size();
            life.abortRequested(op, OperationKind.ENABLE);
            publish(life.events().subList(from, life.events().size()));
            await().atMost(WAIT).until(() -> state(received).equals("ABORTING"));
            assertThat(received.get(received.size() - 1).at("/abort/requestedBy").asText()).isEqualTo("user:frank");
            assertThat(ended).as("the node in progress still finishes").isFalse();

            from = life.events().size();
            life.nodeRestarted(op, "rs0-0").aborted(op, OperationKind.ENABLE, "RUNNING", true, SslStatus.DISABLED,
                    TlsMode.DISABLED, null);
            publish(life.events().subList(from, life.events().size()));
            await().atMost(WAIT).untilTrue(ended);
            assertThat(state(received)).isEqualTo("ABORTED");
            assertThat(received.get(received.size() - 1).at("/abort/stateBefore").asText()).isEqualTo("RUNNING");
        } finally {
            subscription.dispose();
        }
    }

    private static String state(List<JsonNode> received) {
        return received.isEmpty() ? "" : received.get(received.size() - 1).get("state").asText();
    }

    private JsonNode json(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private void awaitStatus(String instanceId, long lastSequence) {
        await().atMost(WAIT).untilAsserted(() -> {
            var result = http.get().uri("/api/v1/instances/{id}/ssl", instanceId).exchange()
                    .expectBody(JsonNode.class).returnResult();
            assertThat(result.getStatus().value()).isEqualTo(200);
            assertThat(result.getResponseBody().get("lastSequence").asLong()).isEqualTo(lastSequence);
        });
    }
}
