package dev.sslplane.localstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sslplane.client.ClientSettings;
import dev.sslplane.client.ForbiddenException;
import dev.sslplane.client.NotFoundException;
import dev.sslplane.client.RefusedException;
import dev.sslplane.client.SslplaneClient;
import dev.sslplane.client.UnauthenticatedException;
import dev.sslplane.client.model.AuditEntry;
import dev.sslplane.client.model.AuditQuery;
import dev.sslplane.client.model.Certificate;
import dev.sslplane.client.model.Operation;
import dev.sslplane.client.model.OperationAccepted;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.localstack.SharedStack;
import dev.sslplane.security.Role;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The REST client against the real stack: Enable → Rotate → Disable on a fresh instance, refusals as exceptions. */
@SharedStack.Uses
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientRestIT {

    private static final String ID = "rs-client-rest";
    private static final Duration OPERATION = Duration.ofMinutes(4);

    private SharedStack.Stack stack;
    private SslplaneClient operator;
    private SslplaneClient viewer;
    private SslplaneClient auditor;

    @BeforeAll
    void clients(SharedStack.Stack stack) throws Exception {
        this.stack = stack;
        operator = client(stack.token(Role.OPERATOR));
        viewer = client(stack.token(Role.VIEWER));
        auditor = client(stack.token(Role.AUDITOR));
    }

    private SslplaneClient client(String token) {
        return new SslplaneClient(ClientSettings.local(() -> token)
                .withUrls(URI.create(stack.commandUrl()), URI.create(stack.queryUrl())));
    }

    @Test
    @Order(1)
    void registersAnInstanceThatTheQuerySideThenShowsDisabled() throws Exception {
        var registered = operator.commands().register(new RegisterInstanceRequest(ID, "4.2", Topology.REPLICA_SET,
                stack.replicaSet(ID), 25));

        assertThat(registered.instanceId()).isEqualTo(ID);
        var status = await().atMost(Duration.ofMinutes(1)).ignoreExceptionsInstanceOf(NotFoundException.class)
                .until(() -> viewer.queries().status(ID), s -> s != null);
        assertThat(status.sslStatus()).isEqualTo("DISABLED");
        assertThat(status.nodes()).hasSize(3);
    }

    @Test
    @Order(2)
    void enablesAndFollowsTheRollingRestartOnTheStream() {
        OperationAccepted accepted = operator.commands().enable(ID, null, "client-rest-enable-1");
        // the same key again is answered as before: nothing starts twice
        OperationAccepted again = operator.commands().enable(ID, null, "client-rest-enable-1");
        assertThat(again.operationId()).isEqualTo(accepted.operationId());
        assertThat(again.replayed()).isTrue();
        // another key while it runs is a refusal with the progress so far
        assertThatThrownBy(() -> operator.commands().rotate(ID))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_IN_PROGRESS);
                    assertThat(e.problem().properties()).containsKey("progress");
                });

        List<Operation> seen = new ArrayList<>();
        Operation done = viewer.queries().follow(ID, accepted.operationId(), OPERATION, seen::add);

        assertThat(done.state()).as("%s", done.failure()).isEqualTo("COMPLETED");
        assertThat(done.passes()).extracting(Operation.Pass::name).containsExactly("ALLOW_TLS", "PREFER_TLS");
        assertThat(seen.size()).as("states seen on the stream").isGreaterThan(1);
        assertThat(seen).extracting(Operation::stepsDone).isSorted();
        assertThat(viewer.queries().status(ID).sslStatus()).isEqualTo("ENABLED");
    }

    @Test
    @Order(3)
    void enablingTwiceIsRefusedWithTheStableCode() {
        assertThatThrownBy(() -> operator.commands().enable(ID))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SSL_ALREADY_ENABLED);
                    assertThat(e.status()).isEqualTo(409);
                });
    }

    @Test
    @Order(4)
    void downloadsTheCaOfTheStatusAndRotatesIt() {
        String pem = viewer.queries().caPem(ID);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        String serial = viewer.queries().status(ID).currentCa().serial();

        OperationAccepted rotation = operator.commands().rotate(ID);
        Operation done = viewer.queries().follow(ID, rotation.operationId(), OPERATION, o -> { });

        assertThat(done.state()).as("%s", done.failure()).isEqualTo("COMPLETED");
        List<Certificate> history = viewer.queries().history(ID);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).current()).isTrue();
        assertThat(history.get(1).serial()).isEqualTo(serial);
        assertThat(history.get(1).retiredByOperation()).isEqualTo(rotation.operationId());
    }

    @Test
    @Order(5)
    void disablesAndThenTheCaDownloadIsRefused() {
        OperationAccepted disable = operator.commands().disable(ID);
        Operation done = viewer.queries().follow(ID, disable.operationId(), OPERATION, o -> { });

        assertThat(done.state()).as("%s", done.failure()).isEqualTo("COMPLETED");
        assertThatThrownBy(() -> viewer.queries().caPem(ID))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SSL_NOT_ENABLED));
    }

    @Test
    @Order(6)
    void theAuditTrailNamesTheOperatorAsTheActor() {
        List<AuditEntry> exported = new ArrayList<>();
        long count = auditor.queries().exportAudit(AuditQuery.instance(ID), exported::add);

        assertThat(count).isEqualTo(exported.size());
        assertThat(exported).extracting(AuditEntry::type)
                .containsSubsequence("InstanceRegistered", "SslEnabled", "CertificateRotated", "SslDisabled");
        assertThat(exported).filteredOn(e -> e.type().matches("SslEnabled|CertificateRotated|SslDisabled"))
                .extracting(AuditEntry::actor).containsOnly("token:local-operator");
        assertThat(auditor.queries().audit(AuditQuery.instance(ID).limit(2)).items()).hasSize(2);
    }

    @Test
    @Order(7)
    void whoMayNotIsToldSoWithTheRightException() {
        assertThatThrownBy(() -> viewer.commands().enable(ID))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> client("sslp_not-a-token-of-this-stack").queries().status(ID))
                .isInstanceOfSatisfying(UnauthenticatedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThatThrownBy(() -> viewer.queries().status("rs-no-such-instance"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INSTANCE_NOT_FOUND));
    }
}
