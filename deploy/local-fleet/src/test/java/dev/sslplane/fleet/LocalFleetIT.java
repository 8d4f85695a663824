package dev.sslplane.fleet;

import static dev.sslplane.fleet.FleetApi.address;
import static dev.sslplane.fleet.FleetApi.base;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoIncompatibleDriverException;
import com.mongodb.client.MongoClients;
import dev.sslplane.nodeclient.NodeAddress;
import dev.sslplane.nodeclient.NodeClient;
import dev.sslplane.nodeclient.NodeClientException;
import dev.sslplane.nodeclient.NodeCommandException;
import dev.sslplane.nodeclient.Pems;
import dev.sslplane.nodeclient.TlsOptions;
import dev.sslplane.testsupport.TestCa;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** One node at a time, as a driver and the worker see it: wire versions, config files, TLS modes, the API. */
class LocalFleetIT extends FleetITBase {


    @Test
    void eachEngineAnswersWithItsWireVersionAndTheDriverDecides() throws Exception {
        Map<String, Integer> wire = Map.of("3.4", 5, "4.0", 7, "4.2", 8);
        Map<String, String> versions = Map.of("3.4", "3.4.24", "4.0", "4.0.28", "4.2", "4.2.25");
        for (String engine : wire.keySet()) {
            String instance = "wire-" + engine.replace(".", "");
            NodeAddress node = address(api.create(instance, "n0", engine, "PRIMARY"));
            Document hello = client.isMaster(node, TlsOptions.plain());
            assertThat(hello.getInteger("maxWireVersion")).as(engine).isEqualTo(wire.get(engine));
            assertThat(hello.getInteger("minWireVersion")).isZero();
            assertThat(hello.getString("setName")).isEqualTo(instance);
            assertThat(hello.getString("me")).isEqualTo(node.host() + ":" + node.port());
            assertThat(hello.getBoolean("ismaster")).isTrue();
            assertThat(hello.getList("hosts", String.class)).containsExactly(node.host() + ":" + node.port());
            assertThat(client.run(node, TlsOptions.plain(), new Document("buildInfo", 1)).getString("version"))
                    .isEqualTo(versions.get(engine));
        }
        NodeAddress fourTwo = address(api.status("wire-42", "n0"));
        try (var driver = MongoClients.create(driverSettings(fourTwo))) {
            driver.getDatabase("app").getCollection("things").insertOne(new Document("_id", "one"));
            assertThat(driver.getDatabase("app").getCollection("things").countDocuments()).isEqualTo(1);
        }
        NodeAddress fourZero = address(api.status("wire-40", "n0"));
        try (var driver = MongoClients.create(driverSettings(fourZero))) {
            assertThatThrownBy(() -> driver.getDatabase("admin").runCommand(new Document("ping", 1)))
                    .isInstanceOf(MongoIncompatibleDriverException.class).hasMessageContaining("wire version 7");
        }
    }

    @Test
    void theFourModesDecideWhoGetsIn() throws Exception {
        var ca = new TestCa("modes CA");
        TlsOptions trusting = TlsOptions.verified(Pems.trusting(ca.pem()));
        NodeAddress node = address(api.create("modes", "n0", "4.2", "PRIMARY"));
        assertThat(reachable(node, TlsOptions.plain())).as("plain on disabled").isTrue();
        assertThat(reachable(node, trusting)).as("TLS on disabled").isFalse();

        api.installTls("modes", "n0", ca, ca.pem());
        api.writeConfig("modes", "n0", api.tlsConfig("modes", "n0", "4.2", "allowTLS"));
        JsonNode allow = api.restart("modes", "n0", 200);
        assertThat(allow.get("tlsMode").asText()).isEqualTo("allow");
        assertThat(allow.get("certificateSerial").asText()).isNotBlank();
        assertThat(allow.get("trustedCas").get(0).get("subject").asText()).contains("modes CA");
        assertThat(allow.toString()).doesNotContain("PRIVATE");
        assertThat(reachable(node, TlsOptions.plain())).as("plain on allow").isTrue();
        assertThat(reachable(node, trusting)).as("TLS on allow").isTrue();
        assertThat(reachable(node, TlsOptions.verified(Pems.trusting(new TestCa("stranger").pem()))))
                .as("a client that does not trust the node's CA").isFalse();
        var foreignClient = new TestCa("foreign client CA").clientIdentity();
        assertThat(reachable(node, TlsOptions.verified(InsistentClientContext.of(ca.certificate(),
                foreignClient.getKey(), foreignClient.getValue()))))
                .as("a client certificate from a CA the node does not trust").isFalse();
        var trustedClient = ca.clientIdentity();
        assertThat(reachable(node, TlsOptions.verified(InsistentClientContext.of(ca.certificate(),
                trustedClient.getKey(), trustedClient.getValue()))))
                .as("a client certificate from the node's CA").isTrue();

        client.setParameter(node, TlsOptions.plain(), "tlsMode", "preferTLS");
        assertThat(client.getParameter(node, TlsOptions.plain(), "tlsMode").getString("tlsMode")).isEqualTo("preferTLS");
        assertThat(client.getParameter(node, TlsOptions.plain(), "sslMode").getString("sslMode")).isEqualTo("preferSSL");
        assertThat(api.status("modes", "n0").get("tlsMode").asText()).isEqualTo("prefer");
        assertThatThrownBy(() -> client.setParameter(node, TlsOptions.plain(), "tlsMode", "allowTLS"))
                .isInstanceOfSatisfying(NodeCommandException.class, e -> {
                    assertThat(e.code()).isEqualTo(2);
                    assertThat(e.errmsg()).isEqualTo(
                            "Illegal state transition for tlsMode, attempt to change from preferTLS to allowTLS");
                });

        client.setParameter(node, trusting, "tlsMode", "requireTLS");
        assertThat(reachable(node, TlsOptions.plain())).as("plain on require").isFalse();
        assertThat(reachable(node, trusting)).as("TLS on require").isTrue();

        assertThat(api.restart("modes", "n0", 200).get("tlsMode").asText()).as("a restart reads the file again")
                .isEqualTo("allow");
        assertThat(reachable(node, TlsOptions.plain())).isTrue();
    }

    @Test
    void aFileMongodWouldRefuseKeepsTheNodeDown() throws Exception {
        var ca = new TestCa("old engine CA");
        NodeAddress node = address(api.create("refusals", "n0", "4.0", "PRIMARY"));
        api.installTls("refusals", "n0", ca, ca.pem());
        String tlsDialect = api.tlsConfig("refusals", "n0", "4.2", "preferTLS");
        api.writeConfig("refusals", "n0", tlsDialect);
        assertThat(api.get(base("refusals", "n0"), 200).get("state").asText()).as("writing is not starting")
                .isEqualTo("RUNNING");

        JsonNode refused = api.restart("refusals", "n0", 422);
        assertThat(refused.get("code").asText()).isEqualTo("NODE_START_FAILED");
        assertThat(refused.get("detail").asText()).contains("Unrecognized option: net.tls");
        JsonNode failed = api.status("refusals", "n0");
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("replState").asText()).isEqualTo("DOWN");
        assertThat(failed.get("failureReason").asText()).contains("Unrecognized option: net.tls");
        assertThat(fleet.log()).contains("failed to start: Error parsing YAML config file: Unrecognized option: net.tls");
        assertThat(reachable(node, TlsOptions.plain())).as("a failed node answers nothing").isFalse();

        api.writeConfig("refusals", "n0", api.tlsConfig("refusals", "n0", "4.0", "preferSSL")
                .replace("ca.pem", "missing-ca.pem"));
        assertThat(api.restart("refusals", "n0", 422).get("detail").asText())
                .contains("missing-ca.pem").contains("No such file or directory");

        api.writeConfig("refusals", "n0", api.tlsConfig("refusals", "n0", "4.0", "preferSSL"));
        assertThat(api.restart("refusals", "n0", 200).get("state").asText()).isEqualTo("RUNNING");
        TlsOptions trusting = TlsOptions.verified(Pems.trusting(ca.pem()));
        assertThat(reachable(node, trusting)).isTrue();
        assertThatThrownBy(() -> client.setParameter(node, trusting, "tlsMode", "requireTLS"))
                .as("4.0 has no tlsMode").isInstanceOf(NodeCommandException.class);
        assertThatThrownBy(() -> client.setParameter(node, trusting, "sslMode", "allowSSL"))
                .isInstanceOfSatisfying(NodeCommandException.class, e -> assertThat(e.code()).isEqualTo(2));
        client.setParameter(node, trusting, "sslMode", "requireSSL");
        assertThat(client.getParameter(node, trusting, "sslMode").getString("sslMode")).isEqualTo("requireSSL");
    }

    @Test
    void nodesLiveOnlyWhereTheyWereCreated() throws Exception {
        try (var squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", 0));
            JsonNode conflict = api.put(base("ports", "n0"), Map.of("host", "127.0.0.1", "port",
                    squatter.getLocalPort(), "engineVersion", "4.2", "initialRole", "PRIMARY"), 409);
            assertThat(conflict.get("code").asText()).isEqualTo("PORT_IN_USE");
        }
        JsonNode created = api.create("ports", "n1", "4.2", "PRIMARY");
        int port = created.get("port").asInt();
        assertThat(api.put(base("ports", "n2"), Map.of("host", "127.0.0.1", "port", port, "engineVersion", "4.2",
                "initialRole", "SECONDARY"), 409).get("code").asText()).isEqualTo("PORT_IN_USE");
        assertThat(api.put(base("ports", "n1"), Map.of("host", "127.0.0.1", "port", port, "engineVersion", "4.2",
                "initialRole", "PRIMARY"), 200).get("port").asInt()).as("idempotent").isEqualTo(port);

        assertThat(api.get(base("ports", "nope"), 404).get("code").asText()).isEqualTo("NODE_NOT_FOUND");
        assertThat(api.send(api.unauthorized("/api/v1/instances/ports/nodes").GET().build(), 401)
                .get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(api.put(base("ports", "n3"), Map.of("host", "127.0.0.1", "port", 1, "engineVersion", "3.6",
                "initialRole", "PRIMARY"), 400).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.put(base("ports", "n1") + "/tls/ca", Map.of("caPem", "not a certificate"), 400)
                .get("code").asText()).isEqualTo("VALIDATION_FAILED");

        var ca = new TestCa("mismatch CA");
        api.create("ports", "other", "4.2", "SECONDARY");
        String otherCsr = api.post(base("ports", "other") + "/csr", Map.of(), 200).get("csrPem").asText();
        api.post(base("ports", "n1") + "/csr", Map.of(), 200);
        assertThat(api.put(base("ports", "n1") + "/tls/certificate", Map.of("certificatePem", ca.sign(otherCsr)), 422)
                .get("code").asText()).isEqualTo("CERTIFICATE_KEY_MISMATCH");
    }

    @Test
    void aFleetRestartBringsNodesBackFromTheirFiles() throws Exception {
        var ca = new TestCa("persisted CA");
        NodeAddress node = address(api.create("persist", "n0", "4.2", "PRIMARY"));
        NodeAddress stopped = address(api.create("persist-stopped", "n0", "4.2", "PRIMARY"));
        api.installTls("persist", "n0", ca, ca.pem());
        api.writeConfig("persist", "n0", api.tlsConfig("persist", "n0", "4.2", "preferTLS"));
        api.restart("persist", "n0", 200);
        try (var driver = MongoClients.create(driverSettings(node))) {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                driver.getDatabase("app").getCollection("kept").insertOne(new Document("_id", "before restart"));
                return true;
            });
        }
        api.post(base("persist-stopped", "n0") + "/stop", null, 200);

        fleet.stop();
        assertThat(reachable(node, TlsOptions.plain())).as("nodes go down with the fleet").isFalse();
        fleet.start();

        TlsOptions trusting = TlsOptions.verified(Pems.trusting(ca.pem()));
        await().atMost(Duration.ofSeconds(30)).until(() -> reachable(node, trusting));
        JsonNode status = api.status("persist", "n0");
        assertThat(status.get("tlsMode").asText()).isEqualTo("prefer");
        assertThat(status.get("replState").asText()).isEqualTo("PRIMARY");
        try (var driver = MongoClients.create(driverSettings(node))) {
            assertThat(driver.getDatabase("app").getCollection("kept").countDocuments()).as("data survive").isEqualTo(1);
        }
        assertThat(api.status("persist-stopped", "n0").get("state").asText()).isEqualTo("STOPPED");
        assertThat(reachable(stopped, TlsOptions.plain())).isFalse();
    }

    private boolean reachable(NodeAddress node, TlsOptions tls) {
        try {
            client.run(node, tls, new Document("ping", 1));
            return true;
        } catch (NodeClientException e) {
            return false;
        }
    }

    private static MongoClientSettings driverSettings(NodeAddress node) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + node.host() + ":" + node.port()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
                .build();
    }
}
