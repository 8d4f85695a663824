package dev.sslplane.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.client.FakeService.Answer;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.EnableSslRequest;
import dev.sslplane.contracts.messaging.RotateCertificateRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandClientTest {

    private static final String TOKEN = "sslp_test-token";
    private static final String ACCEPTED = "{\"instanceId\":\"rs-1\",\"operationId\":\"op-1\",\"kind\":\"ENABLE\","
            + "\"location\":\"http://q/api/v1/instances/rs-1/operations/op-1?position=4\",\"position\":4}";

    private final FakeService service = new FakeService();
    private final SslplaneClient client = new SslplaneClient(ClientSettings.local(() -> TOKEN)
            .withUrls(service.url(), service.url()).withRetries(3, Duration.ofSeconds(5)));


    CommandClientTest() throws Exception {
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void enableSendsTheOptionsTheTokenAndAnIdempotencyKey() {
        service.answer(Answer.json(202, ACCEPTED));

        var accepted = client.commands().enable("rs-1", new EnableSslRequest(true), "my-key-1");

        assertThat(accepted.operationId()).isEqualTo("op-1");
        assertThat(accepted.position()).isEqualTo(4L);
        assertThat(accepted.replayed()).isFalse();
        var request = service.received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/instances/rs-1/ssl:enable");
        assertThat(request.body()).isEqualTo("{\"requireTls\":true}");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("Idempotency-Key")).isEqualTo("my-key-1");
    }

    @Test
    void enableAndRotateSendTheCertificateOptionsAsked() {
        service.answer(Answer.json(202, ACCEPTED), Answer.json(202, ACCEPTED));

        client.commands().enable("rs-1", new EnableSslRequest(null, "EC-P384", "P400D", "P30D"), "key-1");
        client.commands().rotate("rs-1", new RotateCertificateRequest(true, "RSA-4096", null, "PT36H"), "key-2");

        assertThat(service.received.get(0).body())
                .isEqualTo("{\"caKeyAlgorithm\":\"EC-P384\",\"caValidity\":\"P400D\",\"nodeCertificateValidity\":\"P30D\"}");
        assertThat(service.received.get(1).path()).isEqualTo("/api/v1/instances/rs-1/ssl:rotate");
        assertThat(service.received.get(1).body())
                .isEqualTo("{\"holdOldCa\":true,\"caKeyAlgorithm\":\"RSA-4096\",\"nodeCertificateValidity\":\"PT36H\"}");
    }

    @Test
    void renewingNodeCertificatesPostsNoBodyWithTheKeyGiven() {
        service.answer(Answer.json(202, ACCEPTED));

        var accepted = client.commands().renewNodeCertificates("rs-1", "renew-key-1");

        assertThat(accepted.operationId()).isEqualTo("op-1");
        var request = service.received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/instances/rs-1/ssl:renew-node-certificates");
        assertThat(request.body()).isEmpty();
        assertThat(request.header("Idempotency-Key")).isEqualTo("renew-key-1");
    }

    @Test
    void instanceChangesPostTheirBodiesToTheirRoutesWithTheKeyGiven() {
        String changed = "{\"instanceId\":\"rs-1\",\"changeId\":\"op-c\",\"location\":\"http://q/x\","
                + "\"position\":7}";
        service.answer(Answer.json(200, changed), Answer.json(200, changed), Answer.json(200, changed),
                Answer.json(200, changed), Answer.json(200, changed).with("Idempotent-Replayed", "true"));
        var member = new dev.sslplane.contracts.model.NodeSpec("rs0-3", "10.0.0.4", 27017,
                dev.sslplane.contracts.model.NodeRole.SECONDARY, java.util.List.of());

        var added = client.commands().addMember("rs-1", member, "k-1");
        client.commands().removeMember("rs-1", "rs0-1", "k-2");
        client.commands().replaceMember("rs-1", "rs0-2", member, "k-3");
        client.commands().updateCollectionCount("rs-1", 25_000, "k-4");
        var replayed = client.commands().updateEngineVersion("rs-1", "4.2", "k-5");

        assertThat(added.changeId()).isEqualTo("op-c");
        assertThat(added.position()).isEqualTo(7L);
        assertThat(added.replayed()).isFalse();
        assertThat(replayed.replayed()).isTrue();
        assertThat(service.received).extracting(r -> r.path()).containsExactly(
                "/api/v1/instances/rs-1/members:add", "/api/v1/instances/rs-1/members/rs0-1:remove",
                "/api/v1/instances/rs-1/members/rs0-2:replace", "/api/v1/instances/rs-1/collection-count:update",
                "/api/v1/instances/rs-1/engine-version:update");
        assertThat(service.received.get(0).body()).contains("\"member\"", "\"rs0-3\"");
        assertThat(service.received.get(1).body()).isEmpty();
        assertThat(service.received.get(2).body()).contains("\"replacement\"", "\"rs0-3\"");
        assertThat(service.received.get(3).body()).contains("\"collectionCount\":25000");
        assertThat(service.received.get(4).body()).contains("\"engineVersion\":\"4.2\"");
        assertThat(service.received).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("k-1", "k-2", "k-3", "k-4", "k-5");
    }

    @Test
    void waitsAsLongAsRetryAfterSaysAndRetriesWithTheSameIdempotencyKey() {
        service.answer(Answer.problem(429, "RATE_LIMITED", "slow down").with("Retry-After", "1"),
                Answer.json(202, ACCEPTED).with("Idempotent-Replayed", "true"));

        long started = System.nanoTime();
        var accepted = client.commands().disable("rs-1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(service.received).hasSize(2);
        String key = service.received.get(0).header("Idempotency-Key");
        assertThat(key).isNotBlank();
        assertThat(service.received.get(1).header("Idempotency-Key")).isEqualTo(key);
        assertThat(accepted.replayed()).isTrue();
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheRetryAfter() {
        var limited = Answer.problem(429, "RATE_LIMITED", "slow down").with("Retry-After", "0");
        service.answer(limited, limited, limited, limited);

        assertThatThrownBy(() -> client.commands().rotate("rs-1"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ZERO);
                });
        assertThat(service.received).hasSize(3);
    }

    @Test
    void doesNotWaitLongerThanAllowed() {
        service.answer(Answer.problem(429, "RATE_LIMITED", "slow down").with("Retry-After", "3600"));

        assertThatThrownBy(() -> client.commands().rotate("rs-1"))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1)));
        assertThat(service.received).hasSize(1);
    }
    @Test
    void abortAndRollbackPostNoBodyToTheOperationWithTheKeyGiven() {
        String aborted = "{\"instanceId\":\"rs-1\",\"operationId\":\"op-1\",\"kind\":\"ABORT\",\"position\":8}";
        String rollback = "{\"instanceId\":\"rs-1\",\"operationId\":\"op-r\",\"kind\":\"ROLLBACK\","
                + "\"location\":\"http://q/api/v1/instances/rs-1/operations/op-r?position=9\",\"position\":9}";
        service.answer(Answer.json(202, aborted), Answer.json(202, aborted).with("Idempotent-Replayed", "true"),
                Answer.json(202, rollback));

        var first = client.commands().abort("rs-1", "op-1", "abort-key-1");
        var repeated = client.commands().abort("rs-1", "op-1", "abort-key-1");
        var rolledBack = client.commands().rollBack("rs-1", "op-1", "rollback-key-1");

        assertThat(first.operationId()).isEqualTo("op-1");
        assertThat(first.replayed()).isFalse();
        assertThat(repeated.replayed()).isTrue();
        assertThat(rolledBack.operationId()).as("the rollback is a new operation").isEqualTo("op-r");
        assertThat(rolledBack.kind()).isEqualTo("ROLLBACK");
        assertThat(rolledBack.position()).isEqualTo(9L);
        assertThat(service.received).extracting(FakeService.Received::path).containsExactly(
                "/api/v1/instances/rs-1/operations/op-1:abort", "/api/v1/instances/rs-1/operations/op-1:abort",
                "/api/v1/instances/rs-1/operations/op-1:rollback");
        assertThat(service.received).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.body()).isEmpty();
        });
        assertThat(service.received).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("abort-key-1", "abort-key-1", "rollback-key-1");
    }

    @Test
    void abortAndRollbackRefusalsCarryTheirCodes() {
        service.answer(Answer.problem(409, "OPERATION_NOT_ABORTABLE", "op-1 is scheduled: cancel it"),
                Answer.problem(409, "ROLLBACK_NOT_POSSIBLE", "op-1 needs no rollback"),
                Answer.problem(409, "ROLLBACK_REQUIRED", "op-1 was aborted half-way: roll it back first"));

        assertThatThrownBy(() -> client.commands().abort("rs-1", "op-1"))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_NOT_ABORTABLE));
        assertThatThrownBy(() -> client.commands().rollBack("rs-1", "op-1"))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ROLLBACK_NOT_POSSIBLE));
        assertThatThrownBy(() -> client.commands().enable("rs-1"))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ROLLBACK_REQUIRED));
        assertThatThrownBy(() -> client.commands().abort("rs-1", "../op-1"))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(service.received).hasSize(3);
    }

    @Test
    void aRefusalIsARefusedExceptionWithItsCodeAndProgress() {
        service.answer(new Answer(409, Map.of("Content-Type", "application/problem+json"), java.util.List.of(
                "{\"title\":\"Operation in progress\",\"status\":409,\"detail\":\"op-7 runs\","
                        + "\"code\":\"OPERATION_IN_PROGRESS\",\"progress\":{\"operationId\":\"op-7\"}}")));

        assertThatThrownBy(() -> client.commands().enable("rs-1"))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_IN_PROGRESS);
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.problem().words()).isEqualTo("op-7 runs");
                    assertThat(e.problem().properties()).containsEntry("progress", Map.of("operationId", "op-7"));
                });
        assertThat(service.received).as("a refusal is not retried").hasSize(1);
    }

    @Test
    void eachStatusHasItsKindOfException() {
        service.answer(Answer.problem(404, "INSTANCE_NOT_FOUND", "no rs-1"),
                Answer.problem(401, "UNAUTHENTICATED", "who?"),
                Answer.problem(403, "INSTANCE_NOT_IN_SCOPE", "not yours"),
                Answer.problem(400, "VALIDATION_FAILED", "bad"),
                Answer.problem(422, "INSTANCE_NOT_ELIGIBLE", "3.6"));

        assertThatThrownBy(() -> client.commands().enable("rs-1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.commands().enable("rs-1")).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> client.commands().enable("rs-1")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> client.commands().enable("rs-1")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> client.commands().enable("rs-1"))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_NOT_ELIGIBLE));
    }

    @Test
    void aCodeThisVersionDoesNotKnowIsStillCarried() {
        service.answer(Answer.problem(409, "SOMETHING_NEWER", "a later refusal"));

        assertThatThrownBy(() -> client.commands().enable("rs-1"))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.code()).isNull();
                    assertThat(e.codeName()).isEqualTo("SOMETHING_NEWER");
                });
    }

    @Test
    void anAnswerWithoutAProblemDocumentStillHasACode() {
        service.answer(new Answer(502, Map.of("Content-Type", "text/html"), java.util.List.of("<h1>Bad gateway</h1>")));

        assertThatThrownBy(() -> client.commands().enable("rs-1"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.codeName()).isEqualTo("HTTP_502");
                    assertThat(e.status()).isEqualTo(502);
                });
    }

    @Test
    void anIdThatCannotBeAPathSegmentIsRefusedWithoutACall() {
        assertThatThrownBy(() -> client.commands().enable("../admin"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(service.received).isEmpty();
    }

    @Test
    void anUnreachableServiceIsATransportErrorThatNamesNoToken() throws Exception {
        var nowhere = new SslplaneClient(ClientSettings.local(() -> TOKEN).withUrls(
                java.net.URI.create("http://127.0.0.1:" + dev.sslplane.client.FreePort.any()),
                service.url()));

        assertThatThrownBy(() -> nowhere.commands().enable("rs-1"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("cannot reach http://127.0.0.1:")
                .hasMessageNotContaining(TOKEN);
        assertThat(nowhere.settings().toString()).doesNotContain(TOKEN);
    }

}
