package dev.sslplane.cli;

import static dev.sslplane.cli.ScriptedServer.json;
import static dev.sslplane.cli.ScriptedServer.problemAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Abort and rollback in the CLI: their routes, what they print, following them, exit codes, refusals, states. */
class AbortRollbackCliTest {

    private static final Map<String, String> ENV = Map.of("SSLPLANE_TOKEN", "sslp_unit-test-token-0123456789");
    private static final String ABORT = "POST /api/v1/instances/rs-1/operations/op-1:abort";
    private static final String ROLLBACK = "POST /api/v1/instances/rs-1/operations/op-1:rollback";
    private static final String ABORT_ACCEPTED = "{\"instanceId\":\"rs-1\",\"operationId\":\"op-1\","
            + "\"kind\":\"ABORT\",\"position\":8}";
    private static final String ROLLBACK_ACCEPTED = "{\"instanceId\":\"rs-1\",\"operationId\":\"op-r\","
            + "\"kind\":\"ROLLBACK\",\"position\":9}";

    private final ScriptedServer server = new ScriptedServer();

    AbortRollbackCliTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void abortPostsNoBodyToTheOperationWithTheKeyAndSaysHowToFollowIt() {
        server.on(ABORT, json(202, ABORT_ACCEPTED));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "abort", "rs-1", "op-1", "--idempotency-key",
                "abort-1"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.requests).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/v1/instances/rs-1/operations/op-1:abort");
            assertThat(r.body()).isEmpty();
        });
        assertThat(run.out()).contains("abort of operation op-1 of rs-1 accepted",
                "stops after the node in progress", "'sslplane status rs-1 --position 8'");
    }

    @Test
    void abortWithWaitFollowsTheOperationUntilItIsAbortedAndSaysHowToRollBack() {
        server.on(ABORT, json(202, ABORT_ACCEPTED));
        server.on("GET /api/v1/instances/rs-1/operations/op-1/stream", new ScriptedServer.Answer(200,
                "text/event-stream", List.of(event("op-1", "ENABLE", "ABORTING", 1), event("op-1", "ENABLE",
                        "ABORTED", 2))));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "abort", "rs-1", "op-1", "--wait"));

        assertThat(run.exitCode()).as("the abort asked for happened: " + run.all()).isZero();
        assertThat(server.requests).extracting(ScriptedServer.Request::path)
                .contains("/api/v1/instances/rs-1/operations/op-1/stream?position=8");
        assertThat(run.out()).contains("operation ABORTING (1/6 steps)", "operation ABORTED (2/6 steps)",
                "ENABLE of rs-1 ABORTED after 2/6 steps; 'sslplane status rs-1' shows each node's TLS mode now; "
                        + "to bring the nodes back to before it: sslplane rollback rs-1 op-1");
    }

    @Test
    void anOperationWaitedForThatIsAbortedEndsWithItsOwnExitCode() {
        server.on("POST /api/v1/instances/rs-1/ssl:enable", json(202, "{\"instanceId\":\"rs-1\","
                + "\"operationId\":\"op-1\",\"kind\":\"ENABLE\"}"));
        server.on("GET /api/v1/instances/rs-1/operations/op-1/stream", new ScriptedServer.Answer(200,
                "text/event-stream", List.of(event("op-1", "ENABLE", "RUNNING", 1), event("op-1", "ENABLE",
                        "ABORTING", 1), event("op-1", "ENABLE", "ABORTED", 2))));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "enable", "rs-1", "--wait"));

        assertThat(run.exitCode()).isEqualTo(11);
        assertThat(run.out()).contains("ENABLE of rs-1 ABORTED", "sslplane rollback rs-1 op-1")
                .doesNotContain("FAILED", "retry");
    }

    @Test
    void rollbackStartsANewOperationAndWaitFollowsItLikeAnyOther() {
        server.on(ROLLBACK, json(202, ROLLBACK_ACCEPTED));
        server.on("GET /api/v1/instances/rs-1/operations/op-r/stream", new ScriptedServer.Answer(200,
                "text/event-stream", List.of(event("op-r", "ROLLBACK", "RUNNING", 3), event("op-r", "ROLLBACK",
                        "COMPLETED", 6))));

        CliRun started = CliRun.of(ENV, CliRun.against(server, "rollback", "rs-1", "op-1", "--idempotency-key",
                "rb-1"));
        CliRun waited = CliRun.of(ENV, CliRun.against(server, "rollback", "rs-1", "op-1", "--wait"));

        assertThat(started.exitCode()).as(started.all()).isZero();
        assertThat(started.out()).contains("ROLLBACK of rs-1 accepted: operation op-r (rolls back op-1)",
                "--position 9");
        assertThat(server.requests.get(0).body()).isEmpty();
        assertThat(waited.exitCode()).as(waited.all()).isZero();
        assertThat(waited.out()).contains("ROLLBACK of rs-1 completed in 3.0 s");
        assertThat(server.requests).extracting(ScriptedServer.Request::path)
                .contains("/api/v1/instances/rs-1/operations/op-r/stream?position=9");
    }

    @Test
    void aFailedRollbackEndsWithExit8AndNamesRetryAndAbort() {
        server.on(ROLLBACK, json(202, ROLLBACK_ACCEPTED));
        server.on("GET /api/v1/instances/rs-1/operations/op-r/stream", new ScriptedServer.Answer(200,
                "text/event-stream", List.of(event("op-r", "ROLLBACK", "FAILED", 3))));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "rollback", "rs-1", "op-1", "--wait"));

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.out()).contains("ROLLBACK of rs-1 FAILED", "sslplane retry op-r",
                "sslplane abort rs-1 op-r");
    }

    @Test
    void refusalsOfAbortAndRollbackAreExit3WithTheirCodes() {
        server.on(ABORT, problemAnswer(409, "OPERATION_NOT_ABORTABLE", "op-1 is scheduled: cancel it"));
        server.on(ROLLBACK, problemAnswer(409, "ROLLBACK_NOT_POSSIBLE", "op-1 needs no rollback"));
        server.on("POST /api/v1/instances/rs-1/ssl:rotate", problemAnswer(409, "ROLLBACK_REQUIRED",
                "op-1 was aborted half-way: only its rollback may run"));

        CliRun abort = CliRun.of(ENV, CliRun.against(server, "abort", "rs-1", "op-1"));
        CliRun rollback = CliRun.of(ENV, CliRun.against(server, "rollback", "rs-1", "op-1", "--wait"));
        CliRun rotate = CliRun.of(ENV, CliRun.against(server, "rotate", "rs-1"));

        assertThat(abort.exitCode()).isEqualTo(3);
        assertThat(abort.err()).isEqualTo("sslplane: refused: op-1 is scheduled: cancel it "
                + "(OPERATION_NOT_ABORTABLE, HTTP 409)\n");
        assertThat(rollback.exitCode()).isEqualTo(3);
        assertThat(rollback.err()).contains("ROLLBACK_NOT_POSSIBLE");
        assertThat(rotate.exitCode()).isEqualTo(3);
        assertThat(rotate.err()).contains("ROLLBACK_REQUIRED");
        assertThat(server.requests).as("no stream followed after a refusal").hasSize(3);
    }

    @Test
    void bothNeedTheInstanceAndTheOperationAndTakeNoSchedule() {
        for (String[] args : List.of(new String[] {"abort", "rs-1"}, new String[] {"rollback", "rs-1"},
                new String[] {"rollback", "rs-1", "op-1", "--schedule", "maintenance-window"},
                new String[] {"retry", "op-1", "--schedule", "maintenance-window"})) {
            CliRun run = CliRun.of(ENV, CliRun.against(server, args));

            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
        }
        assertThat(server.requests).isEmpty();
        for (String command : List.of("abort", "rollback")) {
            CliRun help = CliRun.of(Map.of(), command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("INSTANCE", "OPERATION", "--wait", "--timeout", "--idempotency-key",
                    "11  aborted").doesNotContain("--schedule");
        }
        assertThat(CliRun.of(Map.of(), "--help").out()).contains("abort", "rollback");
        assertThat(CliRun.of(Map.of(), "enable", "--help").out()).contains("--schedule");
    }

    @Test
    void statusAndInstancesShowAnAbortingOperationAndARollback() {
        server.on("GET /api/v1/instances/rs-1/ssl", json(200, "{\"instanceId\":\"rs-1\",\"sslStatus\":\"DISABLED\","
                + "\"engineVersion\":\"4.2\",\"topology\":\"REPLICA_SET\",\"nodes\":[],\"operation\":{"
                + "\"operationId\":\"op-1\",\"kind\":\"ENABLE\",\"state\":\"ABORTING\",\"nodesDone\":2,"
                + "\"nodesTotal\":6}}"));
        server.on("GET /api/v1/instances", json(200, "{\"items\":[{\"instanceId\":\"rs-1\",\"nodes\":[],"
                + "\"operation\":{\"operationId\":\"op-r\",\"kind\":\"ROLLBACK\",\"state\":\"RUNNING\","
                + "\"nodesDone\":1,\"nodesTotal\":3}},{\"instanceId\":\"rs-2\",\"nodes\":[],\"operation\":{"
                + "\"operationId\":\"op-2\",\"kind\":\"ROTATE\",\"state\":\"ABORTED\",\"nodesDone\":4,"
                + "\"nodesTotal\":9}}],\"nextCursor\":null}"));

        CliRun status = CliRun.of(ENV, CliRun.against(server, "status", "rs-1"));
        CliRun instances = CliRun.of(ENV, CliRun.against(server, "instances"));

        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("operation  ENABLE ABORTING 2/6 (op-1), stops after the node in progress");
        assertThat(instances.exitCode()).as(instances.all()).isZero();
        assertThat(instances.out()).contains("ROLLBACK RUNNING 1/3 (op-r)", "ROTATE ABORTED 4/9 (op-2)");
    }

    private static String event(String operationId, String kind, String state, int done) {
        return "event:operation\nid:" + done + "\ndata:{\"operationId\":\"" + operationId + "\",\"instanceId\":"
                + "\"rs-1\",\"kind\":\"" + kind + "\",\"state\":\"" + state + "\",\"stepsDone\":" + done
                + ",\"stepsTotal\":6,\"totalMillis\":3000,\"passes\":[]"
                + (state.equals("FAILED") ? ",\"failure\":{\"nodeName\":\"rs0-1\",\"reason\":\"unhealthy\","
                + "\"pass\":1,\"code\":\"UNHEALTHY\"}" : "") + "}\n\n";
    }
}
