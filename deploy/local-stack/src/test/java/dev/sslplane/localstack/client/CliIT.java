package dev.sslplane.localstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.client.ClientSettings;
import dev.sslplane.client.NotFoundException;
import dev.sslplane.client.SslplaneClient;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.localstack.SharedStack;
import dev.sslplane.security.Role;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code cli/sslplane} as a child process against the real stack: Enable → Rotate → Disable with {@code --wait},
 * refusals with their exit codes and words, and no token in any output or log.
 */
@SharedStack.Uses
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {

    private static final String ID = "rs-cli";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedStack.Stack stack;
    private CliProcess cli;
    private Path work;
    private final List<String> tokens = new ArrayList<>();

    @BeforeAll
    void registerAnInstance(SharedStack.Stack stack) throws Exception {
        this.stack = stack;
        for (Role role : List.of(Role.OPERATOR, Role.VIEWER, Role.AUDITOR)) {
            tokens.add(stack.token(role));
        }
        work = Files.createTempDirectory("sslplane-cli-it-work");
        cli = new CliProcess(stack.projectRoot(), Map.of("SSLPLANE_TOKEN", stack.token(Role.OPERATOR),
                "SSLPLANE_COMMAND_URL", stack.commandUrl(), "SSLPLANE_QUERY_URL", stack.queryUrl()));
        // the CLI has no register command (instances come from provisioning): the client registers it
        String operatorToken = stack.token(Role.OPERATOR);
        var client = new SslplaneClient(ClientSettings.local(() -> operatorToken)
                .withUrls(URI.create(stack.commandUrl()), URI.create(stack.queryUrl())));
        client.commands().register(new RegisterInstanceRequest(ID, "4.2", Topology.REPLICA_SET,
                stack.replicaSet(ID), 25));
        await().atMost(Duration.ofMinutes(1)).ignoreExceptionsInstanceOf(NotFoundException.class)
                .until(() -> client.queries().status(ID), s -> s != null);
    }

    @Test
    @Order(1)
    void listsTheInstanceAndShowsItsStatus() throws Exception {
        var instances = cli.run("instances");
        assertThat(instances.exitCode()).as(instances.all()).isZero();
        assertThat(instances.out()).contains("INSTANCE", ID);

        var status = cli.run("status", ID, "--output", "json");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(JSON.readTree(status.out()).path("sslStatus").asText()).isEqualTo("DISABLED");
    }

    @Test
    @Order(2)
    void enableWaitsWithALinePerNodeAndStepAndEnablingAgainIsRefused() throws Exception {
        var enable = cli.run("enable", ID, "--wait");

        assertThat(enable.exitCode()).as(enable.all()).isZero();
        for (String node : List.of("rs0-0", "rs0-1", "rs0-2")) {
            assertThat(enable.out()).containsPattern("pass 1/2 ALLOW_TLS +" + node + " +\\w+ +DONE")
                    .containsPattern("pass 2/2 PREFER_TLS +" + node + " +\\w+ +DONE");
        }
        assertThat(enable.out()).contains("ENABLE of " + ID + " completed");

        var again = cli.run("enable", ID);
        assertThat(again.exitCode()).as(again.all()).isEqualTo(3);
        assertThat(again.err()).startsWith("sslplane: refused: ").contains("SSL is", "(SSL_ALREADY_ENABLED, HTTP 409)");
    }

    @Test
    @Order(3)
    void downloadsTheCaRotatesAndShowsTheHistory() throws Exception {
        Path pem = work.resolve("ca.pem");
        var ca = cli.run("ca", ID, "-o", pem.toString());
        assertThat(ca.exitCode()).as(ca.all()).isZero();
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");

        var rotate = cli.run("rotate", ID, "--wait");
        assertThat(rotate.exitCode()).as(rotate.all()).isZero();
        assertThat(rotate.out()).contains("pass 3/3 NEW_CA_ONLY", "ROTATE of " + ID + " completed");

        var history = cli.run("history", ID, "--output", "json");
        assertThat(history.exitCode()).as(history.all()).isZero();
        assertThat(JSON.readTree(history.out())).hasSize(2);
    }

    @Test
    @Order(4)
    void disablesWhileTheAuditTrailIsFollowedAndThenTheCaIsRefused() throws Exception {
        Map<String, String> asAuditor = Map.of("SSLPLANE_TOKEN", stack.token(Role.AUDITOR));
        Process follow = cli.start(asAuditor, "audit", ID, "--follow", "--ndjson", "--interval", "1s");
        int followRun = cli.lastRun();
        try {
            // the entries so far first, so that the disable's can only come from following
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> cli.outputSoFar(followRun).contains("\"CertificateRotated\""));
            assertThat(cli.outputSoFar(followRun)).doesNotContain("\"SslDisabled\"");
            var disable = cli.run("--output", "json", "disable", ID, "--wait");
            assertThat(disable.exitCode()).as(disable.all()).isZero();
            JsonNode result = JSON.readTree(disable.out());
            assertThat(result.path("operation").path("state").asText()).isEqualTo("COMPLETED");

            await().atMost(Duration.ofSeconds(30)).until(() -> cli.outputSoFar(followRun).contains("\"SslDisabled\""));
        } finally {
            follow.destroy();
            cli.collect(follow, followRun);
        }
        String followed = cli.outputSoFar(followRun);
        assertThat(followed.lines().map(l -> readType(l)).toList())
                .containsSubsequence("InstanceRegistered", "SslEnabled", "CertificateRotated", "SslDisabled");

        var ca = cli.run("ca", ID, "-o", work.resolve("after.pem").toString());
        assertThat(ca.exitCode()).as(ca.all()).isEqualTo(3);
        assertThat(ca.err()).contains("SSL is not enabled", "SSL_NOT_ENABLED");
    }

    @Test
    @Order(5)
    void notFoundUnauthorizedAndForbiddenHaveTheirExitCodes() throws Exception {
        var missing = cli.run("status", "rs-no-such-instance");
        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(4);
        assertThat(missing.err()).startsWith("sslplane: not found: ").contains("INSTANCE_NOT_FOUND");

        var stranger = cli.run(Map.of("SSLPLANE_TOKEN", "sslp_not-a-token-of-this-stack"), "status", ID);
        assertThat(stranger.exitCode()).as(stranger.all()).isEqualTo(5);
        assertThat(stranger.err()).contains("UNAUTHENTICATED");

        Path viewerToken = work.resolve("viewer-token");
        Files.writeString(viewerToken, stack.token(Role.VIEWER) + "\n");
        var viewer = cli.run(Map.of("SSLPLANE_TOKEN", ""), "enable", ID, "--token-file", viewerToken.toString());
        assertThat(viewer.exitCode()).as(viewer.all()).isEqualTo(6);
        assertThat(viewer.err()).startsWith("sslplane: forbidden: ").contains("FORBIDDEN");
    }

    @Test
    @Order(6)
    void noTokenIsEverPrintedOrLogged() throws Exception {
        var asArgument = cli.run("status", ID, "--token", tokens.get(0));
        assertThat(asArgument.exitCode()).isEqualTo(2);

        assertThat(cli.printed()).as("outputs of every run").isNotEmpty().allSatisfy(output -> {
            for (String token : tokens) {
                assertThat(output).doesNotContain(token);
            }
        });
        for (Path log : stack.logFiles()) {
            String content = Files.readString(log);
            for (String token : tokens) {
                assertThat(content).as("log %s", log.getFileName()).doesNotContain(token);
            }
        }
    }

    private static String readType(String line) {
        try {
            return JSON.readTree(line).path("type").asText();
        } catch (Exception e) {
            return "(not JSON: " + line + ")";
        }
    }
}
