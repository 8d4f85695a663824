package dev.sslplane.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.query.support.Lifecycle;
import dev.sslplane.testsupport.TestCa;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/** Events on the real topic, answers from the real API. */
class QueryApiIT extends QueryServiceITBase {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private JsonNode json(String uri, int status) {
        return http.get().uri(uri).exchange().expectStatus().isEqualTo(status)
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

    @Test
    void eventsOnTheTopicAreAnsweredByTheApi() {
        String id = unique("rs-api");
        var life = new Lifecycle(id, T0, 3).register();
        CertificateInfo first = life.newCa();
        CertificateInfo second = life.newCa();
        List<CertificateInfo> leaves = new ArrayList<>();
        life.enable("op-" + id + "-1", first).nodeCertificateIssued("op-" + id + "-1", "rs0-1", 397, leaves::add)
                .restartAll("op-" + id + "-1", 1)
                .complete("op-" + id + "-1", OperationKind.ENABLE)
                .rotate("op-" + id + "-2", second, first.serial()).nodeStarted("op-" + id + "-2", "rs0-1", 1)
                .nodeCertificateIssued("op-" + id + "-2", "rs0-1", 10, leaves::add);
        publish(life);
        awaitStatus(id, life.nextSequence() - 1);

        JsonNode status = json("/api/v1/instances/" + id + "/ssl", 200);
        assertThat(status.get("sslStatus").asText()).isEqualTo("ENABLED");
        assertThat(status.get("currentCa").get("serial").asText()).isEqualTo(second.serial());
        assertThat(status.get("currentCa").get("href").asText()).endsWith("/ssl/ca.pem");
        assertThat(status.get("operation").get("state").asText()).isEqualTo("RUNNING");
        assertThat(status.get("operation").get("kind").asText()).isEqualTo("ROTATE");
        assertThat(status.get("nodes")).hasSize(3);
        assertThat(status.get("stale").asBoolean()).isFalse();
        assertThat(status.at("/currentCa/expiry").asText()).isEqualTo("OK");
        assertThat(status.at("/currentCa/daysLeft").asLong()).isBetween(300L, 365L);
        JsonNode leaf = status.at("/nodes/1/certificate");
        assertThat(leaf.get("serial").asText()).isEqualTo(leaves.get(1).serial());
        assertThat(leaf.get("issuerSerial").asText()).isEqualTo(second.serial());
        assertThat(leaf.get("notAfter").asText()).isEqualTo(leaves.get(1).notAfter().toString());
        assertThat(leaf.get("expiry").asText()).as("10 days left").isEqualTo("RENEW_SOON");
        assertThat(status.at("/nodes/0/certificate").isNull()).as("not signed yet").isTrue();

        JsonNode nodeHistory = json("/api/v1/instances/" + id + "/ssl/nodes/rs0-1/certificates", 200);
        assertThat(nodeHistory).extracting(c -> c.get("serial").asText() + ":" + c.get("current").asBoolean())
                .containsExactly(leaves.get(1).serial() + ":true", leaves.get(0).serial() + ":false");
        assertThat(nodeHistory.get(1).get("retiredByOperation").asText()).isEqualTo("op-" + id + "-2");
        assertThat(nodeHistory.get(0).get("pem").asText()).doesNotContain("PRIVATE");
        // the expiry gauges follow the read model, for Prometheus and the shipped alert rules
        await().atMost(WAIT).untilAsserted(() -> assertThat(http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("sslplane_certificate_expiry_state{instance_id=\"" + id
                        + "\",kind=\"node\",node=\"rs0-1\",state=\"RENEW_SOON\"} 1")
                .contains("sslplane_certificate_expiry_state{instance_id=\"" + id
                        + "\",kind=\"ca\",node=\"\",state=\"OK\"} 1"));

        JsonNode history = json("/api/v1/instances/" + id + "/ssl/certificates", 200);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("serial").asText()).isEqualTo(second.serial());
        assertThat(history.get(0).get("current").asBoolean()).isTrue();
        assertThat(history.get(1).get("retiredByOperation").asText()).isEqualTo("op-" + id + "-2");

        JsonNode done = json("/api/v1/instances/" + id + "/operations/op-" + id + "-1", 200);
        assertThat(done.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("estimatedRemainingMillis").asLong()).isZero();
        assertThat(done.get("nodes")).allSatisfy(n -> {
            assertThat(n.get("state").asText()).isEqualTo("RESTARTED");
            assertThat(n.get("steps").get(0).get("durationMillis").asLong()).isEqualTo(30_000);
        });
        assertThat(done.get("nodesDone").asInt()).as("steps: 2 passes x 3 nodes").isEqualTo(6);
        assertThat(done.get("passes")).extracting(p -> p.get("name").asText() + ":" + p.get("state").asText())
                .containsExactly("ALLOW_TLS:DONE", "PREFER_TLS:DONE");
        JsonNode running = json("/api/v1/instances/" + id + "/operations/op-" + id + "-2", 200);
        assertThat(running.get("nodesDone").asInt()).isZero();
        assertThat(running.get("nodesTotal").asInt()).as("3 passes x 3 nodes").isEqualTo(9);
        assertThat(running.get("currentPass").asInt()).isEqualTo(1);
        assertThat(running.get("phase").asText()).isEqualTo("CA_BUNDLE");
        assertThat(running.at("/passes/0/steps/1/state").asText()).isEqualTo("RUNNING");
        assertThat(running.at("/passes/0/steps/1/role").asText()).isEqualTo("SECONDARY");
        // nothing measured in this operation: eight steps left at the assumed 30 s each, less what the running
        // one has already taken (started long ago by this clock)
        assertThat(running.get("estimatedRemainingMillis").asLong()).isBetween(240_000L, 270_000L);

        // the instance list, paged with a cursor, contains it under its status filter only
        assertThat(allInstanceIds("ENABLED")).contains(id);
        assertThat(allInstanceIds("DISABLED")).doesNotContain(id);

        // audit: filters, stable pages newest first, NDJSON export oldest first
        JsonNode enabled = json("/api/v1/audit?instanceId=" + id + "&type=SslEnabled", 200);
        assertThat(enabled.get("items")).hasSize(1);
        JsonNode byBob = json("/api/v1/audit?instanceId=" + id + "&actor=user:bob", 200);
        assertThat(byBob.get("items")).singleElement()
                .satisfies(e -> assertThat(e.get("type").asText()).isEqualTo("CertificateRotated"));
        JsonNode firstMinute = json("/api/v1/audit?instanceId=" + id + "&from=2026-11-28T10:00:00Z"
                + "&to=2026-11-28T10:00:02Z", 200);
        assertThat(firstMinute.get("items")).hasSize(2);

        List<Long> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json("/api/v1/audit?instanceId=" + id + "&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor), 200);
            page.get("items").forEach(e -> paged.add(e.get("sequence").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(paged).hasSize(life.events().size()).doesNotHaveDuplicates();
        assertThat(paged).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        String ndjson = http.get().uri("/api/v1/audit/export?instanceId=" + id)
                .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = ndjson.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(life.events().size());
        assertThat(lines.get(0)).contains("\"type\":\"InstanceRegistered\"");
        assertThat(ndjson).doesNotContain("BEGIN CERTIFICATE");
    }

    private Set<String> allInstanceIds(String sslStatus) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = json("/api/v1/instances?sslStatus=" + sslStatus + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), 200);
            page.get("items").forEach(i -> {
                assertThat(i.get("sslStatus").asText()).isEqualTo(sslStatus);
                assertThat(ids.add(i.get("instanceId").asText())).isTrue();
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return ids;
    }

    @Test
    void theStatusShowsAReplacedMemberWithoutCertificateTheNewCountAndEngineAndTheStepTimeoutInUse() {
        String id = unique("rs-change");
        var life = new Lifecycle(id, T0, 3).register();
        String op = "op-" + id;
        life.enable(op, life.newCa()).nodeCertificateIssued(op, "rs0-0", 397, c -> { })
                .nodeCertificateIssued(op, "rs0-1", 397, c -> { })
                .fail(op, OperationKind.ENABLE, "rs0-2");
        var replacement = new dev.sslplane.contracts.model.NodeSpec("rs0-3", "10.0.0.9", 27017,
                dev.sslplane.contracts.model.NodeRole.SECONDARY, List.of());
        var after = List.of(life.nodes.get(0), life.nodes.get(1), replacement);
        life.emit(new dev.sslplane.contracts.event.MemberReplacedEvent(id, "chg-1", "rs0-2", replacement, after),
                        "user:alice")
                .emit(new dev.sslplane.contracts.event.CollectionCountUpdatedEvent(id, "chg-2", 120, 25_000),
                        "user:alice")
                .emit(new dev.sslplane.contracts.event.EngineVersionUpdatedEvent(id, "chg-3", "4.2", "4.0"),
                        "user:alice")
                .emit(new dev.sslplane.contracts.event.RestartRetriedEvent(id, op, OperationKind.ENABLE,
                        null, after, 25_000, java.util.Set.of(), 2, "4.0", null,
                        dev.sslplane.contracts.procedure.Procedures.enable(false), java.util.Set.of(), null),
                        "user:alice")
                .emit(new dev.sslplane.contracts.event.NodeRestartStartedEvent(id, op, "rs0-3", 2, T0.plusSeconds(90),
                        1, dev.sslplane.contracts.model.NodeRole.SECONDARY, Duration.ofSeconds(330)),
                        "system:restart-worker");
        publish(life);
        awaitStatus(id, life.nextSequence() - 1);

        JsonNode status = json("/api/v1/instances/" + id + "/ssl", 200);
        assertThat(status.at("/collectionCount").asInt()).isEqualTo(25_000);
        assertThat(status.at("/engineVersion").asText()).isEqualTo("4.0");
        assertThat(status.get("nodes")).extracting(n -> n.get("name").asText())
                .containsExactly("rs0-0", "rs0-1", "rs0-3");
        assertThat(status.at("/nodes/1/certificateMissing").asBoolean()).isFalse();
        assertThat(status.at("/nodes/2/certificateMissing").asBoolean()).as("the replacement").isTrue();
        assertThat(status.at("/nodes/2/certificate").isNull()).isTrue();
        assertThat(status.at("/operation/stepTimeout").asText()).isEqualTo("PT5M30S");
        assertThat(json("/api/v1/instances/" + id + "/operations/" + op, 200).at("/stepTimeout").asText())
                .as("the operation carries it too").isEqualTo("PT5M30S");
        assertThat(status.at("/operation/nodesTotal").asInt()).isEqualTo(6);
        JsonNode audit = json("/api/v1/audit?instanceId=" + id, 200);
        assertThat(audit.toString()).contains("MemberReplaced", "replaced by rs0-3", "CollectionCountUpdated",
                "EngineVersionUpdated");
    }

    @Test
    void aNodeCertificateCrossesRenewSoonThenExpiresAsTheClockMoves() {
        String id = unique("rs-expiry");
        var life = new Lifecycle(id, T0, 2).register();
        List<CertificateInfo> leaves = new ArrayList<>();
        life.enable("op-" + id, life.newCa()).nodeCertificateIssued("op-" + id, "rs0-0", 397, leaves::add);
        publish(life);
        awaitStatus(id, life.nextSequence() - 1);
        Instant issued = leaves.get(0).notBefore();
        String gauge = "sslplane_certificate_expiry_state{instance_id=\"" + id
                + "\",kind=\"node\",node=\"rs0-0\",";
        var steps = List.of(Map.entry(Duration.ofDays(264), "OK"), Map.entry(Duration.ofDays(265), "RENEW_SOON"),
                Map.entry(Duration.ofDays(398), "EXPIRED"));
        try {
            for (var step : steps) {
                clock.shift(Duration.between(Instant.now(), issued.plus(step.getKey())));
                assertThat(json("/api/v1/instances/" + id + "/ssl", 200).at("/nodes/0/certificate/expiry").asText())
                        .as("%s after issue", step.getKey()).isEqualTo(step.getValue());
                await().atMost(WAIT).untilAsserted(() -> assertThat(http.get().uri("/actuator/prometheus")
                        .exchange().expectBody(String.class).returnResult().getResponseBody())
                        .contains(gauge + "state=\"" + step.getValue() + "\"} 1"));
            }
        } finally {
            clock.reset();
        }
    }

    @Test
    void caDownloadIsThePemOfTheCurrentCaWhoseFingerprintMatchesTheStatus() throws Exception {
        String id = unique("rs-ca");
        CertificateInfo ca = new TestCa("sslplane CA " + id).info();
        var life = new Lifecycle(id, T0, 3).register().enable("op-" + id, ca);
        publish(life);
        awaitStatus(id, 1);

        var result = http.get().uri("/api/v1/instances/{id}/ssl/ca.pem", id).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/x-pem-file")
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"" + id + "-ca.pem\"")
                .expectHeader().valueEquals("ETag", "\"" + ca.sha256Fingerprint() + "\"")
                .expectBody(byte[].class).returnResult();
        var cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(result.getResponseBody()));
        assertThat(cert.getBasicConstraints()).isGreaterThanOrEqualTo(0); // a CA
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        String statusFingerprint = json("/api/v1/instances/" + id + "/ssl", 200)
                .get("currentCa").get("sha256Fingerprint").asText();
        assertThat(TestCa.fingerprint(cert)).isEqualTo(statusFingerprint);

        http.get().uri("/api/v1/instances/{id}/ssl/ca.pem", id)
                .header("If-None-Match", "\"" + ca.sha256Fingerprint() + "\"").exchange()
                .expectStatus().isNotModified();
    }

    @Test
    void theOperationStreamPushesEachStepLiveAndEndsWithTheOperation() {
        String id = unique("rs-sse");
        String op = "op-" + id;
        var life = new Lifecycle(id, T0, 2).register().enable(op, new TestCa("sslplane CA " + id).info());
        publish(life);
        awaitStatus(id, 1);

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
            assertThat(received.get(0).get("state").asText()).isEqualTo("RUNNING");

            int from = life.events().size();
            life.nodeStarted(op, "rs0-1", 1);
            publish(life.events().subList(from, life.events().size()));
            await().atMost(WAIT).until(() -> nodeState(last(received), "rs0-1").equals("RESTARTING"));
            assertThat(last(received).at("/passes/0/steps/1/state").asText()).isEqualTo("RUNNING");

            from = life.events().size();
            life.nodeRestarted(op, "rs0-1");
            publish(life.events().subList(from, life.events().size()));
            await().atMost(WAIT).until(() -> last(received).at("/passes/0/steps/1/state").asText().equals("DONE"));
            // the new fields flow through the stream: the step's role and the node as read back
            assertThat(last(received).at("/passes/0/steps/1/role").asText()).isEqualTo("SECONDARY");
            assertThat(last(received).at("/passes/0/steps/1/observed/mode").asText()).isEqualTo("ALLOW");
            assertThat(last(received).get("stepsDone").asInt()).isEqualTo(1);
            assertThat(nodeState(last(received), "rs0-1")).as("its pass-2 step is still to come").isEqualTo("PENDING");
            assertThat(ended).isFalse();

            from = life.events().size();
            life.restartAll(op, 1).complete(op, OperationKind.ENABLE);
            publish(life.events().subList(from, life.events().size()));
            await().atMost(WAIT).untilTrue(ended);
            assertThat(last(received).get("state").asText()).isEqualTo("COMPLETED");
        } finally {
            subscription.dispose();
        }
    }

    private static JsonNode last(List<JsonNode> list) {
        return list.get(list.size() - 1);
    }

    private static String nodeState(JsonNode operation, String node) {
        for (JsonNode n : operation.get("nodes")) {
            if (n.get("name").asText().equals(node)) {
                return n.get("state").asText();
            }
        }
        return "";
    }

    @Test
    void duringARotationCaPemIsTheBundleNewCaFirstAndAfterItTheNewCaAlone() throws Exception {
        String id = unique("rs-bundle");
        CertificateInfo first = new TestCa("sslplane CA " + id).info();
        CertificateInfo second = new TestCa("sslplane CA " + id).info();
        String enable = "op-" + id + "-1";
        String rotate = "op-" + id + "-2";
        var life = new Lifecycle(id, T0, 2).register();
        life.enable(enable, first).restartAll(enable, 1).complete(enable, OperationKind.ENABLE);
        publish(life);
        awaitStatus(id, life.nextSequence() - 1);
        assertProblem("/api/v1/instances/" + id + "/ssl/ca-bundle.pem", 409, "NO_ROTATION_IN_PROGRESS");

        int from = life.events().size();
        life.rotate(rotate, second, first.serial(), true).restartAll(rotate, 1).awaitClients(rotate);
        publish(life.events().subList(from, life.events().size()));
        awaitStatus(id, life.nextSequence() - 1);

        JsonNode status = json("/api/v1/instances/" + id + "/ssl", 200);
        assertThat(status.at("/operation/state").asText()).isEqualTo("WAITING_FOR_CLIENTS");
        assertThat(status.at("/operation/phase").asText()).isEqualTo("WAITING_FOR_CLIENTS");
        assertThat(status.at("/previousCa/serial").asText()).isEqualTo(first.serial());
        assertThat(status.get("caBundleHref").asText()).endsWith("/ssl/ca-bundle.pem");
        assertThat(status.get("tlsMode").asText()).isEqualTo("PREFER");
        assertThat(status.get("tlsEnforced").asBoolean()).isFalse();
        assertThat(status.at("/nodes/0/trustedCas")).extracting(c -> c.get("serial").asText())
                .containsExactly(second.serial(), first.serial());
        assertThat(status.at("/nodes/0/trustedCas/1/subject").asText()).isEqualTo(first.subject());
        assertThat(status.at("/nodes/0/currentRole").asText()).isEqualTo("PRIMARY");
        JsonNode waiting = json("/api/v1/instances/" + id + "/operations/" + rotate, 200);
        assertThat(waiting.get("state").asText()).isEqualTo("WAITING_FOR_CLIENTS");
        assertThat(waiting.get("estimatedRemainingMillis").isNull()).isTrue();
        assertThat(waiting.at("/awaitingClients/afterPass").asInt()).isEqualTo(2);

        String bundleTag = "\"" + second.sha256Fingerprint() + "+" + first.sha256Fingerprint() + "\"";
        for (String file : List.of("ca.pem", "ca-bundle.pem")) {
            byte[] body = http.get().uri("/api/v1/instances/{id}/ssl/" + file, id).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentType("application/x-pem-file")
                    .expectHeader().valueEquals("ETag", bundleTag)
                    .expectHeader().valueMatches("Content-Disposition",
                            "attachment; filename=\"" + id + "-" + file + "\"")
                    .expectBody(byte[].class).returnResult().getResponseBody();
            List<String> fingerprints = new ArrayList<>();
            for (var cert : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(body))) {
                fingerprints.add(TestCa.fingerprint((X509Certificate) cert));
            }
            assertThat(fingerprints).as(file).containsExactly(second.sha256Fingerprint(), first.sha256Fingerprint());
            assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("PRIVATE");
        }
        http.get().uri("/api/v1/instances/{id}/ssl/ca-bundle.pem", id).header("If-None-Match", bundleTag)
                .exchange().expectStatus().isNotModified();

        from = life.events().size();
        life.finishRotation(rotate, 1).restartAll(rotate, 1).complete(rotate, OperationKind.ROTATE);
        publish(life.events().subList(from, life.events().size()));
        awaitStatus(id, life.nextSequence() - 1);
        byte[] after = http.get().uri("/api/v1/instances/{id}/ssl/ca.pem", id).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"" + second.sha256Fingerprint() + "\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(after)))
                .hasSize(1);
        assertProblem("/api/v1/instances/" + id + "/ssl/ca-bundle.pem", 409, "NO_ROTATION_IN_PROGRESS");
        JsonNode done = json("/api/v1/instances/" + id + "/ssl", 200);
        assertThat(done.get("previousCa").isNull()).isTrue();
        assertThat(done.get("caBundleHref").isNull()).isTrue();
        assertThat(done.at("/nodes/1/trustedCas")).extracting(c -> c.get("serial").asText())
                .containsExactly(second.serial());
    }

    @Test
    void aVersion1RotationWithoutItsPreviousCaOffersTheNewCaAlone() throws Exception {
        String id = unique("rs-v1rot");
        CertificateInfo first = new TestCa("sslplane CA " + id).info();
        CertificateInfo second = new TestCa("sslplane CA " + id).info();
        var life = new Lifecycle(id, T0, 1).register().schemaV1();
        life.enable("op-" + id + "-1", first).restartAll("op-" + id + "-1", 1)
                .complete("op-" + id + "-1", OperationKind.ENABLE).rotate("op-" + id + "-2", second, first.serial());
        publish(life);
        awaitStatus(id, life.nextSequence() - 1);

        for (String file : List.of("ca.pem", "ca-bundle.pem")) {
            byte[] body = http.get().uri("/api/v1/instances/{id}/ssl/" + file, id).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("ETag", "\"" + second.sha256Fingerprint() + "\"")
                    .expectBody(byte[].class).returnResult().getResponseBody();
            assertThat(CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(body)))
                    .as(file).hasSize(1);
        }
        JsonNode status = json("/api/v1/instances/" + id + "/ssl", 200);
        assertThat(status.get("previousCa").isNull()).isTrue();
        assertThat(status.get("caBundleHref").asText()).endsWith("/ssl/ca-bundle.pem");
        assertThat(status.at("/operation/passCount").asInt()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithTheRightProblem() {
        String id = unique("rs-bad");
        publish(new Lifecycle(id, T0, 1).register());
        awaitStatus(id, 0);

        assertProblem("/api/v1/instances/no-such-instance/ssl", 404, "INSTANCE_NOT_FOUND");
        assertProblem("/api/v1/instances/bad$id/ssl", 400, "VALIDATION_FAILED");
        assertProblem("/api/v1/instances/" + "x".repeat(200) + "/ssl", 400, "VALIDATION_FAILED");
        http.post().uri("/api/v1/instances/{id}/ssl", id).exchange().expectStatus().isEqualTo(405)
                .expectHeader().valueMatches("Allow", ".*GET.*")
                .expectBody().jsonPath("$.code").isEqualTo("METHOD_NOT_ALLOWED");
        http.get().uri("/api/v1/instances/{id}/ssl", id).header("Accept", "text/xml").exchange()
                .expectStatus().isEqualTo(406).expectBody().jsonPath("$.code").isEqualTo("NOT_ACCEPTABLE");
        http.get().uri("/api/v1/instances/no-such-instance/ssl").header("Accept", "text/xml").exchange()
                .expectStatus().isEqualTo(404).expectBody().jsonPath("$.code").isEqualTo("INSTANCE_NOT_FOUND");
        assertProblem("/api/v1/instances/" + id + "/operations/op-missing", 404, "OPERATION_NOT_FOUND");
        assertProblem("/api/v1/instances/" + id + "/ssl/nodes/bad$node/certificates", 400, "VALIDATION_FAILED");
        assertProblem("/api/v1/instances/" + id + "/operations/op-missing/stream", 404, "OPERATION_NOT_FOUND");
        assertProblem("/api/v1/instances/" + id + "/ssl/ca.pem", 409, "SSL_NOT_ENABLED");
        assertProblem("/api/v1/instances/" + id + "/ssl/ca-bundle.pem", 409, "NO_ROTATION_IN_PROGRESS");
        assertProblem("/api/v1/instances?cursor=not-a-cursor!", 400, "INVALID_CURSOR");
        assertProblem("/api/v1/instances?cursor=YXxub3BlfHg", 400, "INVALID_CURSOR");
        assertProblem("/api/v1/audit?cursor=aXxzb21lLWlk", 400, "INVALID_CURSOR");
        assertProblem("/api/v1/instances?sslStatus=MAYBE", 400, "VALIDATION_FAILED");
        assertProblem("/api/v1/instances?limit=0", 400, "VALIDATION_FAILED");
        assertProblem("/api/v1/instances?limit=abc", 400, "VALIDATION_FAILED");
        assertProblem("/api/v1/audit?from=2026-11-28T11:00:00Z&to=2026-11-28T10:00:00Z", 400,
                "INVALID_TIME_RANGE");
        assertProblem("/api/v1/audit?from=yesterday", 400, "INVALID_TIME_RANGE");
        assertProblem("/api/v1/audit/export?from=2026-11-28T11:00:00Z&to=2026-11-28T11:00:00Z", 400,
                "INVALID_TIME_RANGE");
        assertProblem("/api/v1/audit?instanceId=bad$id", 400, "VALIDATION_FAILED");
        assertProblem("/api/v1/nothing-here", 404, "NOT_FOUND");
    }

    private void assertProblem(String uri, int status, String code) {
        JsonNode problem = http.get().uri(uri).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("code").asText()).as(uri).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndConsumptionGoesOn() {
        String bad = unique("rs-garbage");
        String good = unique("rs-after");
        send(bad, "{ not json".getBytes(StandardCharsets.UTF_8));
        publish(new Lifecycle(good, T0, 1).register());
        awaitStatus(good, 0);

        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, unique("dlt-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("ssl.events.query-service.DLT"));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().anyMatch(r -> bad.equals(r.key()));
            });
            ConsumerRecord<String, byte[]> dead = seen.stream().filter(r -> bad.equals(r.key())).findFirst()
                    .orElseThrow();
            assertThat(new String(dead.headers().lastHeader(Headers.DLT_REASON_CODE).value(),
                    StandardCharsets.UTF_8)).isEqualTo("MALFORMED_EVENT");
            assertThat(new String(dead.headers().lastHeader(Headers.DLT_REASON).value(), StandardCharsets.UTF_8))
                    .contains("not a valid EventEnvelope");
        }
        assertProblem("/api/v1/instances/" + bad + "/ssl", 404, "INSTANCE_NOT_FOUND");
    }

    @Test
    void aSequenceGapShowsTheStatusAsStaleAndIsCounted() {
        String id = unique("rs-gap");
        var life = new Lifecycle(id, T0, 1).register().skip(2);
        life.enable("op-" + id, life.newCa());
        publish(life);
        awaitStatus(id, 3);

        JsonNode status = json("/api/v1/instances/" + id + "/ssl", 200);
        assertThat(status.get("stale").asBoolean()).isTrue();
        assertThat(status.get("gaps").get(0).get("from").asLong()).isEqualTo(1);
        assertThat(status.get("gaps").get(0).get("to").asLong()).isEqualTo(2);
        JsonNode gaps = json("/actuator/metrics/sslplane.query.events.gaps", 200);
        assertThat(gaps.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void healthShowsMongoAndConsumerLagAndTheOpenApiDocumentDescribesTheApi() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode health = http.get().uri("/actuator/health").exchange().expectBody(JsonNode.class)
                    .returnResult().getResponseBody();
            assertThat(health.at("/components/mongo/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/kafkaConsumer/status").asText()).isEqualTo("UP");
            // lag of the configured group (query-service) on the events topic: all consumed and committed
            assertThat(health.at("/components/kafkaConsumer/details/lag").asLong()).isZero();
        });
        JsonNode lag = json("/actuator/metrics/sslplane.query.consumer.lag", 200);
        assertThat(lag.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(0);
        JsonNode api = json("/v3/api-docs", 200);
        assertThat(api.get("paths").has("/api/v1/instances/{id}/ssl/ca.pem")).isTrue();
        assertThat(api.get("paths").has("/api/v1/instances/{id}/ssl/ca-bundle.pem")).isTrue();
        // the status is a functional route (StatusRoute), documented through @RouterOperation
        assertThat(api.at("/paths/~1api~1v1~1instances~1{id}~1ssl/get/responses/200/content")
                .path("application/json").path("schema").path("$ref").asText()).endsWith("InstanceStatusResponse");
        // the http.server.requests timer still times requests (only its long-task timer is off)
        assertThat(json("/actuator/metrics/http.server.requests", 200).get("measurements")).isNotEmpty();
        assertThat(api.get("paths").has("/api/v1/audit/export")).isTrue();
        assertThat(api.get("paths").has("/api/v1/admin/replay")).isTrue();
    }
}
