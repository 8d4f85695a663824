package dev.sslplane.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.query.projection.ProjectedEvent;
import dev.sslplane.query.support.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Read-your-writes: a read naming the position of a write (what the command service puts into its 201/202) waits
 * for the projection instead of answering 404 or an older state, within {@code read-your-writes-wait} (1.5 s here),
 * and then answers 503 READ_MODEL_BEHIND with Retry-After, never 404. The projection is held behind by publishing
 * the event only after the read has started. Negative control: the same read without the position answers 404.
 */
class ReadYourWritesIT extends QueryServiceITBase {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** A GET sent now that completes with the whole answer, whatever its status. */
    private CompletableFuture<ResponseEntity<JsonNode>> startGet(String uri) {
        return WebClient.create(baseUrl()).get().uri(uri).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .exchangeToMono(response -> response.toEntity(JsonNode.class)).toFuture();
    }

    private static ResponseEntity<JsonNode> answer(CompletableFuture<ResponseEntity<JsonNode>> call) throws Exception {
        return call.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private Lifecycle registered(String id) {
        var life = new Lifecycle(id, T0, 3).register();
        publish(life);
        await().atMost(WAIT).until(() -> http.get().uri("/api/v1/instances/{id}/ssl", id).exchange()
                .returnResult(String.class).getStatus().value() == 200);
        return life;
    }

    /** The events {@code life} recorded after the first {@code already}. */
    private static List<ProjectedEvent> after(Lifecycle life, int already) {
        return life.events().subList(already, life.events().size());
    }

    @Test
    void theLocationOfAnAcceptedOperationWaitsForTheProjectionInsteadOfAnswering404() throws Exception {
        String id = unique("rs-ryw");
        String op = "op-" + id;
        Lifecycle life = registered(id);
        CertificateInfo ca = life.newCa();
        life.enable(op, ca); // sequence 1, not published yet: the projection is behind the command service

        // negative control: without the position the operation is unknown for now
        http.get().uri("/api/v1/instances/{id}/operations/{op}", id, op).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("OPERATION_NOT_FOUND");

        var location = startGet("/api/v1/instances/" + id + "/operations/" + op + "?position=1");
        var status = startGet("/api/v1/instances/" + id + "/ssl?position=1");
        var download = startGet("/api/v1/instances/" + id + "/ssl/certificates?position=1");
        Thread.sleep(300); // the reads are under way (a sleep only to let them start; nothing is asserted on time)
        assertThat(location).as("waits for the projection").isNotDone();
        publish(after(life, 1));

        ResponseEntity<JsonNode> operation = answer(location);
        assertThat(operation.getStatusCode().value()).as("%s", operation.getBody()).isEqualTo(200);
        assertThat(operation.getBody().get("operationId").asText()).isEqualTo(op);
        ResponseEntity<JsonNode> shown = answer(status);
        assertThat(shown.getStatusCode().value()).isEqualTo(200);
        assertThat(shown.getBody().get("operation").get("operationId").asText()).isEqualTo(op);
        assertThat(shown.getBody().get("lastSequence").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(answer(download).getBody()).hasSize(1);
        // the operation stream resolves its operation the same way
        http.get().uri("/api/v1/instances/{id}/operations/{op}/stream?position=1", id, op).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseBody().blockFirst(WAIT);
    }

    @Test
    void theLocationOfARegistrationWaitsForTheInstanceToBeProjected() throws Exception {
        String id = unique("rs-ryw-reg");
        var life = new Lifecycle(id, T0, 3).register();

        var status = startGet("/api/v1/instances/" + id + "/ssl?position=0");
        Thread.sleep(300);
        assertThat(status).isNotDone();
        publish(life);

        ResponseEntity<JsonNode> shown = answer(status);
        assertThat(shown.getStatusCode().value()).as("%s", shown.getBody()).isEqualTo(200);
        assertThat(shown.getBody().get("instanceId").asText()).isEqualTo(id);
    }

    @Test
    void aPositionNotReachedWithinTheBoundIs503WithRetryAfterNever404() {
        String unknown = unique("rs-ryw-none");
        String known = registered(unique("rs-ryw-far")).instanceId;
        for (String uri : List.of("/api/v1/instances/" + unknown + "/ssl?position=0",
                "/api/v1/instances/" + known + "/ssl?position=9007199254740991",
                "/api/v1/instances/" + known + "/operations/op-never?position=5")) {
            long start = System.nanoTime();
            var result = http.get().uri(uri).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "1")
                    .expectBody().jsonPath("$.code").isEqualTo("READ_MODEL_BEHIND").returnResult();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis).as("%s answered after the bound, not much later", uri)
                    .isBetween(READ_YOUR_WRITES_WAIT_MS - 50, READ_YOUR_WRITES_WAIT_MS + 3000);
            assertThat(result.getResponseHeaders().getContentType().toString()).contains("problem+json");
        }
        // without a position an unknown instance is 404 at once, as it always was
        http.get().uri("/api/v1/instances/{id}/ssl", unknown).exchange().expectStatus().isNotFound();
    }

    @Test
    void aReachedPositionIsAnsweredAtOnceWithoutWaiting() {
        Lifecycle life = registered(unique("rs-ryw-now"));
        long start = System.nanoTime();
        http.get().uri("/api/v1/instances/{id}/ssl?position=0", life.instanceId).exchange().expectStatus().isOk();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(READ_YOUR_WRITES_WAIT_MS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1e3", "1.5", "", "9007199254740992", "99999999999999999999999"})
    void aMalformedNegativeOrHugePositionIsAValidationProblem(String position) {
        String id = unique("rs-ryw-bad");
        for (String path : List.of("/ssl", "/ssl/certificates", "/ssl/ca.pem", "/operations/op-1",
                "/operations/op-1/stream")) {
            http.get().uri(uriBuilder -> uriBuilder.path("/api/v1/instances/" + id + path)
                            .queryParam("position", position).build())
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.detail").isEqualTo("position must be a decimal from 0 to 9007199254740991");
        }
    }
}
