package dev.sslplane.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.client.FakeService.Answer;
import dev.sslplane.client.model.AuditEntry;
import dev.sslplane.client.model.AuditQuery;
import dev.sslplane.client.model.Operation;
import dev.sslplane.client.model.OperationAccepted;
import dev.sslplane.contracts.error.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryClientTest {

    private final FakeService service = new FakeService();
    private final SslplaneClient client = new SslplaneClient(ClientSettings.local(() -> "sslp_t")
            .withUrls(service.url(), service.url()));

    QueryClientTest() throws Exception {
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private static String operation(String state, int done) {
        return "{\"operationId\":\"op-1\",\"instanceId\":\"rs-1\",\"kind\":\"ENABLE\",\"state\":\"" + state
                + "\",\"stepsDone\":" + done + ",\"stepsTotal\":6,\"currentPass\":1,\"phase\":\"ALLOW_TLS\","
                + "\"somethingNew\":1}";
    }

    private static Answer stream(String... chunks) {
        return new Answer(200, Map.of("Content-Type", "text/event-stream"), List.of(chunks));
    }

    @Test
    void followsTheStreamToTheRestingStateAndReportsEachChangeOnce() {
        service.answer(stream(":keep-alive\n\n",
                "event:operation\nid:4\ndata:" + operation("RUNNING", 0) + "\n\n",
                "event:operation\nid:4\ndata:" + operation("RUNNING", 0) + "\n\n",
                "event:operation\r\nid:5\r\ndata:" + operation("RUNNING", 3) + "\r\n\r\n",
                "event:operation\nid:9\ndata:" + operation("COMPLETED", 6) + "\n\n"));
        List<Operation> seen = new ArrayList<>();

        Operation last = client.queries().follow("rs-1", "op-1", Duration.ofSeconds(20), seen::add);

        assertThat(last.state()).isEqualTo("COMPLETED");
        assertThat(seen).extracting(Operation::stepsDone).containsExactly(0, 3, 6);
        assertThat(service.received.get(0).path()).isEqualTo("/api/v1/instances/rs-1/operations/op-1/stream");
        assertThat(service.received.get(0).header("Accept")).contains("text/event-stream");
    }

    @Test
    void waitsWhileTheQuerySideHasNotSeenTheOperationAndReconnectsAfterADrop() {
        service.answer(Answer.problem(404, "OPERATION_NOT_FOUND", "not yet"),
                stream("event:operation\nid:3\ndata:" + operation("RUNNING", 1) + "\n\n", ""),
                stream("event:operation\nid:8\ndata:" + operation("FAILED", 2) + "\n\n", ""));
        List<Operation> seen = new ArrayList<>();

        Operation last = client.queries().follow("rs-1", "op-1", Duration.ofSeconds(20), seen::add);

        assertThat(last.state()).isEqualTo("FAILED");
        assertThat(seen).extracting(Operation::state).containsExactly("RUNNING", "FAILED");
        assertThat(service.received).hasSize(3);
        assertThat(service.received.get(2).header("Last-Event-ID")).isEqualTo("3");
    }

    @Test
    void anAbortedOperationRestsWhileAnAbortingOneIsStillFollowed() {
        service.answer(stream("event:operation\nid:3\ndata:" + operation("ABORTING", 2) + "\n\n",
                "event:operation\nid:4\ndata:" + operation("ABORTED", 3) + "\n\n",
                "event:operation\nid:5\ndata:" + operation("RUNNING", 4) + "\n\n"));
        List<Operation> seen = new ArrayList<>();

        Operation last = client.queries().follow("rs-1", "op-1", Duration.ofSeconds(20), seen::add);

        assertThat(last.state()).isEqualTo("ABORTED");
        assertThat(last.aborted()).isTrue();
        assertThat(seen).extracting(Operation::state).containsExactly("ABORTING", "ABORTED");
    }

    @Test
    void aCancelledOperationRestsAtOnceInsteadOfReconnecting() {
        service.answer(stream("event:operation\nid:3\ndata:" + operation("CANCELLED", 0) + "\n\n", ""),
                stream("event:operation\nid:3\ndata:" + operation("RUNNING", 0) + "\n\n", ""));

        Operation last = client.queries().follow("rs-1", "op-1", Duration.ofSeconds(5), o -> { });

        assertThat(last.state()).isEqualTo("CANCELLED");
        assertThat(service.received).as("the query service ends the stream at CANCELLED: no reconnect").hasSize(1);
    }

    @Test
    void followingAnAcceptedOperationNamesItsPositionAndTakesA404AsFinal() {
        var accepted = new OperationAccepted("rs-1", "op-1", "ENABLE", "http://q/x", 7L, false);
        service.answer(stream("event:operation\nid:9\ndata:" + operation("COMPLETED", 6) + "\n\n"),
                Answer.problem(404, "OPERATION_NOT_FOUND", "no such operation"));

        assertThat(client.queries().follow(accepted, Duration.ofSeconds(20), o -> { }).state())
                .isEqualTo("COMPLETED");
        assertThat(service.received.get(0).path())
                .isEqualTo("/api/v1/instances/rs-1/operations/op-1/stream?position=7");
        // the query side answers a position only once it has the operation: a 404 then is no "not yet"
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.queries().follow(accepted, Duration.ofSeconds(20), o -> { }))
                .isInstanceOf(NotFoundException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void readsAtAPositionAskAgainAfterReadModelBehind() {
        service.answer(Answer.problem(503, "READ_MODEL_BEHIND", "not yet at 3").with("Retry-After", "1"),
                Answer.json(200, "{\"instanceId\":\"rs-1\",\"sslStatus\":\"ENABLED\",\"lastSequence\":3}"),
                Answer.json(200, operation("RUNNING", 0)));

        assertThat(client.queries().status("rs-1", 3L).sslStatus()).isEqualTo("ENABLED");
        assertThat(service.received).extracting(FakeService.Received::path)
                .containsExactly("/api/v1/instances/rs-1/ssl?position=3", "/api/v1/instances/rs-1/ssl?position=3");
        var accepted = new OperationAccepted("rs-1", "op-1", "ENABLE", "http://q/x", 3L, false);
        assertThat(client.queries().operation(accepted).operationId()).isEqualTo("op-1");
        assertThat(service.received.get(2).path()).isEqualTo("/api/v1/instances/rs-1/operations/op-1?position=3");
    }

    @Test
    void aStreamThatNeverRestsTimesOut() {
        service.answer(stream("event:operation\nid:3\ndata:" + operation("RUNNING", 1) + "\n\n", ""));
        for (int i = 0; i < 50; i++) {
            service.answer(stream(": nothing new\n\n", ""));
        }

        assertThatThrownBy(() -> client.queries().follow("rs-1", "op-1", Duration.ofSeconds(1), o -> { }))
                .isInstanceOf(OperationTimeoutException.class);
    }

    @Test
    void aForbiddenStreamEndsAtOnce() {
        service.answer(Answer.problem(403, "INSTANCE_NOT_IN_SCOPE", "not yours"));

        assertThatThrownBy(() -> client.queries().follow("rs-1", "op-1", Duration.ofSeconds(20), o -> { }))
                .isInstanceOfSatisfying(ForbiddenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_NOT_IN_SCOPE));
    }

    @Test
    void theCaDownloadIsThePemOrTheRefusal() {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        service.answer(new Answer(200, Map.of("Content-Type", "application/x-pem-file"), List.of(pem)),
                Answer.problem(409, "SSL_NOT_ENABLED", "SSL is not enabled on instance 'rs-1'"));

        assertThat(client.queries().caPem("rs-1")).isEqualTo(pem);
        assertThatThrownBy(() -> client.queries().caPem("rs-1"))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.SSL_NOT_ENABLED));
    }

    @Test
    void theAuditExportIsReadLineByLineWithTheFilters() {
        service.answer(new Answer(200, Map.of("Content-Type", "application/x-ndjson"), List.of(
                "{\"eventId\":\"e1\",\"instanceId\":\"rs-1\",\"sequence\":0,\"type\":\"InstanceRegistered\","
                        + "\"actor\":\"token:local-operator\",\"occurredAt\":\"2026-12-01T10:00:00Z\"}\n",
                "{\"eventId\":\"e2\",\"instanceId\":\"rs-1\",\"sequence\":1,\"type\":\"SslEnabled\"}\n")));
        List<AuditEntry> entries = new ArrayList<>();

        long count = client.queries().exportAudit(AuditQuery.instance("rs-1"), entries::add);

        assertThat(count).isEqualTo(2);
        assertThat(entries).extracting(AuditEntry::type).containsExactly("InstanceRegistered", "SslEnabled");
        assertThat(service.received.get(0).path()).isEqualTo("/api/v1/audit/export?instanceId=rs-1");
    }
}
