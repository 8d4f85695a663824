package dev.sslplane.cli;

import static dev.sslplane.cli.ScriptedServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code sslplane renew --member}: the single-node renewal of a replaced member, and renewing every member. */
class RenewMembersCliTest {

    private static final Map<String, String> ENV = Map.of("SSLPLANE_TOKEN", "sslp_unit-test-token-0123456789");
    private static final String ACCEPTED =
            "{\"instanceId\":\"rs-1\",\"operationId\":\"op-9\",\"kind\":\"RENEW_NODE_CERTIFICATES\"}";

    private final ScriptedServer server = new ScriptedServer();

    RenewMembersCliTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void memberNamesTheMembersToRenew() {
        server.on("POST /api/v1/instances/rs-1/ssl:renew-node-certificates", json(202, ACCEPTED));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "renew", "rs-1", "--member", "rs0-3"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.requests.get(0).body()).isEqualTo("{\"members\":[\"rs0-3\"]}");
        assertThat(run.out()).contains("op-9");
    }

    @Test
    void severalMembersAndTheWindowGoInOneBody() {
        server.on("POST /api/v1/instances/rs-1/ssl:renew-node-certificates", json(202, ACCEPTED));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "renew", "rs-1", "--member", "rs0-3", "--member",
                "rs0-1", "--schedule", "maintenance-window"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.requests.get(0).body())
                .isEqualTo("{\"schedule\":\"MAINTENANCE_WINDOW\",\"members\":[\"rs0-3\",\"rs0-1\"]}");
    }

    @Test
    void withoutMemberEveryMemberIsRenewedWithTheBodyItAlwaysSent() {
        server.on("POST /api/v1/instances/rs-1/ssl:renew-node-certificates", json(202, ACCEPTED));

        CliRun run = CliRun.of(ENV, CliRun.against(server, "renew", "rs-1"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.requests.get(0).body()).isEmpty();
    }
}
