package dev.sslplane.worker.nodeclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.nodeclient.NodeClientException;
import dev.sslplane.nodeclient.NodeCommandException;
import dev.sslplane.worker.support.FakeNode;
import dev.sslplane.testsupport.TestCa;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The worker's node client against stand-in nodes answering as mongod 4.0 and 4.2 do, plain and over real TLS. */
class WireReplicaSetClientTest {

    private final WireReplicaSetClient client = new WireReplicaSetClient(Duration.ofSeconds(2), Duration.ofSeconds(5));

    private static Member member(FakeNode node) {
        return new Member("rs", "n", "127.0.0.1", node.port());
    }

    @Test
    void readsRolesAndTheSetAsA40MemberAnswers() throws Exception {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        try (var node = new FakeNode(null)
                .reply("isMaster", new Document("ismaster", false).append("secondary", true).append("hidden", true)
                        .append("setName", "rs0").append("primary", "127.0.0.1:27100").append("maxWireVersion", 7)
                        .append("ok", 1.0))
                .reply("replSetGetStatus", new Document("set", "rs0").append("myState", 2).append("members", List.of(
                        new Document("_id", 0).append("name", "127.0.0.1:27100").append("health", 1.0)
                                .append("stateStr", "PRIMARY").append("optimeDate", Date.from(now)),
                        new Document("_id", 1).append("name", "127.0.0.1:27101").append("health", 0.0)
                                .append("stateStr", "(not reachable/healthy)")
                                .append("optime", new Document("ts", new BsonTimestamp((int) now.getEpochSecond() - 30, 1))
                                        .append("t", 1L))
                                .append("lastHeartbeatMessage", "Connection refused"),
                        new Document("_id", 2).append("name", "127.0.0.1:27102").append("health", 1)
                                .append("stateStr", "SECONDARY").append("self", true)
                                .append("optimeDate", Date.from(now.minusSeconds(2))))).append("ok", 1.0))) {
            Hello hello = client.isMaster(member(node), Connection.plain()).block();
            assertThat(hello.role()).isEqualTo(NodeRole.HIDDEN);
            assertThat(hello.maxWireVersion()).isEqualTo(7);
            assertThat(hello.primaryAddress()).isEqualTo("127.0.0.1:27100");

            ReplicaSetStatus status = client.replSetGetStatus(member(node), Connection.plain()).block();
            assertThat(status.set()).isEqualTo("rs0");
            assertThat(status.primaries()).extracting(ReplicaSetStatus.MemberStatus::name)
                    .containsExactly("127.0.0.1:27100");
            var down = status.member("127.0.0.1:27101").orElseThrow();
            assertThat(down.healthy()).isFalse();
            assertThat(down.lastHeartbeatMessage()).isEqualTo("Connection refused");
            assertThat(ReplicaSetStatus.lag(status.primaries().get(0), down)).isEqualTo(Duration.ofSeconds(30));
            var self = status.member("127.0.0.1:27102").orElseThrow();
            assertThat(self.self()).isTrue();
            assertThat(ReplicaSetStatus.lag(status.primaries().get(0), self)).isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void setsAndReadsTheModeInTheEnginesOwnWordsAndReportsARefusalWithTheNodesWords() throws Exception {
        try (var node = new FakeNode(null)
                .reply("setParameter", new Document("was", "allowSSL").append("ok", 1.0))
                .reply("getParameter", new Document("sslMode", "preferSSL").append("ok", 1.0))) {
            client.setMode(member(node), Connection.plain(), EngineVersion.V4_0, TlsMode.PREFER).block();
            assertThat(node.received().get(0)).isEqualTo(new Document("setParameter", 1).append("sslMode",
                    "preferSSL"));
            assertThat(client.mode(member(node), Connection.plain(), EngineVersion.V4_0).block())
                    .isEqualTo(TlsMode.PREFER);
        }
        try (var node = new FakeNode(null).reply("setParameter", new Document("ok", 0.0).append("code", 2)
                .append("codeName", "BadValue")
                .append("errmsg", "Illegal state transition for tlsMode, attempt to change from allowTLS to requireTLS"))) {
            assertThatThrownBy(() -> client.setMode(member(node), Connection.plain(), EngineVersion.V4_2,
                    TlsMode.REQUIRE).block()).isInstanceOfSatisfying(NodeCommandException.class, e -> {
                        assertThat(e.code()).isEqualTo(2);
                        assertThat(e.errmsg()).contains("Illegal state transition");
                    });
            assertThat(node.received().get(0)).isEqualTo(new Document("setParameter", 1).append("tlsMode",
                    "requireTLS"));
        }
    }

    @Test
    void tlsIsVerifiedAgainstTheGivenCaWithTheHostName() throws Exception {
        var ca = new TestCa("node client test CA");
        var other = new TestCa("another CA");
        try (var node = new FakeNode(ca.serverContext(List.of("127.0.0.1")))
                .reply("isMaster", new Document("ismaster", true).append("maxWireVersion", 8).append("ok", 1.0))) {
            assertThat(client.isMaster(member(node), Connection.verified(List.of(other.pem(), ca.pem()))).block()
                    .role()).isEqualTo(NodeRole.PRIMARY);
            assertThat(client.isMaster(member(node), Connection.anyCertificate()).block().primary()).isTrue();
            assertThatThrownBy(() -> client.isMaster(member(node), Connection.verified(List.of(other.pem()))).block())
                    .isInstanceOfSatisfying(NodeClientException.class,
                            e -> assertThat(e.kind()).isEqualTo(NodeClientException.Kind.TLS_HANDSHAKE));
            assertThatThrownBy(() -> client.isMaster(member(node), Connection.plain()).block())
                    .isInstanceOf(NodeClientException.class);
        }
        try (var wrongName = new FakeNode(ca.serverContext(List.of("node.example")))
                .reply("isMaster", new Document("ismaster", true).append("ok", 1.0))) {
            assertThatThrownBy(() -> client.isMaster(member(wrongName), Connection.verified(List.of(ca.pem())))
                    .block()).as("the certificate does not name 127.0.0.1")
                    .isInstanceOfSatisfying(NodeClientException.class,
                            e -> assertThat(e.kind()).isEqualTo(NodeClientException.Kind.TLS_HANDSHAKE));
        }
    }

    @Test
    void nothingListeningIsAConnectFailure() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> client.isMaster(new Member("rs", "n", "127.0.0.1", port), Connection.plain())
                .block()).isInstanceOfSatisfying(NodeClientException.class,
                e -> assertThat(e.kind()).isEqualTo(NodeClientException.Kind.CONNECT));
    }
}
