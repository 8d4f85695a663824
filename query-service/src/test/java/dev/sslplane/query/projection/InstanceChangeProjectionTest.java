package dev.sslplane.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.event.CollectionCountUpdatedEvent;
import dev.sslplane.contracts.event.EngineVersionUpdatedEvent;
import dev.sslplane.contracts.event.MemberAddedEvent;
import dev.sslplane.contracts.event.MemberRemovedEvent;
import dev.sslplane.contracts.event.MemberReplacedEvent;
import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.support.Lifecycle;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Instance changes (members, collection count, engine version) and the step timeout in use, projected. */
class InstanceChangeProjectionTest extends ProjectionFixture {

    private static final NodeSpec NEW = new NodeSpec("rs0-9", "10.0.0.9", 27017, NodeRole.SECONDARY, List.of());

    @Test
    void membersCountAndEngineFollowTheChangesWithAnAuditLineEach() {
        var life = new Lifecycle("rs-ch", T0, 3).register();
        List<NodeSpec> registered = life.nodes;
        List<NodeSpec> added = List.of(registered.get(0), registered.get(1), registered.get(2), NEW);
        life.emit(new MemberAddedEvent("rs-ch", "chg-1", NEW, added), "user:alice")
                .emit(new MemberRemovedEvent("rs-ch", "chg-2", "rs0-1", List.of(registered.get(0),
                        registered.get(2), NEW)), "user:bob")
                .emit(new CollectionCountUpdatedEvent("rs-ch", "chg-3", 120, 25_000), "user:alice")
                .emit(new EngineVersionUpdatedEvent("rs-ch", "chg-4", "4.2", "3.6"), "user:alice");
        project(life.events());

        InstanceDoc doc = instance("rs-ch");
        assertThat(doc.nodes).extracting(n -> n.name).containsExactly("rs0-0", "rs0-2", "rs0-9");
        assertThat(doc.node("rs0-9").host).isEqualTo("10.0.0.9");
        assertThat(doc.collectionCount).isEqualTo(25_000);
        assertThat(doc.engineVersion).as("the console's eligibility reads it").isEqualTo("3.6");
        assertThat(doc.lastSequence).isEqualTo(4);
        assertThat(audit("rs-ch")).extracting(a -> a.type() + " by " + a.actor()).containsExactly(
                "InstanceRegistered by user:alice", "MemberAdded by user:alice", "MemberRemoved by user:bob",
                "CollectionCountUpdated by user:alice", "EngineVersionUpdated by user:alice");
        assertThat(audit("rs-ch").get(1).summary()).contains("rs0-9", "10.0.0.9:27017", "no certificate");
        assertThat(audit("rs-ch").get(3).summary()).contains("from 120 to 25000");
        assertThat(audit("rs-ch").get(4).summary()).contains("from 4.2 to 3.6");

        // a redelivered change changes nothing
        project(life.events().subList(1, 2));
        assertThat(instance("rs-ch").nodes).extracting(n -> n.name).containsExactly("rs0-0", "rs0-2", "rs0-9");
    }

    @Test
    void aReplacedMemberHasNoCertificateUntilTheRetryIssuesOneAndTheOperationForgetsTheDeadNode() {
        var life = new Lifecycle("rs-rep", T0, 3).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca)
                .nodeCertificateIssued("op-1", "rs0-0", 397, c -> { })
                .nodeCertificateIssued("op-1", "rs0-1", 397, c -> { })
                .nodeStarted("op-1", 1, "rs0-1", 1).nodeRestarted("op-1", 1, "rs0-1", T0.plusSeconds(60))
                .fail("op-1", OperationKind.ENABLE, "rs0-2");
        List<NodeSpec> after = List.of(life.nodes.get(0), life.nodes.get(1), NEW);
        life.emit(new MemberReplacedEvent("rs-rep", "chg-1", "rs0-2", NEW, after), "user:alice")
                .emit(new CollectionCountUpdatedEvent("rs-rep", "chg-2", 120, 25_000), "user:alice");
        project(life.events());

        InstanceDoc doc = instance("rs-rep");
        assertThat(doc.nodes).extracting(n -> n.name).containsExactly("rs0-0", "rs0-1", "rs0-9");
        assertThat(doc.node("rs0-1").certificate).as("a member that stays keeps its certificate").isNotNull();
        assertThat(doc.node("rs0-1").lastRestartOperationId).isEqualTo("op-1");
        assertThat(doc.node("rs0-9").certificate).isNull();
        assertThat(doc.sslStatus).isEqualTo("ENABLED");
        assertThat(doc.operation.state()).isEqualTo("FAILED");

        int before = life.events().size();
        life.emit(new RestartRetriedEvent("rs-rep", "op-1", OperationKind.ENABLE, ca, after, 25_000, Set.of(), 2,
                        "4.2", null, Procedures.enable(false), Set.of("1/rs0-1"), null), "user:alice")
                .emit(new NodeRestartStartedEvent("rs-rep", "op-1", "rs0-9", 2, T0.plusSeconds(600), 1,
                        NodeRole.SECONDARY, Duration.ofSeconds(330)), "system:restart-worker")
                .nodeCertificateIssued("op-1", "rs0-9", 397, c -> { });
        project(life.events().subList(before, life.events().size()));

        OperationDoc op = operation("op-1");
        assertThat(op.nodes).extracting(n -> n.name).containsExactly("rs0-0", "rs0-1", "rs0-9");
        assertThat(op.passes).allSatisfy(p -> assertThat(p.steps).extracting(st -> st.node)
                .containsExactly("rs0-0", "rs0-1", "rs0-9"));
        assertThat(op.stepsTotal()).isEqualTo(6);
        assertThat(op.stepsDone()).isEqualTo(1);
        assertThat(op.collectionCount).isEqualTo(25_000);
        InstanceDoc retried = instance("rs-rep");
        assertThat(retried.operation.stepTimeout()).as("the timeout in use, as the worker reported it")
                .isEqualTo("PT5M30S");
        assertThat(retried.operation.nodesTotal()).isEqualTo(6);
        assertThat(retried.node("rs0-9").certificate).isNotNull();
        assertThat(retried.node("rs0-9").certificate.issuerSerial()).isEqualTo(ca.serial());
    }

    @Test
    void aSingleNodeRenewalOfTheReplacementShowsItsOneStepAndKeepsEveryMember() {
        var life = new Lifecycle("rs-one", T0, 3).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca);
        List<NodeSpec> after = List.of(life.nodes.get(0), life.nodes.get(1), NEW);
        life.emit(new MemberReplacedEvent("rs-one", "chg-1", "rs0-2", NEW, after), "user:alice")
                .emit(new NodeCertificatesRenewingEvent("rs-one", "op-2", ca, after, 120, "4.2",
                        Procedures.renewNodeCertificates(TlsMode.PREFER), null, Duration.ofDays(397),
                        List.of("rs0-9")), "user:alice");
        project(life.events());

        OperationDoc op = operation("op-2");
        assertThat(op.nodes).as("the members it covers").extracting(n -> n.name).containsExactly("rs0-9");
        assertThat(op.passes).singleElement().satisfies(p -> assertThat(p.steps).extracting(st -> st.node)
                .containsExactly("rs0-9"));
        assertThat(op.stepsTotal()).isEqualTo(1);
        assertThat(instance("rs-one").nodes).as("the instance keeps every member").extracting(n -> n.name)
                .containsExactly("rs0-0", "rs0-1", "rs0-9");
        assertThat(audit("rs-one")).extracting(a -> a.summary()).anySatisfy(summary -> assertThat(summary)
                .contains("for member(s) rs0-9 only", "1 pass(es) over 1 node(s)"));
    }
}
