package dev.sslplane.commandservice.api.signing;

import static dev.sslplane.commandservice.pki.TestPki.csr;
import static dev.sslplane.commandservice.pki.TestPki.dns;
import static dev.sslplane.commandservice.pki.TestPki.ip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.sslplane.commandservice.it.IntegrationTestBase;
import dev.sslplane.commandservice.pki.Pem;
import dev.sslplane.commandservice.pki.TestPki;
import dev.sslplane.contracts.messaging.SignCsrRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The signing endpoint in the running service: REST → command gateway → aggregate → PKI → vault (MongoDB-wire
 * server), answered as the restart worker sees it.
 */
class SigningEndpointIT extends IntegrationTestBase {

    private static String path(String instanceId, String operationId, String node) {
        return SignCsrRequest.PATH.replace("{instanceId}", instanceId).replace("{operationId}", operationId)
                .replace("{nodeName}", node);
    }

    private HttpResponse<String> sign(String instanceId, String operationId, String node, String csrPem) {
        return post(path(instanceId, operationId, node), new SignCsrRequest(csrPem));
    }

    @Test
    void signsTheCsrOfARegisteredNodeWhileEnableRuns() throws Exception {
        String instanceId = newInstanceId();
        register(instanceId);
        String operationId = enable(instanceId);

        var response = sign(instanceId, operationId, "n0",
                csr(TestPki.ec(), "n0", ip("10.1.0.1"), dns("n0.db.test")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        X509Certificate leaf = Pem.certificate(body.get("certificatePem").asText());
        X509Certificate ca = Pem.certificate(body.get("caChainPem").asText());
        TestPki.validate(leaf, ca);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=10.1.0.1");
        assertThat(body.get("serial").asText()).isEqualTo(leaf.getSerialNumber().toString(16));
        assertThat(response.body()).doesNotContain("PRIVATE");
        // The CA is the one the operation's event announced (its key is in the vault, encrypted).
        assertThat(storedEvents(instanceId).get(1).toJson()).contains(body.get("caChainPem").asText()
                .lines().skip(1).findFirst().orElseThrow());
        assertThat(vaultEntries(operationId)).isEqualTo(1);
    }

    @Test
    void refusesWithStableCodesAndStatuses() {
        String instanceId = newInstanceId();
        register(instanceId);
        var beforeEnable = sign(instanceId, "op-none", "n0", csr(TestPki.ec(), "n0", ip("10.1.0.1")));
        assertProblem(beforeEnable, 409, "CSR_NO_RUNNING_OPERATION");

        String operationId = enable(instanceId);
        assertProblem(sign(instanceId, operationId, "n0", csr(TestPki.ec(), "n0", ip("10.1.0.2"))),
                422, "CSR_SAN_MISMATCH");
        assertProblem(sign(instanceId, operationId, "n0", csr(TestPki.ec(), "n0", ip("10.1.0.1"), dns("evil.test"))),
                422, "CSR_SAN_MISMATCH");
        assertProblem(sign(instanceId, operationId, "n0", csr(TestPki.rsa(1024), "n0", ip("10.1.0.1"))),
                422, "CSR_WEAK_KEY");
        assertProblem(sign(instanceId, operationId, "n0",
                csr(TestPki.ec(), TestPki.ec(), "n0", ip("10.1.0.1"))), 422, "CSR_INVALID");
        assertProblem(sign(instanceId, operationId, "n0", "not a csr"), 422, "CSR_INVALID");
        assertProblem(sign(instanceId, operationId, "n9", csr(TestPki.ec(), "n9", ip("10.1.0.1"))),
                404, "CSR_NODE_UNKNOWN");
        assertProblem(sign(instanceId, "op-other", "n0", csr(TestPki.ec(), "n0", ip("10.1.0.1"))),
                409, "CSR_NO_RUNNING_OPERATION");
        assertProblem(sign("it-unknown-instance", operationId, "n0", csr(TestPki.ec(), "n0", ip("10.1.0.1"))),
                404, "INSTANCE_NOT_FOUND");
    }

    @Test
    void validatesPathAndBody() {
        String instanceId = newInstanceId();
        register(instanceId);
        String operationId = enable(instanceId);

        assertProblem(sign(instanceId, operationId, "-n0", csr(TestPki.ec(), "n0", ip("10.1.0.1"))),
                400, "VALIDATION_FAILED");
        assertProblem(sign(instanceId, operationId, "n".repeat(65), csr(TestPki.ec(), "n0", ip("10.1.0.1"))),
                400, "VALIDATION_FAILED");
        assertProblem(post(path(instanceId, operationId, "n0"), "{}"), 400, "VALIDATION_FAILED");
        assertProblem(post(path(instanceId, operationId, "n0"), "{\"csrPem\":\"  \"}"), 400, "VALIDATION_FAILED");
        assertProblem(sign(instanceId, operationId, "n0", "A".repeat(SigningController.MAX_CSR_CHARS + 1)),
                400, "VALIDATION_FAILED");
    }

    @Test
    void missingCaKeyAnswers503AndNoReplacementCaIsMade() {
        String instanceId = newInstanceId();
        register(instanceId);
        String operationId = enable(instanceId);
        assertThat(vaultEntries(operationId)).isEqualTo(1);
        vault().deleteOne(Filters.eq("operationId", operationId));

        assertProblem(sign(instanceId, operationId, "n1", csr(TestPki.ec(), "n1", ip("10.1.0.2"))),
                503, "CA_KEY_UNAVAILABLE");
        assertThat(vaultEntries(operationId)).isZero();
    }

    @Autowired
    private MongoClient mongoClient;

    private MongoCollection<Document> vault() {
        // IntegrationTestBase points sslplane.vault.database at sslplane_vault.
        return mongoClient.getDatabase("sslplane_vault").getCollection("ca_keys");
    }

    private long vaultEntries(String operationId) {
        return vault().countDocuments(Filters.eq("operationId", operationId));
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("code").asText()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("PRIVATE");
    }
}
