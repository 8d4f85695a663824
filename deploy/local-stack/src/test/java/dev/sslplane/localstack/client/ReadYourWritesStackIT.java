package dev.sslplane.localstack.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.localstack.SharedStack;
import dev.sslplane.nodeclient.FreePorts;
import dev.sslplane.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Read-your-writes over the real processes, as the issue tried it: register N instances and enable each, and read
 * every {@code Location} the command service answers at once, as any HTTP client would follow it. None may answer
 * 404, and each must show its own registration or operation; so must the instance's status read at the position
 * the 202 named. For comparison it also reads each operation once without the position, right after its 202, and
 * reports how often that was still 404 (it may be 0 on a quiet machine: the deterministic negative control is
 * {@code ReadYourWritesIT} in the query service, whose projection is held behind on purpose).
 *
 * <p>The instances' nodes listen nowhere, so each Enable is accepted and then fails its pre-flight at once: what is
 * tested here is what the query side shows right after a command, not the rolling restart (that costs 3 fleet
 * nodes per instance and is what the other shared-stack tests do). Commands go as the admin: rate limits are per
 * principal, so this test's burst does not slow the other classes' operator commands on the shared stack.
 */
@SharedStack.Uses
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesStackIT {

    private static final int INSTANCES = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private SharedStack.Stack stack;
    private String commander;
    private String viewer;

    @BeforeAll
    void tokens(SharedStack.Stack stack) throws Exception {
        this.stack = stack;
        commander = stack.token(Role.ADMIN);
        viewer = stack.token(Role.VIEWER);
    }

    @Test
    void everyLocationAnsweredToACommandShowsThatCommandAtOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            ids.add("rs-ryw-" + i);
        }
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            HttpResponse<String> registered = post("/api/v1/instances", json.writeValueAsString(registration(id)));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            HttpResponse<String> status = get(location(registered));
            expect(problems, "registration of " + id, status, body -> body.path("instanceId").asText().equals(id));
        }
        int notFoundWithoutPosition = 0;
        for (String id : ids) {
            HttpResponse<String> accepted = post("/api/v1/instances/" + id + "/ssl:enable", null);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            JsonNode body = json.readTree(accepted.body());
            String op = body.path("operationId").asText();
            String location = location(accepted);
            // the comparison first, while the projection is most likely behind
            if (get(location.substring(0, location.indexOf('?'))).statusCode() == 404) {
                notFoundWithoutPosition++;
            }
            expect(problems, "Location of enable " + op, get(location),
                    operation -> operation.path("operationId").asText().equals(op));
            expect(problems, "status of " + id + " at the position of " + op,
                    get(stack.queryUrl() + "/api/v1/instances/" + id + "/ssl?position=" + body.path("position")),
                    status -> status.path("operation").path("operationId").asText().equals(op));
        }
        System.out.printf("[read-your-writes] %d registrations and %d enables: %d reads at the answered position "
                + "went wrong; without the position, %d of %d operations were still 404 right after the 202%n",
                INSTANCES, INSTANCES, problems.size(), notFoundWithoutPosition, INSTANCES);
        assertThat(problems).as("reads of a Location or at a position that were 404 or did not show the command")
                .isEmpty();
    }

    private interface Shows {
        boolean test(JsonNode body);
    }

    private void expect(List<String> problems, String what, HttpResponse<String> answer, Shows shows)
            throws Exception {
        if (answer.statusCode() != 200 || !shows.test(json.readTree(answer.body()))) {
            problems.add(what + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
    }

    private static String location(HttpResponse<String> answer) {
        return answer.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
    }

    /** Three nodes on loopback ports nothing listens on: registered, never reached. */
    private static RegisterInstanceRequest registration(String id) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(new NodeSpec("n" + i, "127.0.0.1", FreePorts.next(),
                    i == 0 ? NodeRole.PRIMARY : NodeRole.SECONDARY, List.of()));
        }
        return new RegisterInstanceRequest(id, "4.2", Topology.REPLICA_SET, nodes, 10);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.commandUrl() + path))
                .header("Authorization", "Bearer " + commander).timeout(Duration.ofSeconds(30));
        request = body == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + viewer)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
