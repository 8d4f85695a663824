package dev.sslplane.cli;

import static dev.sslplane.cli.ScriptedServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code sslplane renewal-policy}: its route and body, and a policy that is not one of the two. */
class RenewalPolicyCliTest {

    private static final Map<String, String> ENV = Map.of("SSLPLANE_TOKEN", "sslp_unit-test-token-0123456789");

    private final ScriptedServer server = new ScriptedServer();

    RenewalPolicyCliTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void setsThePolicyOnItsRoute() {
        server.on("POST /api/v1/instances/rs-1/renewal-policy", json(200,
                "{\"instanceId\":\"rs-1\",\"policy\":\"IN_MAINTENANCE_WINDOW\",\"position\":4}"));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "renewal-policy", "rs-1", "IN_MAINTENANCE_WINDOW"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.requests.get(0).body()).contains("\"policy\":\"IN_MAINTENANCE_WINDOW\"");
        assertThat(run.out()).contains("renewal policy of rs-1: IN_MAINTENANCE_WINDOW",
                "renewed in the maintenance window");
    }

    @Test
    void theStatusShowsThePolicy() {
        server.on("GET /api/v1/instances/rs-1/ssl", json(200, "{\"instanceId\":\"rs-1\",\"sslStatus\":\"ENABLED\","
                + "\"engineVersion\":\"4.2\",\"topology\":\"REPLICA_SET\",\"nodes\":[],"
                + "\"renewalPolicy\":\"IN_MAINTENANCE_WINDOW\"}"));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "status", "rs-1"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("renewal    automatic, in the maintenance window");
    }

    @Test
    void anUnknownPolicyIsAUsageErrorAndSendsNothing() {
        CliRun run = CliRun.of(ENV, CliRun.against(server, "renewal-policy", "rs-1", "ALWAYS"));

        assertThat(run.exitCode()).as(run.all()).isNotZero();
        assertThat(run.all()).contains("OFF", "IN_MAINTENANCE_WINDOW");
        assertThat(server.requests).isEmpty();
    }
}
