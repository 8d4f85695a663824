package dev.sslplane.cli;

import static dev.sslplane.cli.ScriptedServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The maintenance window in the CLI: scheduling operations, cancelling them, setting the window, the status. */
class ScheduleCliTest {

    private static final Map<String, String> ENV = Map.of("SSLPLANE_TOKEN", "sslp_unit-test-token-0123456789");

    private final ScriptedServer server = new ScriptedServer();

    ScheduleCliTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOperationCommandAsksForTheMaintenanceWindowAndSaysHowToCancel() {
        server.on("POST /api/v1/instances/rs-1/ssl:disable", json(202,
                "{\"instanceId\":\"rs-1\",\"operationId\":\"op-7\",\"kind\":\"DISABLE\"}"));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "disable", "rs-1", "--schedule", "maintenance-window",
                "--wait"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.requests.get(0).body()).isEqualTo("{\"schedule\":\"MAINTENANCE_WINDOW\"}");
        assertThat(run.out()).contains("scheduled for the maintenance window", "sslplane cancel rs-1 op-7",
                "--wait does not wait for the window");
    }

    @Test
    void nowSendsTheBodyItAlwaysSent() {
        server.on("POST /api/v1/instances/rs-1/ssl:enable", json(202,
                "{\"instanceId\":\"rs-1\",\"operationId\":\"op-1\",\"kind\":\"ENABLE\"}"));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "enable", "rs-1", "--schedule", "now"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.requests.get(0).body()).isEmpty();
    }

    @Test
    void anUnknownScheduleIsAUsageError() {
        CliRun run = CliRun.of(ENV, CliRun.against(server, "rotate", "rs-1", "--schedule", "tonight"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void cancelAndWindowReachTheirRoutes() {
        server.on("POST /api/v1/instances/rs-1/operations/op-7:cancel", json(202,
                "{\"instanceId\":\"rs-1\",\"operationId\":\"op-7\",\"kind\":\"CANCEL\"}"));
        server.on("POST /api/v1/instances/rs-1/maintenance-window", json(200,
                "{\"instanceId\":\"rs-1\",\"dayOfWeek\":\"SATURDAY\",\"start\":\"02:00\",\"duration\":\"PT4H\","
                        + "\"position\":3}"));

        CliRun cancel = CliRun.of(ENV, CliRun.against(server, "cancel", "rs-1", "op-7"));
        CliRun window = CliRun.of(ENV, CliRun.against(server, "window", "rs-1", "--day", "saturday", "--start",
                "02:00", "--duration", "4h"));

        assertThat(cancel.exitCode()).as(cancel.all()).isZero();
        assertThat(cancel.out()).contains("op-7 of rs-1 cancelled");
        assertThat(window.exitCode()).as(window.all()).isZero();
        assertThat(server.requests.get(1).body()).contains("\"dayOfWeek\":\"SATURDAY\"", "\"start\":\"02:00\"",
                "\"duration\":\"PT4H\"");
        assertThat(window.out()).contains("SATURDAY 02:00 UTC for PT4H");
    }

    @Test
    void statusShowsTheWindowAndWhenAScheduledOperationStarts() {
        server.on("GET /api/v1/instances/rs-1/ssl", json(200, "{\"instanceId\":\"rs-1\",\"sslStatus\":\"ENABLED\","
                + "\"engineVersion\":\"4.2\",\"topology\":\"REPLICA_SET\",\"nodes\":[],"
                + "\"maintenanceWindow\":{\"dayOfWeek\":\"SATURDAY\",\"start\":\"02:00\",\"duration\":\"PT4H\"},"
                + "\"operation\":{\"operationId\":\"op-7\",\"kind\":\"ROTATE\",\"state\":\"SCHEDULED\","
                + "\"scheduledFor\":\"2026-12-05T02:00:00Z\",\"windowEndsAt\":\"2026-12-05T06:00:00Z\"}}"));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "status", "rs-1"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("window     SATURDAY 02:00 UTC for PT4H",
                "operation  ROTATE SCHEDULED, starts 2026-12-05T02:00:00Z (window closes 2026-12-05T06:00:00Z) "
                        + "(op-7)");
    }
}
