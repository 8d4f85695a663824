package dev.sslplane.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.NodeTlsDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.support.Lifecycle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker's read-back of an aborted operation's nodes, fed through the projection: the operation's abort and the
 * status's rollback requirement show the observed states, an observation that finds every node as before lifts the
 * requirement, and the audit trail says what was read.
 */
class ReadBackProjectionTest extends ProjectionFixture {

    /** Enabled with CA {@code old}; rotation op-2 (CA {@code fresh}) did pass 1 on rs0-0 and then failed at rs0-1. */
    private record Aborted(Lifecycle life, CertificateInfo old, CertificateInfo fresh) {
    }

    private static Aborted rotationFailedAndAborted(String instanceId) {
        var life = new Lifecycle(instanceId, T0, 3).register();
        CertificateInfo old = life.newCa();
        life.enable("op-1", old);
        life.restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE);
        CertificateInfo fresh = life.newCa();
        life.rotate("op-2", fresh, old.serial());
        life.nodeStarted("op-2", "rs0-0", 1).nodeRestarted("op-2", "rs0-0").nodeStarted("op-2", "rs0-1", 1);
        life.aborted("op-2", OperationKind.ROTATE, "FAILED", true, SslStatus.ENABLED, TlsMode.PREFER, old);
        return new Aborted(life, old, fresh);
    }

    private static NodeTlsState node(String name, List<String> trusted, String issuer) {
        return new NodeTlsState(name, TlsMode.PREFER, trusted, issuer, true);
    }

    @Test
    void theObservedStatesReplaceTheComputedOnesInTheOperationAndTheStatus() {
        var a = rotationFailedAndAborted("rs-rb1");
        List<String> both = List.of(a.old().serial(), a.fresh().serial());
        List<String> old = List.of(a.old().serial());
        a.life().emit(new NodeTlsStatesObservedEvent("rs-rb1", "op-2", T0.plusSeconds(900), List.of(
                        node("rs0-0", both, a.old().serial()), node("rs0-1", old, a.old().serial()),
                        new NodeTlsState("rs0-2", TlsMode.PREFER, old, a.old().serial(), true)),
                Map.of("rs0-2", "node rs0-2 does not answer"), true, SslStatus.ENABLED, TlsMode.PREFER, a.old()),
                "system:restart-worker");
        project(a.life().events());

        OperationDoc op = operation("op-2");
        assertThat(op.abort.nodesObservedAt).isEqualTo(T0.plusSeconds(900));
        assertThat(op.abort.unreadNodes).containsOnlyKeys("rs0-2");
        assertThat(op.abort.nodes).filteredOn(n -> n.node().equals("rs0-1")).singleElement()
                .satisfies(n -> {
                    assertThat(n.settled()).isTrue();
                    assertThat(n.trustedCaSerials()).containsExactly(a.old().serial());
                });
        InstanceDoc inst = instance("rs-rb1");
        assertThat(inst.rollbackRequired.nodes()).extracting(NodeTlsDoc::trustedCaSerials)
                .containsExactly(both, old, old);
        assertThat(audit("rs-rb1")).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo("NodeTlsStatesObserved");
            assertThat(e.actor()).isEqualTo("system:restart-worker");
            assertThat(e.summary()).contains("Nodes of aborted operation op-2 read back", "rs0-1 PREFER",
                    "not read: rs0-2 (node rs0-2 does not answer)");
        });
    }

    @Test
    void aReadBackThatFindsEveryNodeAsBeforeLiftsTheRollbackRequirement() {
        var a = rotationFailedAndAborted("rs-rb2");
        List<String> old = List.of(a.old().serial());
        a.life().emit(new NodeTlsStatesObservedEvent("rs-rb2", "op-2", T0.plusSeconds(900), List.of(
                        node("rs0-0", old, a.old().serial()), node("rs0-1", old, a.old().serial()),
                        node("rs0-2", old, a.old().serial())),
                Map.of(), false, SslStatus.ENABLED, TlsMode.PREFER, a.old()), "system:restart-worker");
        project(a.life().events());

        InstanceDoc inst = instance("rs-rb2");
        assertThat(inst.rollbackRequired).isNull();
        assertThat(inst.sslStatus).isEqualTo("ENABLED");
        assertThat(inst.currentCa.serial()).isEqualTo(a.old().serial());
        assertThat(operation("op-2").history).last().satisfies(h -> assertThat(h.toString())
                .contains("no rollback is required"));
        assertThat(audit("rs-rb2")).last().satisfies(e -> assertThat(e.summary())
                .contains("every node is as before the operation", "no rollback is required"));
    }
}
