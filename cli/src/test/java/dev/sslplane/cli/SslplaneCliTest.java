package dev.sslplane.cli;

import static dev.sslplane.cli.ScriptedServer.json;
import static dev.sslplane.cli.ScriptedServer.problemAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SslplaneCliTest {

    private static final String TOKEN = "sslp_unit-test-token-0123456789";
    private static final Map<String, String> ENV = Map.of("SSLPLANE_TOKEN", TOKEN);
    private static final String ENABLE = "POST /api/v1/instances/rs-1/ssl:enable";
    private static final String ACCEPTED = "{\"instanceId\":\"rs-1\",\"operationId\":\"op-1\",\"kind\":\"ENABLE\"}";

    private final ScriptedServer server = new ScriptedServer();

    SslplaneCliTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachKindOfRefusalHasItsExitCodeAndPlainWords() {
        record Case(int status, String code, int exit, String label) {
        }
        for (Case c : List.of(new Case(409, "SSL_ALREADY_ENABLED", 3, "refused"),
                new Case(422, "INSTANCE_NOT_ELIGIBLE", 3, "refused"), new Case(404, "INSTANCE_NOT_FOUND", 4,
                        "not found"), new Case(401, "UNAUTHENTICATED", 5, "unauthorized"),
                new Case(403, "INSTANCE_NOT_IN_SCOPE", 6, "forbidden"), new Case(400, "VALIDATION_FAILED", 2,
                        "invalid"), new Case(503, "SERVICE_UNAVAILABLE", 10, "unavailable"))) {
            server.on(ENABLE, problemAnswer(c.status(), c.code(), "cannot enable SSL on rs-1 now"));

            CliRun run = CliRun.of(ENV, CliRun.against(server, "enable", "rs-1"));

            assertThat(run.exitCode()).as(c.code()).isEqualTo(c.exit());
            assertThat(run.err()).as(c.code()).isEqualTo("sslplane: " + c.label()
                    + ": cannot enable SSL on rs-1 now (" + c.code() + ", HTTP " + c.status() + ")\n");
        }
    }

    @Test
    void aRefusalAsJsonIsOneDocumentOnStandardOutput() {
        server.on(ENABLE, problemAnswer(409, "SSL_ALREADY_ENABLED", "SSL is already enabled for rs-1"));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "--output", "json", "enable", "rs-1"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("\"code\" : \"SSL_ALREADY_ENABLED\"", "\"exitCode\" : 3",
                "\"message\" : \"SSL is already enabled for rs-1\"");
    }

    @Test
    void statusShowsHowLongTheCaAndEachNodeCertificateHaveLeft() {
        server.on("GET /api/v1/instances/rs-1/ssl", json(200, "{\"instanceId\":\"rs-1\",\"sslStatus\":\"ENABLED\","
                + "\"engineVersion\":\"4.2\",\"topology\":\"REPLICA_SET\",\"currentCa\":{\"serial\":\"ca01\","
                + "\"notAfter\":\"2036-12-01T00:00:00Z\",\"daysLeft\":3646,\"expiry\":\"OK\"},\"nodes\":["
                + "{\"name\":\"rs0-0\",\"host\":\"db0\",\"port\":27017,\"role\":\"PRIMARY\",\"certificate\":"
                + "{\"serial\":\"1eaf01\",\"issuerSerial\":\"ca01\",\"daysLeft\":20,\"expiry\":\"RENEW_SOON\"}},"
                + "{\"name\":\"rs0-1\",\"host\":\"db1\",\"port\":27017,\"role\":\"SECONDARY\",\"certificate\":"
                + "{\"serial\":\"1eaf02\",\"issuerSerial\":\"ca01\",\"daysLeft\":-3,\"expiry\":\"EXPIRED\"}},"
                + "{\"name\":\"rs0-2\",\"host\":\"db2\",\"port\":27017,\"role\":\"SECONDARY\"}]}"));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "status", "rs-1"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("CA         serial ca01  valid until 2036-12-01T00:00:00Z  OK, 3646 days left")
                .containsPattern("rs0-0 .* 1eaf01 RENEW_SOON, 20 days left")
                .containsPattern("rs0-1 .* 1eaf02 EXPIRED 3 days ago")
                .containsPattern("rs0-2 .* - ");
    }

    @Test
    void withoutATokenNothingIsSentAndTheExitCodeIsUnauthorized() {
        CliRun run = CliRun.of(Map.of(), CliRun.against(server, "status", "rs-1"));

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("no API token", "SSLPLANE_TOKEN");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void theTokenComesFromAFileAndIsSentAsBearer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        server.on("GET /api/v1/instances/rs-1/ssl", json(200, "{\"instanceId\":\"rs-1\",\"sslStatus\":\"DISABLED\","
                + "\"engineVersion\":\"4.2\",\"topology\":\"REPLICA_SET\",\"nodes\":[]}"));

        CliRun run = CliRun.of(Map.of(), CliRun.against(server, "status", "rs-1", "--token-file", file.toString()));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).startsWith("rs-1  SSL DISABLED");
        assertThat(server.requests.get(0).authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aTokenIsNeverTakenAsAnArgumentAndNeverEchoed() {
        for (String[] args : List.of(new String[] {"status", "rs-1", "--token", TOKEN},
                new String[] {"--token=" + TOKEN, "status", "rs-1"}, new String[] {"status", TOKEN},
                new String[] {"status", "rs-1", "--token", "eyJhbGciOiJSUzI1NiJ9.jwt-like"})) {
            CliRun run = CliRun.of(Map.of(), CliRun.against(server, args));

            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.all()).doesNotContain(TOKEN).doesNotContain("jwt-like").contains("SSLPLANE_TOKEN");
        }
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aTokenEchoedByAServiceIsMasked() {
        server.on("GET /api/v1/instances/rs-1/ssl", problemAnswer(401, "UNAUTHENTICATED", "token " + TOKEN + " is "
                + "unknown"));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "status", "rs-1"));

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.all()).doesNotContain(TOKEN).contains("token [redacted] is unknown");
    }

    @Test
    void waitFollowsTheStreamWithALinePerNodeAndStep() {
        server.on(ENABLE, json(202, ACCEPTED));
        server.on("GET /api/v1/instances/rs-1/operations/op-1/stream", new ScriptedServer.Answer(200,
                "text/event-stream", List.of(event("RUNNING", "RUNNING", "PENDING"), event("RUNNING", "DONE",
                        "RUNNING"), event("COMPLETED", "DONE", "DONE"))));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "enable", "rs-1", "--wait"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("  pass")).map(String::strip).toList()).containsExactly(
                "pass 1/1 ALLOW_TLS          rs0-1      SECONDARY  RUNNING",
                "pass 1/1 ALLOW_TLS          rs0-1      SECONDARY  DONE 1.5 s",
                "pass 1/1 ALLOW_TLS          rs0-0      PRIMARY    RUNNING",
                "pass 1/1 ALLOW_TLS          rs0-0      PRIMARY    DONE 1.5 s");
        assertThat(run.out()).contains("ENABLE of rs-1 completed");
    }

    @Test
    void theOperationIsFollowedAndItsStatusShownAtThePositionTheCommandAnswered() {
        server.on(ENABLE, json(202, "{\"instanceId\":\"rs-1\",\"operationId\":\"op-1\",\"kind\":\"ENABLE\","
                + "\"position\":5}"));
        server.on("GET /api/v1/instances/rs-1/operations/op-1/stream", new ScriptedServer.Answer(200,
                "text/event-stream", List.of(event("COMPLETED", "DONE", "DONE"), "")));
        server.on("GET /api/v1/instances/rs-1/ssl", json(200, "{\"instanceId\":\"rs-1\",\"sslStatus\":\"ENABLED\","
                + "\"engineVersion\":\"4.2\",\"topology\":\"REPLICA_SET\",\"nodes\":[]}"));

        CliRun started = CliRun.of(ENV, CliRun.against(server, "enable", "rs-1"));
        CliRun waited = CliRun.of(ENV, CliRun.against(server, "enable", "rs-1", "--wait"));
        CliRun status = CliRun.of(ENV, CliRun.against(server, "status", "rs-1", "--position", "5"));

        assertThat(started.out()).contains("'sslplane status rs-1 --position 5'");
        assertThat(waited.exitCode()).as(waited.all()).isZero();
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(server.requests).extracting(ScriptedServer.Request::path).contains(
                "/api/v1/instances/rs-1/operations/op-1/stream?position=5", "/api/v1/instances/rs-1/ssl?position=5");
    }

    @Test
    void aFailedOperationEndsWithItsOwnExitCode() {
        server.on(ENABLE, json(202, ACCEPTED));
        server.on("GET /api/v1/instances/rs-1/operations/op-1/stream", new ScriptedServer.Answer(200,
                "text/event-stream", List.of(event("FAILED", "FAILED", "PENDING"))));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "enable", "rs-1", "--wait"));

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.out()).contains("FAILED", "sslplane retry op-1");
    }

    @Test
    void optionsGoBeforeOrAfterTheCommandAndTheHelpListsTheExitCodes() {
        server.on(ENABLE, json(202, ACCEPTED));

        CliRun before = CliRun.of(ENV, CliRun.against(server, "--output=json", "enable", "rs-1"));
        CliRun after = CliRun.of(ENV, CliRun.against(server, "enable", "rs-1", "--output=json"));

        assertThat(before.out()).isEqualTo(after.out()).contains("\"operationId\" : \"op-1\"");
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"enable", "--help"},
                new String[] {"help", "audit"})) {
            CliRun help = CliRun.of(Map.of(), args);
            assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
            for (ExitCode code : ExitCode.values()) {
                assertThat(help.out()).contains(String.format("%2d  %-16s", code.code, code.label));
            }
        }
        assertThat(CliRun.of(Map.of(), "enable", "--help").out()).contains("--wait", "--timeout", "--token-file");
    }

    @Test
    void enableAndRotateSendTheCertificateOptions() {
        server.on(ENABLE, json(202, ACCEPTED));
        server.on("POST /api/v1/instances/rs-1/ssl:rotate", json(202, ACCEPTED));

        CliRun enable = CliRun.of(ENV, CliRun.against(server, "enable", "rs-1", "--ca-key-algorithm", "EC-P384",
                "--ca-validity", "P400D", "--node-certificate-validity", "P30D"));
        CliRun rotate = CliRun.of(ENV, CliRun.against(server, "rotate", "rs-1", "--hold-old-ca",
                "--node-certificate-validity=PT36H"));
        CliRun plain = CliRun.of(ENV, CliRun.against(server, "enable", "rs-1"));

        assertThat(enable.exitCode()).as(enable.all()).isZero();
        assertThat(rotate.exitCode()).as(rotate.all()).isZero();
        assertThat(plain.exitCode()).as(plain.all()).isZero();
        assertThat(server.requests).extracting(ScriptedServer.Request::body).containsExactly(
                "{\"caKeyAlgorithm\":\"EC-P384\",\"caValidity\":\"P400D\",\"nodeCertificateValidity\":\"P30D\"}",
                "{\"holdOldCa\":true,\"nodeCertificateValidity\":\"PT36H\"}",
                "");
    }

    @Test
    void memberReplaceAndUpdatePostTheChangesAndPrintTheChangeId() {
        String changed = "{\"instanceId\":\"rs-1\",\"changeId\":\"op-c\",\"location\":\"http://q/s\","
                + "\"position\":4}";
        server.on("POST /api/v1/instances/rs-1/members/rs0-2:replace", json(200, changed));
        server.on("POST /api/v1/instances/rs-1/collection-count:update", json(200, changed));

        CliRun replace = CliRun.of(ENV, CliRun.against(server, "replace-member", "rs-1", "rs0-2", "--name",
                "rs0-3", "--host", "10.0.0.4", "--port", "27017"));
        CliRun update = CliRun.of(ENV, CliRun.against(server, "update", "rs-1", "--collection-count", "25000"));

        assertThat(replace.exitCode()).as(replace.all()).isZero();
        assertThat(update.exitCode()).as(update.all()).isZero();
        assertThat(replace.out()).contains("change op-c of rs-1 recorded", "--position 4");
        assertThat(server.requests).hasSize(2);
        assertThat(server.requests.get(0).body()).contains("\"replacement\"", "\"name\":\"rs0-3\"",
                "\"role\":\"SECONDARY\"");
        assertThat(server.requests.get(1).body()).isEqualTo("{\"collectionCount\":25000}");
    }

    @Test
    void anUpdateNeedsExactlyOneThingToUpdate() {
        CliRun run = CliRun.of(ENV, CliRun.against(server, "update", "rs-1"));
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void renewPostsToTheRenewalEndpointAndPrintsTheOperation() {
        server.on("POST /api/v1/instances/rs-1/ssl:renew-node-certificates", json(202, ACCEPTED));

        CliRun renew = CliRun.of(ENV, CliRun.against(server, "renew", "rs-1"));

        assertThat(renew.exitCode()).as(renew.all()).isZero();
        assertThat(server.requests).singleElement().satisfies(r -> assertThat(r.body()).isEmpty());
        assertThat(renew.out()).contains("op-1");
    }

    @Test
    void aMalformedCertificateOptionIsAUsageErrorAndNothingIsSent() {
        for (String[] args : List.of(new String[] {"enable", "rs-1", "--ca-key-algorithm", "DSA-1024"},
                new String[] {"rotate", "rs-1", "--ca-validity", "1 year"},
                new String[] {"enable", "rs-1", "--node-certificate-validity", "P1Y"})) {
            CliRun run = CliRun.of(ENV, CliRun.against(server, args));

            assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        }
        assertThat(CliRun.of(Map.of(), "enable", "--help").out()).contains("--ca-key-algorithm", "EC-P384",
                "--ca-validity", "--node-certificate-validity");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void theCaIsWrittenToTheFile(@TempDir Path dir) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        server.on("GET /api/v1/instances/rs-1/ssl/ca.pem", new ScriptedServer.Answer(200, "application/x-pem-file",
                List.of(pem)));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "ca", "rs-1", "-o", dir.resolve("ca.pem").toString()));

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo(pem);
        assertThat(run.out()).startsWith("wrote 1 CA certificate of rs-1 to ");
    }

    @Test
    void retryFindsTheInstanceWhoseCurrentOperationItIs() {
        server.on("GET /api/v1/instances", json(200, "{\"items\":[{\"instanceId\":\"rs-0\",\"nodes\":[]},"
                + "{\"instanceId\":\"rs-1\",\"nodes\":[],\"operation\":{\"operationId\":\"op-1\","
                + "\"state\":\"FAILED\"}}],\"nextCursor\":null}"));
        server.on("POST /api/v1/instances/rs-1/operations/op-1:retry", json(202, "{\"instanceId\":\"rs-1\","
                + "\"operationId\":\"op-1\",\"kind\":\"RETRY\"}"));

        CliRun found = CliRun.of(ENV, CliRun.against(server, "retry", "op-1"));
        CliRun unknown = CliRun.of(ENV, CliRun.against(server, "retry", "op-9"));

        assertThat(found.exitCode()).as(found.all()).isZero();
        assertThat(found.out()).startsWith("RETRY of rs-1 accepted: operation op-1");
        assertThat(unknown.exitCode()).isEqualTo(4);
        assertThat(unknown.err()).contains("OPERATION_NOT_FOUND", "--instance");
    }

    @Test
    void theAuditTrailPrintsOldestFirstOrAsNdjson() {
        String newer = "{\"eventId\":\"e2\",\"instanceId\":\"rs-1\",\"sequence\":1,\"type\":\"SslEnabled\","
                + "\"actor\":\"token:local-operator\",\"occurredAt\":\"2026-12-01T10:00:01Z\"}";
        String older = "{\"eventId\":\"e1\",\"instanceId\":\"rs-1\",\"sequence\":0,"
                + "\"type\":\"InstanceRegistered\",\"actor\":\"token:local-operator\","
                + "\"occurredAt\":\"2026-12-01T10:00:00Z\"}";
        server.on("GET /api/v1/audit", json(200, "{\"items\":[" + newer + "," + older + "]}"));
        server.on("GET /api/v1/audit/export", new ScriptedServer.Answer(200, "application/x-ndjson",
                List.of(older + "\n", newer + "\n")));

        CliRun page = CliRun.of(ENV, CliRun.against(server, "audit", "rs-1"));
        CliRun ndjson = CliRun.of(ENV, CliRun.against(server, "audit", "rs-1", "--ndjson"));

        assertThat(page.exitCode()).as(page.all()).isZero();
        assertThat(page.out().lines().map(l -> l.split("\\s+")[3]).toList())
                .containsExactly("InstanceRegistered", "SslEnabled");
        assertThat(ndjson.out().lines().toList()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"eventId\""));
        assertThat(server.requests).extracting(ScriptedServer.Request::path)
                .contains("/api/v1/audit?instanceId=rs-1&limit=20", "/api/v1/audit/export?instanceId=rs-1");
    }

    @Test
    void anUnreachableServiceIsUnavailable() {
        CliRun run = CliRun.of(ENV, "status", "rs-1", "--query-url", "http://127.0.0.1:9");

        assertThat(run.exitCode()).isEqualTo(10);
        assertThat(run.err()).startsWith("sslplane: unavailable: cannot reach http://127.0.0.1:9");
    }

    private static String event(String state, String first, String second) {
        return "event:operation\nid:1\ndata:{\"operationId\":\"op-1\",\"instanceId\":\"rs-1\",\"kind\":\"ENABLE\","
                + "\"state\":\"" + state + "\",\"totalMillis\":3000,\"passes\":[{\"number\":1,\"name\":\"ALLOW_TLS\","
                + "\"steps\":[" + step("rs0-1", "SECONDARY", first) + "," + step("rs0-0", "PRIMARY", second)
                + "]}]" + (state.equals("FAILED") ? ",\"failure\":{\"nodeName\":\"rs0-1\",\"reason\":\"unhealthy\","
                + "\"pass\":1,\"code\":\"UNHEALTHY\"}" : "") + "}\n\n";
    }

    private static String step(String node, String role, String state) {
        return "{\"node\":\"" + node + "\",\"role\":\"" + role + "\",\"state\":\"" + state + "\",\"attempt\":1"
                + (state.equals("DONE") ? ",\"durationMillis\":1500" : "") + "}";
    }
}
