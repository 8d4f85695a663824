package dev.sslplane.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.samples.SampleMessages;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.readmodel.PassDoc;
import dev.sslplane.query.readmodel.StepDoc;
import dev.sslplane.query.support.Lifecycle;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documented procedure in the read models: passes × nodes, the role at each step, the nodes as read back,
 * TLS mode and enforcement, a rotation that waits for clients, failures with pass and code, and events recorded
 * before passes existed.
 */
class ProcedureProjectionTest extends ProjectionFixture {

    @Test
    void enableWithRequireTlsRunsThreePassesAndTheNodesReportModeTrustAndRole() {
        var life = new Lifecycle("rs-p1", T0, 3).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca, true).restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE);
        project(life.events());

        OperationDoc op = operation("op-1");
        assertThat(op.requireTls).isTrue();
        assertThat(op.passes).extracting(p -> p.number + ":" + p.name + "/" + p.action + "/" + p.mode)
                .containsExactly("1:ALLOW_TLS/RESTART/ALLOW", "2:PREFER_TLS/RUNTIME/PREFER",
                        "3:REQUIRE_TLS/RUNTIME/REQUIRE");
        assertThat(op.passes.get(0).certificate).isEqualTo("NEW");
        assertThat(op.passes.get(0).trust).isEqualTo("OPERATION_CA");
        assertThat(op.stepsTotal()).isEqualTo(9);
        assertThat(op.stepsDone()).isEqualTo(9);
        assertThat(op.passes).allSatisfy(p -> assertThat(p.steps).allSatisfy(s -> {
            assertThat(s.state).isEqualTo("DONE");
            assertThat(s.observed.mode()).isEqualTo(p.mode);
            assertThat(s.startedAt).isNotNull();
            assertThat(s.finishedAt).isNotNull();
        }));
        assertThat(op.step(1, "rs0-0").role).isEqualTo("PRIMARY");
        assertThat(op.currentPass).isEqualTo(3);
        assertThat(op.phase()).isEqualTo("COMPLETED");

        InstanceDoc doc = instance("rs-p1");
        assertThat(doc.tlsMode).isEqualTo("REQUIRE");
        assertThat(doc.operation.nodesDone()).isEqualTo(9);
        assertThat(doc.operation.nodesTotal()).isEqualTo(9);
        assertThat(doc.operation.passCount()).isEqualTo(3);
        assertThat(doc.nodes).allSatisfy(n -> {
            assertThat(n.tlsMode).isEqualTo("REQUIRE");
            assertThat(n.trustedCas).containsExactly(new InstanceDoc.TrustedCa(ca.serial(), ca.subject()));
            assertThat(n.observedAt).isNotNull();
        });
        assertThat(doc.node("rs0-0").currentRole).isEqualTo("PRIMARY");
    }

    @Test
    void theRoleOfAStepIsTheRoleWhenItBeganAndTheStatusShowsTheRoleReadBack() {
        var life = new Lifecycle("rs-p2", T0, 3).register();
        life.enable("op-1", life.newCa());
        // the primary moved: rs0-2 is primary now, rs0-0 a secondary; the registration still says otherwise
        life.roleNow("rs0-0", NodeRole.SECONDARY).roleNow("rs0-2", NodeRole.PRIMARY)
                .nodeStarted("op-1", 1, "rs0-0", 1).nodeRestarted("op-1", 1, "rs0-0", T0.plusSeconds(40))
                .nodeStarted("op-1", 1, "rs0-2", 1);
        project(life.events());

        OperationDoc op = operation("op-1");
        assertThat(op.node("rs0-0").role).as("registered").isEqualTo("PRIMARY");
        assertThat(op.step(1, "rs0-0").role).isEqualTo("SECONDARY");
        assertThat(op.step(1, "rs0-2").role).isEqualTo("PRIMARY");
        assertThat(op.step(1, "rs0-2").state).isEqualTo("RUNNING");
        assertThat(op.step(1, "rs0-1").role).as("not begun").isNull();
        InstanceDoc doc = instance("rs-p2");
        assertThat(doc.node("rs0-0").role).isEqualTo("PRIMARY");
        assertThat(doc.node("rs0-0").currentRole).isEqualTo("SECONDARY");
        assertThat(doc.node("rs0-0").tlsMode).isEqualTo("ALLOW");
        assertThat(doc.node("rs0-2").currentRole).as("not read back yet").isNull();
    }

    @Test
    void aHeldRotationTrustsBothCasWaitsForClientsAndFinishesWithTheNewCaAlone() {
        var life = new Lifecycle("rs-p3", T0, 2).register();
        CertificateInfo first = life.newCa();
        life.enable("op-1", first).restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE);
        CertificateInfo second = life.newCa();
        life.rotate("op-2", second, first.serial(), true).restartAll("op-2", 1);
        assertThat(life.heldNow()).isTrue();
        life.awaitClients("op-2");
        project(life.events());

        OperationDoc waiting = operation("op-2");
        assertThat(waiting.state).isEqualTo("WAITING_FOR_CLIENTS");
        assertThat(waiting.holdOldCa).isTrue();
        assertThat(waiting.holdAfterPass).isEqualTo(2);
        assertThat(waiting.previousCaSerial).isEqualTo(first.serial());
        assertThat(waiting.awaitingClients.afterPass()).isEqualTo(2);
        assertThat(waiting.currentPass).isEqualTo(2);
        assertThat(waiting.terminal()).as("a stream ends while people must act").isTrue();
        assertThat(waiting.passes).extracting(p -> p.name + ":" + p.stepsDone())
                .containsExactly("CA_BUNDLE:2", "NEW_CERTIFICATES:2", "NEW_CA_ONLY:0");
        InstanceDoc during = instance("rs-p3");
        assertThat(during.operation.state()).isEqualTo("WAITING_FOR_CLIENTS");
        assertThat(during.operation.phase()).isEqualTo("WAITING_FOR_CLIENTS");
        assertThat(during.currentCa.serial()).isEqualTo(second.serial());
        assertThat(during.previousCa.serial()).isEqualTo(first.serial());
        assertThat(during.previousCaPem).isEqualTo(first.pem());
        assertThat(during.nodes).allSatisfy(n -> assertThat(n.trustedCas).containsExactly(
                new InstanceDoc.TrustedCa(second.serial(), second.subject()),
                new InstanceDoc.TrustedCa(first.serial(), first.subject())));

        int from = life.events().size();
        life.finishRotation("op-2", 1);
        project(life.events().subList(from, life.events().size()));
        OperationDoc finishing = operation("op-2");
        assertThat(finishing.state).isEqualTo("RUNNING");
        assertThat(finishing.holdAfterPass).isNull();
        assertThat(finishing.awaitingClients).isNull();
        assertThat(finishing.currentPass).isEqualTo(3);
        assertThat(instance("rs-p3").operation.phase()).isEqualTo("NEW_CA_ONLY");
        assertThat(instance("rs-p3").previousCa).as("still rotating").isNotNull();

        from = life.events().size();
        life.restartAll("op-2", 1).complete("op-2", OperationKind.ROTATE);
        project(life.events().subList(from, life.events().size()));
        InstanceDoc after = instance("rs-p3");
        assertThat(after.operation.state()).isEqualTo("COMPLETED");
        assertThat(after.previousCa).isNull();
        assertThat(after.previousCaPem).isNull();
        assertThat(after.nodes).allSatisfy(n -> assertThat(n.trustedCas).extracting(InstanceDoc.TrustedCa::serial)
                .containsExactly(second.serial()));
        assertThat(audit("rs-p3")).filteredOn(a -> a.type().equals("RotationAwaitingClients")).singleElement()
                .satisfies(a -> assertThat(a.summary()).contains("waits for clients after pass 2"));
    }

    @Test
    void tlsEnforcementOnAndOffChangesTheInstanceModeWithItsOwnPasses() {
        var life = new Lifecycle("rs-p4", T0, 2).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca).restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE)
                .enforce("op-2", true);
        project(life.events());
        assertThat(instance("rs-p4").tlsMode).isEqualTo("REQUIRE");
        OperationDoc enforce = operation("op-2");
        assertThat(enforce.kind).isEqualTo("ENFORCE_TLS");
        assertThat(enforce.requireTls).isTrue();
        assertThat(enforce.passes).extracting(p -> p.name + "/" + p.action).containsExactly("REQUIRE_TLS/RUNTIME");

        int from = life.events().size();
        life.restartAll("op-2", 1).complete("op-2", OperationKind.ENFORCE_TLS).enforce("op-3", false);
        project(life.events().subList(from, life.events().size()));
        assertThat(instance("rs-p4").tlsMode).isEqualTo("PREFER");
        assertThat(instance("rs-p4").node("rs0-1").tlsMode).as("read back after op-2").isEqualTo("REQUIRE");
        assertThat(operation("op-3").kind).isEqualTo("RELAX_TLS");
        assertThat(operation("op-3").passes).extracting(p -> p.name + "/" + p.action)
                .containsExactly("DOWN_TO_PREFER_TLS/RESTART");
        assertThat(audit("rs-p4")).extracting(a -> a.summary())
                .anySatisfy(s -> assertThat(s).contains("TLS enforcement on"))
                .anySatisfy(s -> assertThat(s).contains("TLS enforcement off"));

        from = life.events().size();
        life.restartAll("op-3", 1).complete("op-3", OperationKind.RELAX_TLS).enforce("op-4", true)
                .restartAll("op-4", 1).complete("op-4", OperationKind.ENFORCE_TLS)
                .disable("op-5", ca.serial());
        project(life.events().subList(from, life.events().size()));
        assertThat(operation("op-5").passes).as("down from requireTLS one mode per pass")
                .extracting(p -> p.name).containsExactly("DOWN_TO_PREFER_TLS", "DOWN_TO_ALLOW_TLS", "TLS_DISABLED");
        assertThat(instance("rs-p4").tlsMode).isEqualTo("DISABLED");
    }

    @Test
    void aFailureRecordsPassAndCodeAndARetryKeepsTheDoneStepsOfEveryPass() {
        var life = new Lifecycle("rs-p5", T0, 2).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca);
        life.nodeStarted("op-1", 1, "rs0-0", 1).nodeRestarted("op-1", 1, "rs0-0", T0.plusSeconds(40))
                .nodeStarted("op-1", 1, "rs0-1", 1).nodeRestarted("op-1", 1, "rs0-1", T0.plusSeconds(80))
                .nodeStarted("op-1", 2, "rs0-0", 1).fail("op-1", OperationKind.ENABLE, "rs0-0");
        project(life.events());

        OperationDoc failed = operation("op-1");
        assertThat(failed.state).isEqualTo("FAILED");
        assertThat(failed.failure.pass()).isEqualTo(2);
        assertThat(failed.failure.code()).isEqualTo("UNHEALTHY");
        assertThat(failed.step(2, "rs0-0").state).isEqualTo("FAILED");
        assertThat(failed.history.get(1).detail()).contains("pass 2").contains("rs0-0").contains("UNHEALTHY");

        int from = life.events().size();
        life.retry("op-1", OperationKind.ENABLE, ca, 2);
        project(life.events().subList(from, life.events().size()));
        OperationDoc retried = operation("op-1");
        assertThat(retried.state).isEqualTo("RETRIED");
        assertThat(retried.passes.get(0).steps).allSatisfy(s -> assertThat(s.state).isEqualTo("DONE"));
        assertThat(retried.passes.get(1).steps).allSatisfy(s -> assertThat(s.state).isEqualTo("PENDING"));
        assertThat(retried.currentPass).isEqualTo(2);
        assertThat(retried.stepsDone()).isEqualTo(2);
        assertThat(instance("rs-p5").operation.nodesDone()).isEqualTo(2);
    }

    @Test
    void schemaVersion1EventsReplayAsOnePass() {
        var life = new Lifecycle("rs-v1", T0, 3).register().schemaV1();
        CertificateInfo first = life.newCa();
        life.enable("op-1", first).nodeStarted("op-1", "rs0-0", 1).nodeRestarted("op-1", "rs0-0")
                .nodeStarted("op-1", "rs0-1", 1).fail("op-1", OperationKind.ENABLE, "rs0-1")
                .retry("op-1", OperationKind.ENABLE, first, 2).restartAll("op-1", 2)
                .complete("op-1", OperationKind.ENABLE);
        CertificateInfo second = life.newCa();
        life.rotate("op-2", second, first.serial()).nodeStarted("op-2", "rs0-0", 1);
        project(life.events());

        OperationDoc enable = operation("op-1");
        assertThat(enable.passes).singleElement().satisfies(p -> {
            assertThat(p.number).isEqualTo(1);
            assertThat(p.name).isEqualTo("RESTART");
            assertThat(p.steps).allSatisfy(s -> assertThat(s.state).isEqualTo("DONE"));
        });
        assertThat(enable.step(1, "rs0-0").attempt).as("kept from attempt 1, not run again").isEqualTo(1);
        assertThat(enable.step(1, "rs0-1").attempt).isEqualTo(2);
        assertThat(enable.step(1, "rs0-1").role).isNull();
        assertThat(enable.failure).isNull();
        assertThat(enable.history.get(1).detail()).contains("rs0-1");
        assertThat(enable.stepsDone()).isEqualTo(3);

        InstanceDoc doc = instance("rs-v1");
        assertThat(doc.tlsMode).isEqualTo("PREFER");
        assertThat(doc.node("rs0-0").tlsMode).as("never read back").isNull();
        assertThat(doc.node("rs0-0").lastRestartOperationId).isEqualTo("op-1");
        assertThat(doc.operation.kind()).isEqualTo("ROTATE");
        assertThat(doc.operation.nodesTotal()).isEqualTo(3);
        assertThat(doc.previousCa).as("a v1 rotation does not carry the previous CA").isNull();
        assertThat(operation("op-2").previousCaSerial).isEqualTo(first.serial());
    }

    @Test
    void storedVersion1RecordsOfTheContractsDecodeAndProject() throws Exception {
        var codec = new MessageCodec();
        var decoder = new EventDecoder(codec);
        List<String> order = List.of("InstanceRegistered", "SslEnabled", "NodeRestartStarted", "NodeRestarted",
                "RestartFailed", "RestartRetried", "RestartCompleted", "CertificateRotated", "SslDisabled");
        var events = new ArrayList<ProjectedEvent>();
        long sequence = 0;
        for (String type : order) {
            ObjectNode record;
            try (InputStream in = SampleMessages.class.getResourceAsStream("/samples/" + type + ".v1.json")) {
                record = (ObjectNode) codec.objectMapper().readTree(in);
            }
            assertThat(record.get("schemaVersion").asInt()).isEqualTo(1);
            record.put("sequence", sequence++).put("eventId", "v1-" + type);
            Decoded<ProjectedEvent> decoded = decoder.decode(codec.objectMapper().writeValueAsBytes(record));
            assertThat(decoded).as(type).isInstanceOf(Decoded.Ok.class);
            events.add(((Decoded.Ok<ProjectedEvent>) decoded).value());
        }
        project(events);

        OperationDoc enable = operation(SampleMessages.OPERATION);
        assertThat(enable.state).isEqualTo("COMPLETED");
        assertThat(enable.passes).extracting(p -> p.name).containsExactly("RESTART");
        assertThat(enable.step(1, "rs0-1").state).isEqualTo("DONE");
        assertThat(enable.step(1, "rs0-1").unreachableMillis).isEqualTo(31_250L);
        InstanceDoc doc = instance(SampleMessages.INSTANCE);
        assertThat(doc.sslStatus).isEqualTo("DISABLED");
        assertThat(doc.tlsMode).isEqualTo("DISABLED");
        assertThat(operation("op-0003").passes).extracting(p -> p.name + "/" + p.mode)
                .containsExactly("RESTART/DISABLED");
        assertThat(audit(SampleMessages.INSTANCE)).hasSize(order.size());
    }

    @Test
    void everyPassDescribesItselfAndAStepOutsideThePlanIsStillRecorded() {
        var life = new Lifecycle("rs-p6", T0, 1).register();
        life.enable("op-1", life.newCa()).nodeStarted("op-1", 7, "rs0-0", 1);
        project(life.events());
        OperationDoc op = operation("op-1");
        PassDoc unplanned = op.pass(7);
        assertThat(unplanned.name).isNull();
        assertThat(unplanned.steps).extracting(s -> s.node + ":" + s.state).containsExactly("rs0-0:RUNNING");
        assertThat(op.passes).extracting(p -> p.number).containsExactly(1, 2, 7);
        assertThat(op.currentPass).isEqualTo(7);
        assertThat(op.phase()).isNull();
        assertThat(StepDoc.State.valueOf(op.step(1, "rs0-0").state)).isEqualTo(StepDoc.State.PENDING);
    }
}
