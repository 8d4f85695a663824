package dev.sslplane.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.testsupport.FleetProcess;
import dev.sslplane.testsupport.TestCa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The control API as the worker uses it, with the status code each call must answer. */
final class FleetApi {

    private final FleetProcess fleet;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    FleetApi(FleetProcess fleet) {
        this.fleet = fleet;
    }

    static String base(String instance, String node) {
        return "/api/v1/instances/" + instance + "/nodes/" + node;
    }

    /** Creates a node on a free port; answers its status. */
    JsonNode create(String instance, String node, String engine, String role) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("host", "127.0.0.1", "port", FleetProcess.freePort(),
                "engineVersion", engine, "initialRole", role, "altNames", List.of("localhost")));
        return put(base(instance, node), body, 200);
    }

    static NodeAddress address(JsonNode status) {
        return new NodeAddress(status.get("host").asText(), status.get("port").asInt());
    }

    /** CSR on the node, signed by {@code issuer}, installed with {@code caBundlePem} as ca.pem. */
    void installTls(String instance, String node, TestCa issuer, String caBundlePem) throws Exception {
        String csr = post(base(instance, node) + "/csr", Map.of(), 200).get("csrPem").asText();
        assertThat(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----").doesNotContain("PRIVATE");
        put(base(instance, node) + "/tls/certificate", Map.of("certificatePem", issuer.sign(csr)), 200);
        put(base(instance, node) + "/tls/ca", Map.of("caPem", caBundlePem), 200);
    }

    /** A mongod.conf in the engine's dialect naming the node's own files. */
    String tlsConfig(String instance, String node, String engine, String modeWord) throws Exception {
        JsonNode paths = get(base(instance, node), 200).get("paths");
        String section = "4.2".equals(engine) ? "tls" : "ssl";
        String keyOption = "4.2".equals(engine) ? "certificateKeyFile" : "PEMKeyFile";
        return "net:\n  bindIp: 127.0.0.1\n  " + section + ":\n    mode: " + modeWord + "\n    " + keyOption + ": "
                + paths.get("certificateKeyFile").asText() + "\n    CAFile: " + paths.get("caFile").asText() + "\n";
    }

    JsonNode writeConfig(String instance, String node, String text) throws Exception {
        return send(authorized(base(instance, node) + "/config", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(text)).build(), 200);
    }

    JsonNode restart(String instance, String node, int expected) throws Exception {
        return post(base(instance, node) + "/restart", null, expected);
    }

    JsonNode status(String instance, String node) throws Exception {
        return get(base(instance, node), 200);
    }

    List<JsonNode> list(String instance) throws Exception {
        var result = new java.util.ArrayList<JsonNode>();
        get("/api/v1/instances/" + instance + "/nodes", 200).forEach(result::add);
        return result;
    }

    JsonNode get(String path, int expected) throws Exception {
        return send(authorized(path, "application/json").GET().build(), expected);
    }

    JsonNode post(String path, Object body, int expected) throws Exception {
        return send(authorized(path, "application/json").POST(json(body)).build(), expected);
    }

    JsonNode put(String path, Object body, int expected) throws Exception {
        return send(authorized(path, "application/json").PUT(json(body)).build(), expected);
    }

    JsonNode send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? mapper.nullNode() : mapper.readTree(response.body());
    }

    HttpRequest.Builder unauthorized(String path) {
        return HttpRequest.newBuilder(URI.create(fleet.url() + path));
    }

    private HttpRequest.Builder authorized(String path, String contentType) {
        return unauthorized(path).header("Authorization", "Bearer " + fleet.token)
                .header("Content-Type", contentType);
    }

    private HttpRequest.BodyPublisher json(Object body) throws Exception {
        return body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body));
    }
}
