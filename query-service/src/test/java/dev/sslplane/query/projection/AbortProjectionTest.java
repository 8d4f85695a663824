package dev.sslplane.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.CollectionDigests;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.NodeTlsDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.support.Lifecycle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Abort and rollback, fed through the projection and read back: operations, status, certificates, audit. */
class AbortProjectionTest extends ProjectionFixture {

    /** An enabled instance (op-1, CA {@code old}) whose held rotation op-2 (CA {@code fresh}) waits for clients. */
    private record Waiting(Lifecycle life, CertificateInfo old, CertificateInfo fresh) {
    }

    private static Waiting rotationWaitingForClients(String instanceId) {
        var life = new Lifecycle(instanceId, T0, 3).register();
        CertificateInfo old = life.newCa();
        life.enable("op-1", old);
        life.nodes.forEach(n -> life.nodeCertificateIssued("op-1", n.name(), 397, c -> { }));
        life.restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE);
        CertificateInfo fresh = life.newCa();
        life.rotate("op-2", fresh, old.serial(), true);
        life.restartAll("op-2", 1);
        life.nodes.forEach(n -> life.nodeCertificateIssued("op-2", n.name(), 397, c -> { }));
        life.awaitClients("op-2");
        return new Waiting(life, old, fresh);
    }

    @Test
    void anAbortOfARunningOperationIsAbortingUntilTheWorkerStopsAndTheAuditNamesWhoAsked() {
        var life = new Lifecycle("rs-a", T0, 3).register();
        life.enable("op-1", life.newCa());
        life.nodeStarted("op-1", "rs0-0", 1).abortRequested("op-1", OperationKind.ENABLE);
        project(life.events());

        OperationDoc op = operation("op-1");
        assertThat(op.state).isEqualTo("ABORTING");
        assertThat(op.terminal()).as("the stream goes on until it is aborted").isFalse();
        assertThat(op.abort.requestedBy).isEqualTo("user:frank");
        assertThat(op.abort.abortedAt).isNull();
        assertThat(instance("rs-a").operation.state()).isEqualTo("ABORTING");
        assertThat(audit("rs-a")).last().satisfies(a -> {
            assertThat(a.type()).isEqualTo("OperationAbortRequested");
            assertThat(a.actor()).isEqualTo("user:frank");
            assertThat(a.summary()).contains("Abort of ENABLE operation op-1 asked for");
        });
    }

    @Test
    void anAbortThatLeftTheNodesDifferentRequiresARollbackAndShowsEachNodesState() {
        var w = rotationWaitingForClients("rs-b");
        w.life().aborted("op-2", OperationKind.ROTATE, "WAITING_FOR_CLIENTS", true, SslStatus.ENABLED,
                TlsMode.PREFER, w.old());
        project(w.life().events());

        OperationDoc op = operation("op-2");
        assertThat(op.state).isEqualTo("ABORTED");
        assertThat(op.terminal()).isTrue();
        assertThat(op.awaitingClients).isNull();
        assertThat(op.abort.abortedBy).isEqualTo("user:frank");
        assertThat(op.abort.stateBefore).isEqualTo("WAITING_FOR_CLIENTS");
        assertThat(op.abort.rollbackRequired).isTrue();
        assertThat(op.abort.nodes).hasSize(3).allSatisfy(n -> {
            assertThat(n.mode()).isEqualTo("PREFER");
            assertThat(n.trustedCaSerials()).containsExactlyInAnyOrder(w.old().serial(), w.fresh().serial());
            assertThat(n.certificateCaSerial()).isEqualTo(w.fresh().serial());
        });
        InstanceDoc inst = instance("rs-b");
        assertThat(inst.operation.state()).isEqualTo("ABORTED");
        assertThat(inst.operation.rotating()).as("no longer holds the instance").isFalse();
        assertThat(inst.rollbackRequired.operationId()).isEqualTo("op-2");
        assertThat(inst.rollbackRequired.kind()).isEqualTo("ROTATE");
        assertThat(inst.rollbackRequired.abortedBy()).isEqualTo("user:frank");
        assertThat(inst.rollbackRequired.caSerial()).isEqualTo(w.old().serial());
        assertThat(inst.rollbackRequired.tlsMode()).isEqualTo("PREFER");
        assertThat(inst.rollbackRequired.nodes()).extracting(NodeTlsDoc::node)
                .containsExactly("rs0-0", "rs0-1", "rs0-2");
        assertThat(inst.previousCa.serial()).as("the bundle still verifies every member")
                .isEqualTo(w.old().serial());
        assertThat(audit("rs-b")).last().satisfies(a -> {
            assertThat(a.type()).isEqualTo("OperationAborted");
            assertThat(a.actor()).isEqualTo("user:frank");
            assertThat(a.summary()).contains("ROTATE operation op-2 aborted (it was WAITING_FOR_CLIENTS)",
                    "a rollback is required", "rs0-0 PREFER", "presents a certificate of CA " + w.fresh().serial());
        });
    }

    @Test
    void aRollbackIsFollowedLikeAnyOperationAndOnCompletionThePreviousCaIsCurrentAgain() {
        var w = rotationWaitingForClients("rs-c");
        Lifecycle life = w.life();
        life.aborted("op-2", OperationKind.ROTATE, "WAITING_FOR_CLIENTS", true, SslStatus.ENABLED, TlsMode.PREFER,
                w.old());
        life.rollBack("op-3", "op-2", OperationKind.ROTATE, 2, TlsMode.PREFER, w.old());
        life.nodeStarted("op-3", "rs0-0", 1);
        project(life.events());

        OperationDoc rollback = operation("op-3");
        assertThat(rollback.kind).isEqualTo("ROLLBACK");
        assertThat(rollback.state).isEqualTo("RUNNING");
        assertThat(rollback.startedBy).isEqualTo("user:frank");
        assertThat(rollback.rollsBack).isEqualTo(new OperationDoc.RollsBack("op-2", "ROTATE"));
        assertThat(rollback.passes).extracting(p -> p.name)
                .containsExactly("PREVIOUS_CA_CERTIFICATES", "PREVIOUS_CA_ONLY");
        assertThat(operation("op-2").abort.rollbackOperationId).isEqualTo("op-3");
        assertThat(operation("op-2").state).isEqualTo("ABORTED");
        InstanceDoc running = instance("rs-c");
        assertThat(running.operation.operationId()).isEqualTo("op-3");
        assertThat(running.currentCa.serial()).isEqualTo(w.old().serial());
        assertThat(running.previousCa.serial()).as("bundle while it runs").isEqualTo(w.fresh().serial());
        assertThat(running.rollbackRequired.rollbackOperationId()).isEqualTo("op-3");
        assertThat(audit("rs-c")).last().satisfies(a -> assertThat(a.type()).isEqualTo("NodeRestartStarted"));
        assertThat(audit("rs-c")).filteredOn(a -> a.type().equals("OperationRollingBack")).singleElement()
                .satisfies(a -> {
                    assertThat(a.actor()).isEqualTo("user:frank");
                    assertThat(a.summary()).contains("Rollback op-3 of ROTATE operation op-2 begins",
                            "CA serial " + w.old().serial(), w.fresh().serial() + " out of use");
                });

        List<ProjectedEvent> before = life.events();
        life.nodeRestarted("op-3", "rs0-0").restartAll("op-3", 1).complete("op-3", OperationKind.ROLLBACK);
        project(life.events().subList(before.size(), life.events().size()));

        InstanceDoc done = instance("rs-c");
        assertThat(operation("op-3").state).isEqualTo("COMPLETED");
        assertThat(done.rollbackRequired).isNull();
        assertThat(done.sslStatus).isEqualTo("ENABLED");
        assertThat(done.tlsMode).isEqualTo("PREFER");
        assertThat(done.currentCa.serial()).isEqualTo(w.old().serial());
        assertThat(done.previousCa).isNull();
        Map<String, CertificateDoc> history = certificates("rs-c");
        assertThat(history.get(w.old().serial()).retiredAt).as("in use again").isNull();
        assertThat(history.get(w.fresh().serial()).retiredByOperation).isEqualTo("op-3");
    }

    @Test
    void anAbortedRollbackLeavesTheOriginalOperationToRollBackAndANewRollbackNamesItAgain() {
        var w = rotationWaitingForClients("rs-d");
        Lifecycle life = w.life();
        life.aborted("op-2", OperationKind.ROTATE, "WAITING_FOR_CLIENTS", true, SslStatus.ENABLED, TlsMode.PREFER,
                w.old());
        life.rollBack("op-3", "op-2", OperationKind.ROTATE, 2, TlsMode.PREFER, w.old());
        life.nodeStarted("op-3", "rs0-0", 1).nodeRestarted("op-3", "rs0-0");
        life.abortRequested("op-3", OperationKind.ROLLBACK);
        life.aborted("op-3", OperationKind.ROLLBACK, "RUNNING", true, SslStatus.ENABLED, TlsMode.PREFER, w.old());
        project(life.events());

        assertThat(operation("op-3").state).isEqualTo("ABORTED");
        InstanceDoc inst = instance("rs-d");
        assertThat(inst.rollbackRequired.operationId()).as("the operation to roll back").isEqualTo("op-2");
        assertThat(inst.rollbackRequired.kind()).isEqualTo("ROTATE");
        assertThat(inst.rollbackRequired.rollbackOperationId()).isEqualTo("op-3");

        life.rollBack("op-4", "op-2", OperationKind.ROTATE, 2, TlsMode.PREFER, w.old());
        project(life.events().subList(life.events().size() - 1, life.events().size()));
        assertThat(operation("op-2").abort.rollbackOperationId).isEqualTo("op-4");
        assertThat(instance("rs-d").rollbackRequired.rollbackOperationId()).isEqualTo("op-4");
        assertThat(operation("op-2").history).extracting(OperationDoc.HistoryEntry::detail)
                .contains("rollback op-3 started", "rollback op-4 started");
    }

    @Test
    void anAbortThatLeftTheNodesAsBeforeRestoresTheStatusAndTheCertificates() {
        var life = new Lifecycle("rs-e", T0, 3).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca);
        life.nodes.forEach(n -> life.nodeCertificateIssued("op-1", n.name(), 397, c -> { }));
        life.restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE);
        life.disable("op-2", ca.serial()).fail("op-2", OperationKind.DISABLE, "rs0-1");
        life.aborted("op-2", OperationKind.DISABLE, "FAILED", false, SslStatus.ENABLED, TlsMode.PREFER, ca);
        project(life.events());

        InstanceDoc inst = instance("rs-e");
        assertThat(operation("op-2").state).isEqualTo("ABORTED");
        assertThat(operation("op-2").abort.rollbackRequired).isFalse();
        assertThat(inst.rollbackRequired).isNull();
        assertThat(inst.sslStatus).isEqualTo("ENABLED");
        assertThat(inst.tlsMode).isEqualTo("PREFER");
        assertThat(inst.currentCa.serial()).isEqualTo(ca.serial());
        Map<String, CertificateDoc> history = certificates("rs-e");
        assertThat(history.get(ca.serial()).retiredAt).isNull();
        assertThat(inst.nodes).allSatisfy(n -> {
            assertThat(n.certificate).as(n.name).isNotNull();
            assertThat(queries.certificate("rs-e", n.certificate.serial()).block(T).retiredAt).isNull();
        });
    }

    @Test
    void anAbortedEnableThatLeftTheNodesAsBeforeTakesItsCaOutOfUse() {
        var life = new Lifecycle("rs-f", T0, 3).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca).fail("op-1", OperationKind.ENABLE, "rs0-0");
        life.aborted("op-1", OperationKind.ENABLE, "FAILED", false, SslStatus.DISABLED, TlsMode.DISABLED, null);
        project(life.events());

        InstanceDoc inst = instance("rs-f");
        assertThat(inst.sslStatus).isEqualTo("DISABLED");
        assertThat(inst.tlsMode).isEqualTo("DISABLED");
        assertThat(inst.currentCa).isNull();
        assertThat(certificates("rs-f").get(ca.serial()).retiredByOperation).isEqualTo("op-1");
        assertThat(audit("rs-f")).last().extracting(AuditDoc::summary).asString()
                .contains("the nodes are as before it: SSL DISABLED, DISABLED");
    }

    @Test
    void redeliveredAbortAndRollbackEventsChangeNothing() {
        var w = rotationWaitingForClients("rs-g");
        Lifecycle life = w.life();
        int abort = life.events().size();
        life.abortRequested("op-2", OperationKind.ROTATE);
        life.aborted("op-2", OperationKind.ROTATE, "WAITING_FOR_CLIENTS", true, SslStatus.ENABLED, TlsMode.PREFER,
                w.old());
        life.rollBack("op-3", "op-2", OperationKind.ROTATE, 2, TlsMode.PREFER, w.old());
        life.restartAll("op-3", 1).complete("op-3", OperationKind.ROLLBACK);
        List<ProjectedEvent> all = life.events();
        project(all);
        Map<String, CollectionDigests.Digest> once = CollectionDigests.of(store.active()).block(T);

        project(all.subList(abort - 1, all.size()));
        project(List.of(all.get(abort), all.get(abort + 1), all.get(abort), all.get(abort + 2)));

        assertThat(CollectionDigests.of(store.active()).block(T)).isEqualTo(once);
    }

    private Map<String, CertificateDoc> certificates(String instanceId) {
        return queries.certificates(instanceId).collectMap(c -> c.serial).block(T);
    }
}
