package dev.sslplane.commandservice.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A whole authenticated Enable → Rotate → Disable, plus refused and unauthenticated calls: the service log never
 * shows an API token (any role's, presented valid or invalid) or a vault master key.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsIT extends IntegrationTestBase {

    private static final List<String> VERBOSE = List.of("org.springframework.security", "org.springframework.web",
            "dev.sslplane");

    /** Trace logging of security, debug of web and the service itself while the test runs: the most a log could show. */
    @BeforeEach
    void verbose() {
        VERBOSE.forEach(logger -> LoggingSystem.get(getClass().getClassLoader()).setLogLevel(logger,
                logger.equals("org.springframework.security") ? LogLevel.TRACE : LogLevel.DEBUG));
    }

    @AfterEach
    void quiet() {
        VERBOSE.forEach(logger -> LoggingSystem.get(getClass().getClassLoader()).setLogLevel(logger, null));
    }

    @Test
    void tokensAndMasterKeysNeverReachTheLog(CapturedOutput output) {
        String id = newInstanceId();
        register(id);
        String enable = enable(id);
        completeRestart(id, enable, 2);
        var rotate = post("/api/v1/instances/" + id + "/ssl:rotate", null);
        assertThat(rotate.statusCode()).as(rotate.body()).isEqualTo(202);
        completeRestart(id, json(rotate).get("operationId").asText(), 3);
        var disable = post("/api/v1/instances/" + id + "/ssl:disable", null);
        assertThat(disable.statusCode()).as(disable.body()).isEqualTo(202);
        completeRestart(id, json(disable).get("operationId").asText(), 2);
        assertThat(storedEventTypes(id)).contains("SslEnabledEvent", "CertificateRotatedEvent", "SslDisabledEvent");

        // refusals and failures log too: wrong role, unknown token, a token glued to junk, a master-key rotation
        String operator = TestTokens.token(Role.OPERATOR);
        assertThat(post("/api/v1/admin/vault:rotate-master-key", null, Role.OPERATOR).statusCode()).isEqualTo(403);
        assertThat(postRaw("/api/v1/instances/" + id + "/ssl:enable", null,
                Map.of("Authorization", "Bearer " + operator + "x")).statusCode()).isEqualTo(401);
        assertThat(postRaw("/api/v1/instances/" + id + "/ssl:enable", null,
                Map.of("Authorization", "Bearer " + operator + ".a.b")).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/admin/vault:rotate-master-key", null, Role.ADMIN).statusCode()).isEqualTo(200);

        List<String> secrets = new ArrayList<>(TestTokens.all().values());
        secrets.add(MASTER_KEY);
        secrets.add(NEXT_MASTER_KEY);
        String log = output.getAll();
        assertThat(log).as("the run was logged at all").contains("Securing POST")
                .contains("ssl:rotate");
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
            // also no recognisable part of it (a log line cut or wrapped mid-token)
            assertThat(log).doesNotContain(secret.substring(secret.length() - 20));
        }
    }
}
