package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Idempotency-Key semantics and concurrent requests on one instance. */
class IdempotencyAndConcurrencyIT extends IntegrationTestBase {

    @Test
    void sameKeyAndSameRequestReplaysTheAnswerWithoutASecondOperation() {
        String id = newInstanceId();
        register(id);
        var key = Map.of("Idempotency-Key", "key-" + UUID.randomUUID());
        var first = post("/api/v1/instances/" + id + "/ssl:enable", null, key);
        var second = post("/api/v1/instances/" + id + "/ssl:enable", null, key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(json(second)).isEqualTo(json(first));
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "SslEnabledEvent");

        var sameKeyOtherRequest = post("/api/v1/instances/" + id + "/ssl:disable", null, key);
        assertThat(sameKeyOtherRequest.statusCode()).isEqualTo(422);
        assertThat(json(sameKeyOtherRequest).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void registrationWithAKeyIsReplayedAndADifferentBodyIsRefused() {
        String id = newInstanceId();
        var key = Map.of("Idempotency-Key", "reg-" + UUID.randomUUID());
        var first = post("/api/v1/instances", registration(id), key);
        var replay = post("/api/v1/instances", registration(id), key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(json(replay)).isEqualTo(json(first));

        var otherBody = post("/api/v1/instances",
                new RegisterInstanceRequest(id, "4.0", registration(id).topology(), nodes(), 1), key);
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(json(otherBody).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        var otherOperator = post("/api/v1/instances", new RegisterInstanceRequest(id, "4.2",
                registration(id).topology(), nodes(), 120, NodeOperatorTarget.localFleet()), key);
        assertThat(otherOperator.statusCode()).isEqualTo(422);
        assertThat(json(otherOperator).get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent");
    }

    @Test
    void aRefusalIsReplayedToo() {
        String id = newInstanceId();
        register(id);
        var key = Map.of("Idempotency-Key", "dis-" + UUID.randomUUID());
        var first = post("/api/v1/instances/" + id + "/ssl:disable", null, key);
        assertThat(first.statusCode()).isEqualTo(409);
        enable(id);
        var replay = post("/api/v1/instances/" + id + "/ssl:disable", null, key);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(json(replay).get("code").asText()).isEqualTo("SSL_NOT_ENABLED");
        assertThat(replay.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void concurrentEnableRequestsForOneInstanceAcceptExactlyOne() throws Exception {
        String id = newInstanceId();
        register(id);
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            var start = new CountDownLatch(1);
            var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < requests; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return post("/api/v1/instances/" + id + "/ssl:enable", null);
                }, pool));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                var response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                if (response.statusCode() == 409) {
                    assertThat(json(response).get("code").asText()).isEqualTo("OPERATION_IN_PROGRESS");
                }
            }
            assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(requests - 1);
            assertThat(storedEventTypes(id)).containsExactly("InstanceRegisteredEvent", "SslEnabledEvent");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
