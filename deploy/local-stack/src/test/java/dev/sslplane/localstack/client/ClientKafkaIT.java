package dev.sslplane.localstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sslplane.client.ClientSettings;
import dev.sslplane.client.NotFoundException;
import dev.sslplane.client.RefusedException;
import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.kafka.KafkaCommandPublisher;
import dev.sslplane.client.kafka.PendingCommand;
import dev.sslplane.client.model.AuditEntry;
import dev.sslplane.client.model.AuditQuery;
import dev.sslplane.client.model.Operation;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.localstack.SharedStack;
import dev.sslplane.security.Role;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Kafka command publisher against the real stack: commands on {@code ssl.commands}, answers from
 * {@code ssl.command-results}, progress followed on the query service's stream; Enable → Rotate → Disable.
 */
@SharedStack.Uses
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientKafkaIT {

    private static final String ID = "rs-client-kafka";
    private static final String PRODUCER = "it-ops-portal";
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private static final Duration OPERATION = Duration.ofMinutes(4);

    private SharedStack.Stack stack;
    private KafkaCommandPublisher publisher;
    private SslplaneClient viewer;

    @BeforeAll
    void connect(SharedStack.Stack stack) throws Exception {
        this.stack = stack;
        publisher = new KafkaCommandPublisher(Map.of("bootstrap.servers", stack.kafkaBootstrap()), PRODUCER,
                Duration.ofSeconds(60));
        String token = stack.token(Role.VIEWER);
        viewer = new SslplaneClient(ClientSettings.local(() -> token)
                .withUrls(URI.create(stack.commandUrl()), URI.create(stack.queryUrl())));
    }

    @AfterAll
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    @Order(1)
    void registersThroughKafka() throws Exception {
        PendingCommand sent = publisher.register(new RegisterInstanceRequest(ID, "4.2", Topology.REPLICA_SET,
                stack.replicaSet(ID), 25));

        CommandResult answer = sent.await(ANSWER);

        assertThat(answer.outcome()).as(answer.message()).isEqualTo(CommandResult.Outcome.ACCEPTED);
        assertThat(answer.commandId()).isEqualTo(sent.commandId()).startsWith(PRODUCER + ":");
        var status = await().atMost(Duration.ofMinutes(1)).ignoreExceptionsInstanceOf(NotFoundException.class)
                .until(() -> viewer.queries().status(ID), s -> s != null);
        assertThat(status.sslStatus()).isEqualTo("DISABLED");
    }

    @Test
    @Order(2)
    void enablesThroughKafkaAndAResentCommandIsAnsweredAgainNotRunTwice() {
        PendingCommand enable = publisher.enable(ID, null);
        String operationId = enable.awaitAccepted(ANSWER);

        CommandResult again = publisher.resend(enable.commandId(), CommandTypes.ENABLE_SSL, ID, null).await(ANSWER);
        assertThat(again.outcome()).isEqualTo(CommandResult.Outcome.ACCEPTED);
        assertThat(again.operationId()).isEqualTo(operationId);

        Operation done = viewer.queries().follow(ID, operationId, OPERATION, o -> { });
        assertThat(done.state()).as("%s", done.failure()).isEqualTo("COMPLETED");
        assertThat(done.startedBy()).isEqualTo("service:" + PRODUCER);
    }

    @Test
    @Order(3)
    void enablingTwiceIsRejectedAsTheRestClientWouldThrowIt() {
        PendingCommand twice = publisher.enable(ID, null);

        CommandResult answer = twice.await(ANSWER);
        assertThat(answer.outcome()).isEqualTo(CommandResult.Outcome.REJECTED);
        assertThat(answer.code()).isEqualTo(ErrorCode.SSL_ALREADY_ENABLED.name());
        assertThatThrownBy(() -> twice.awaitAccepted(ANSWER))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SSL_ALREADY_ENABLED);
                    assertThat(e.status()).isEqualTo(409);
                });
    }

    @Test
    @Order(4)
    void rotatesAndDisablesThroughKafka() throws Exception {
        String rotation = publisher.rotate(ID, null).awaitAccepted(ANSWER);
        assertThat(viewer.queries().follow(ID, rotation, OPERATION, o -> { }).state()).isEqualTo("COMPLETED");

        String disable = publisher.disable(ID).awaitAccepted(ANSWER);
        assertThat(viewer.queries().follow(ID, disable, OPERATION, o -> { }).state()).isEqualTo("COMPLETED");
        assertThat(viewer.queries().status(ID).sslStatus()).isEqualTo("DISABLED");

        String auditorToken = stack.token(Role.AUDITOR);
        var auditor = new SslplaneClient(ClientSettings.local(() -> auditorToken)
                .withUrls(URI.create(stack.commandUrl()), URI.create(stack.queryUrl())));
        List<AuditEntry> entries = new ArrayList<>();
        auditor.queries().exportAudit(AuditQuery.instance(ID), entries::add);
        assertThat(entries).filteredOn(e -> e.type().matches("InstanceRegistered|SslEnabled|CertificateRotated"
                + "|SslDisabled")).extracting(AuditEntry::actor).hasSize(4).containsOnly("service:" + PRODUCER);
    }
}
