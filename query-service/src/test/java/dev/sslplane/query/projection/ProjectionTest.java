package dev.sslplane.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.event.SslEvent;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.samples.SampleMessages;
import dev.sslplane.query.readmodel.AuditDoc;
import dev.sslplane.query.readmodel.CertificateDoc;
import dev.sslplane.query.readmodel.CollectionDigests;
import dev.sslplane.query.readmodel.InstanceDoc;
import dev.sslplane.query.readmodel.OperationDoc;
import dev.sslplane.query.readmodel.StepDoc;
import dev.sslplane.query.support.Lifecycle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feeds events through the projection into MongoDB (embedded wire server) and reads the models back. */
class ProjectionTest extends ProjectionFixture {

    @Test
    void registrationCreatesADisabledStatusWithNodes() {
        var life = new Lifecycle("rs-a", T0, 3).register();
        project(life.events());

        InstanceDoc doc = instance("rs-a");
        assertThat(doc.registered).isTrue();
        assertThat(doc.sslStatus).isEqualTo("DISABLED");
        assertThat(doc.engineVersion).isEqualTo("4.2");
        assertThat(doc.topology).isEqualTo("REPLICA_SET");
        assertThat(doc.nodes).extracting(n -> n.name).containsExactly("rs0-0", "rs0-1", "rs0-2");
        assertThat(doc.lastSequence).isZero();
        assertThat(doc.stale).isFalse();
        assertThat(audit("rs-a")).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("InstanceRegistered");
            assertThat(a.actor()).isEqualTo("user:alice");
            assertThat(a.summary()).contains("engine 4.2");
        });
    }

    @Test
    void enablingSetsStatusIssuesTheCaAndStartsARunningOperation() {
        var life = new Lifecycle("rs-b", T0, 3).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca);
        project(life.events());

        InstanceDoc doc = instance("rs-b");
        assertThat(doc.sslStatus).isEqualTo("ENABLED");
        assertThat(doc.currentCa.serial()).isEqualTo(ca.serial());
        assertThat(doc.currentCa.sha256Fingerprint()).isEqualTo(ca.sha256Fingerprint());
        assertThat(doc.currentCa.notAfter()).isEqualTo(ca.notAfter());
        assertThat(doc.operation.operationId()).isEqualTo("op-1");
        assertThat(doc.operation.state()).isEqualTo("RUNNING");
        assertThat(doc.operation.nodesTotal()).as("steps: 2 passes x 3 nodes").isEqualTo(6);
        assertThat(doc.operation.passCount()).isEqualTo(2);
        assertThat(doc.operation.currentPass()).isEqualTo(1);
        assertThat(doc.operation.phase()).isEqualTo("ALLOW_TLS");
        assertThat(doc.tlsMode).isEqualTo("PREFER");

        OperationDoc op = operation("op-1");
        assertThat(op.kind).isEqualTo("ENABLE");
        assertThat(op.startedBy).isEqualTo("user:alice");
        assertThat(op.caSerial).isEqualTo(ca.serial());
        assertThat(op.engineVersion).isEqualTo("4.2");
        assertThat(op.requireTls).isFalse();
        assertThat(op.nodes).allSatisfy(n -> assertThat(op.nodeState(n.name).name()).isEqualTo("PENDING"));
        assertThat(op.passes).extracting(p -> p.name + "/" + p.action + "/" + p.mode)
                .containsExactly("ALLOW_TLS/RESTART/ALLOW", "PREFER_TLS/RUNTIME/PREFER");
        assertThat(op.passes).allSatisfy(p -> assertThat(p.steps).extracting(st -> st.node + ":" + st.state)
                .containsExactly("rs0-0:PENDING", "rs0-1:PENDING", "rs0-2:PENDING"));

        List<CertificateDoc> history = queries.certificates("rs-b").collectList().block(T);
        assertThat(history).singleElement().satisfies(c -> {
            assertThat(c.pem).isEqualTo(ca.pem());
            assertThat(c.issuedByOperation).isEqualTo("op-1");
            assertThat(c.retiredAt).isNull();
        });
    }

    @Test
    void aNodeCertificateIsOnItsNodeAndInItsHistoryUntilReplacedOrSslIsDisabled() {
        var life = new Lifecycle("rs-nc", T0, 2).register();
        CertificateInfo ca = life.newCa();
        var first = new java.util.ArrayList<CertificateInfo>();
        life.enable("op-1", ca).nodeCertificateIssued("op-1", "rs0-1", 397, first::add);
        project(life.events());

        InstanceDoc.NodeCertificate current = instance("rs-nc").node("rs0-1").certificate;
        assertThat(current.serial()).isEqualTo(first.get(0).serial());
        assertThat(current.notAfter()).isEqualTo(first.get(0).notAfter());
        assertThat(current.issuerSerial()).isEqualTo(ca.serial());
        assertThat(current.operationId()).isEqualTo("op-1");
        assertThat(instance("rs-nc").node("rs0-0").certificate).isNull();
        assertThat(queries.certificates("rs-nc").collectList().block(T)).as("CAs only")
                .extracting(c -> c.serial).containsExactly(ca.serial());
        assertThat(audit("rs-nc")).last().satisfies(a -> assertThat(a.summary())
                .contains(first.get(0).serial(), "rs0-1", ca.serial()).doesNotContain("BEGIN CERTIFICATE"));

        // signed again (a worker resumed after a crash), then a rotation signs it under the new CA
        var second = new java.util.ArrayList<CertificateInfo>();
        int before = life.events().size();
        life.nodeCertificateIssued("op-1", "rs0-1", 397, second::add);
        project(life.events().subList(before, life.events().size()));

        assertThat(instance("rs-nc").node("rs0-1").certificate.serial()).isEqualTo(second.get(0).serial());
        List<CertificateDoc> nodeHistory = queries.nodeCertificates("rs-nc", "rs0-1").collectList().block(T);
        assertThat(nodeHistory).extracting(c -> c.serial + ":" + (c.retiredByOperation == null ? "current"
                : "retired by " + c.retiredByOperation))
                .containsExactly(second.get(0).serial() + ":current", first.get(0).serial() + ":retired by op-1");
        assertThat(nodeHistory).allSatisfy(c -> {
            assertThat(c.nodeName).isEqualTo("rs0-1");
            assertThat(c.issuerSerial).isEqualTo(ca.serial());
        });

        before = life.events().size();
        life.restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE).disable("op-2", ca.serial());
        project(life.events().subList(before, life.events().size()));

        assertThat(instance("rs-nc").nodes).allSatisfy(n -> assertThat(n.certificate).isNull());
        assertThat(queries.nodeCertificates("rs-nc", "rs0-1").collectList().block(T))
                .allSatisfy(c -> assertThat(c.retiredAt).isNotNull())
                .extracting(c -> c.retiredByOperation).containsExactly("op-2", "op-1");
    }

    @Test
    void nodeStepsAreRecordedWithTimesAndDurations() {
        var life = new Lifecycle("rs-c", T0, 2).register();
        life.enable("op-1", life.newCa()).nodeStarted("op-1", "rs0-1", 1);
        project(life.events());
        assertThat(operation("op-1").nodeState("rs0-1").name()).isEqualTo("RESTARTING");
        assertThat(operation("op-1").step(1, "rs0-1").state).isEqualTo("RUNNING");
        assertThat(operation("op-1").step(1, "rs0-1").role).isEqualTo("SECONDARY");

        life.nodeRestarted("op-1", "rs0-1");
        project(life.events().subList(3, 4));

        OperationDoc op = operation("op-1");
        StepDoc step = op.step(1, "rs0-1");
        assertThat(step.state).isEqualTo("DONE");
        assertThat(op.nodeState("rs0-1").name()).as("its pass-2 step is still to come").isEqualTo("PENDING");
        assertThat(step.attempt).isEqualTo(1);
        assertThat(step.durationMillis).isEqualTo(30_000L);
        assertThat(step.unreachableMillis).isEqualTo(29_000L);
        assertThat(step.observed.mode()).isEqualTo("ALLOW");
        assertThat(op.stepsDone()).isEqualTo(1);
        InstanceDoc doc = instance("rs-c");
        assertThat(doc.operation.nodesDone()).isEqualTo(1);
        assertThat(doc.node("rs0-1").lastRestartedAt).isEqualTo(step.finishedAt);
        assertThat(doc.node("rs0-1").lastUnreachableMillis).isEqualTo(29_000L);
        assertThat(doc.node("rs0-1").lastRestartOperationId).isEqualTo("op-1");
    }

    @Test
    void durationsDoNotDependOnWhetherTheStartWasReadBackFromTheDatabase() {
        // sub-millisecond parts that round differently: 0.9 ms after start vs 1.1 ms after it
        Instant start = T0.plusNanos(900_000);
        var oneBatch = new Lifecycle("rs-one", start, 2).register();
        oneBatch.enable("op-1", oneBatch.newCa()).nodeStarted("op-1", "rs0-1", 1)
                .nodeRestarted("op-1", "rs0-1", start.plusSeconds(30).plusNanos(200_000));
        project(oneBatch.events());

        var twoBatches = new Lifecycle("rs-two", start, 2).register();
        twoBatches.enable("op-2", twoBatches.newCa()).nodeStarted("op-2", "rs0-1", 1);
        project(twoBatches.events());
        twoBatches.nodeRestarted("op-2", "rs0-1", start.plusSeconds(30).plusNanos(200_000));
        project(twoBatches.events().subList(3, 4));

        assertThat(operation("op-1").step(1, "rs0-1").durationMillis)
                .isEqualTo(operation("op-2").step(1, "rs0-1").durationMillis)
                // started at 2.0009 s (stored as 2.000), restarted at 30.0011 s (30.001): 28.001 s either way
                .isEqualTo(28_001L);
    }

    @Test
    void aRenewalKeepsSslEnabledAndTheCaAndReplacesEachNodesCertificate() {
        var life = new Lifecycle("rs-rn", T0, 2).register();
        CertificateInfo ca = life.newCa();
        var first = new java.util.ArrayList<CertificateInfo>();
        life.enable("op-1", ca).nodeCertificateIssued("op-1", "rs0-0", 397, first::add)
                .nodeCertificateIssued("op-1", "rs0-1", 397, first::add)
                .restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE);
        var renewed = new java.util.ArrayList<CertificateInfo>();
        life.renew("op-2").nodeCertificateIssued("op-2", "rs0-0", 397, renewed::add)
                .nodeCertificateIssued("op-2", "rs0-1", 397, renewed::add);
        project(life.events());

        InstanceDoc running = instance("rs-rn");
        assertThat(running.sslStatus).isEqualTo("ENABLED");
        assertThat(running.tlsMode).isEqualTo("PREFER");
        assertThat(running.currentCa.serial()).isEqualTo(ca.serial());
        assertThat(running.operation.kind()).isEqualTo("RENEW_NODE_CERTIFICATES");
        assertThat(running.operation.phase()).isEqualTo("NEW_CERTIFICATES");
        assertThat(running.operation.passCount()).isEqualTo(1);

        int before = life.events().size();
        life.restartAll("op-2", 1).complete("op-2", OperationKind.RENEW_NODE_CERTIFICATES);
        project(life.events().subList(before, life.events().size()));

        InstanceDoc doc = instance("rs-rn");
        assertThat(doc.sslStatus).isEqualTo("ENABLED");
        assertThat(doc.currentCa.serial()).isEqualTo(ca.serial());
        assertThat(doc.previousCa).isNull();
        assertThat(doc.nodes).extracting(n -> n.certificate.serial() + "<-" + n.certificate.issuerSerial())
                .containsExactly(renewed.get(0).serial() + "<-" + ca.serial(),
                        renewed.get(1).serial() + "<-" + ca.serial());
        OperationDoc op = operation("op-2");
        assertThat(op.kind).isEqualTo("RENEW_NODE_CERTIFICATES");
        assertThat(op.state).isEqualTo("COMPLETED");
        assertThat(op.caSerial).isEqualTo(ca.serial());
        assertThat(op.previousCaSerial).isNull();
        assertThat(queries.certificates("rs-rn").collectList().block(T)).as("the CA is not retired")
                .singleElement().satisfies(c -> assertThat(c.retiredAt).isNull());
        assertThat(queries.nodeCertificates("rs-rn", "rs0-0").collectList().block(T))
                .extracting(c -> c.serial + ":" + c.retiredByOperation)
                .containsExactly(renewed.get(0).serial() + ":null", first.get(0).serial() + ":op-2");
        assertThat(audit("rs-rn")).anySatisfy(a -> {
            assertThat(a.type()).isEqualTo("NodeCertificatesRenewing");
            assertThat(a.summary()).contains("Node certificates renewed by operation op-2", ca.serial(),
                    "NEW_CERTIFICATES");
        });
    }

    @Test
    void completionEndsTheOperation() {
        var life = new Lifecycle("rs-d", T0, 2).register();
        life.enable("op-1", life.newCa()).restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE);
        project(life.events());

        OperationDoc op = operation("op-1");
        assertThat(op.state).isEqualTo("COMPLETED");
        assertThat(op.totalMillis).isEqualTo(90_000L);
        assertThat(op.endedAt).isNotNull();
        assertThat(op.terminal()).isTrue();
        assertThat(instance("rs-d").operation.state()).isEqualTo("COMPLETED");
        assertThat(op.history).extracting(OperationDoc.HistoryEntry::type)
                .containsExactly("SslEnabled", "RestartCompleted");
    }

    @Test
    void failureWaitsAndRetryResumesWithCompletedNodesKept() {
        var life = new Lifecycle("rs-e", T0, 3).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca).nodeStarted("op-1", "rs0-0", 1).nodeRestarted("op-1", "rs0-0")
                .nodeStarted("op-1", "rs0-1", 1).fail("op-1", OperationKind.ENABLE, "rs0-1");
        project(life.events());

        OperationDoc failed = operation("op-1");
        assertThat(failed.state).isEqualTo("FAILED");
        assertThat(failed.failure.nodeName()).isEqualTo("rs0-1");
        assertThat(failed.failure.reason()).isEqualTo("health gate timed out");
        assertThat(failed.failure.pass()).isEqualTo(1);
        assertThat(failed.failure.code()).isEqualTo("UNHEALTHY");
        assertThat(failed.step(1, "rs0-1").state).isEqualTo("FAILED");
        assertThat(failed.nodeState("rs0-1").name()).isEqualTo("FAILED");
        assertThat(instance("rs-e").operation.state()).isEqualTo("FAILED");

        int before = life.events().size();
        life.retry("op-1", OperationKind.ENABLE, ca, 2).nodeStarted("op-1", "rs0-1", 2);
        project(life.events().subList(before, life.events().size()));

        OperationDoc retried = operation("op-1");
        assertThat(retried.state).isEqualTo("RETRIED");
        assertThat(retried.attempt).isEqualTo(2);
        assertThat(retried.failure).isNull();
        assertThat(retried.step(1, "rs0-0").state).isEqualTo("DONE");
        assertThat(retried.step(1, "rs0-1").state).isEqualTo("RUNNING");
        assertThat(retried.step(1, "rs0-1").attempt).isEqualTo(2);
        assertThat(retried.nodeState("rs0-1").name()).isEqualTo("RESTARTING");
        assertThat(retried.step(1, "rs0-2").state).isEqualTo("PENDING");
        assertThat(retried.history).extracting(OperationDoc.HistoryEntry::type)
                .containsExactly("SslEnabled", "RestartFailed", "RestartRetried");
        assertThat(retried.history.get(1).detail()).contains("rs0-1").contains("health gate timed out");
    }

    @Test
    void rotationReplacesTheCurrentCaAndRetiresThePreviousOne() {
        var life = new Lifecycle("rs-f", T0, 1).register();
        CertificateInfo first = life.newCa();
        CertificateInfo second = life.newCa();
        life.enable("op-1", first).restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE)
                .rotate("op-2", second, first.serial());
        project(life.events());

        InstanceDoc doc = instance("rs-f");
        assertThat(doc.sslStatus).isEqualTo("ENABLED");
        assertThat(doc.currentCa.serial()).isEqualTo(second.serial());
        assertThat(doc.operation.operationId()).isEqualTo("op-2");
        assertThat(doc.operation.kind()).isEqualTo("ROTATE");
        List<CertificateDoc> history = queries.certificates("rs-f").collectList().block(T);
        assertThat(history).extracting(c -> c.serial).containsExactly(second.serial(), first.serial());
        assertThat(history.get(1).retiredByOperation).isEqualTo("op-2");
        assertThat(history.get(1).retiredAt).isNotNull();
        assertThat(history.get(0).retiredAt).isNull();
    }

    @Test
    void disablingRetiresTheCurrentCa() {
        var life = new Lifecycle("rs-g", T0, 1).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca).restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE)
                .disable("op-3", ca.serial());
        project(life.events());

        InstanceDoc doc = instance("rs-g");
        assertThat(doc.sslStatus).isEqualTo("DISABLED");
        assertThat(doc.currentCa).isNull();
        assertThat(doc.operation.kind()).isEqualTo("DISABLE");
        assertThat(doc.operation.state()).isEqualTo("RUNNING");
        CertificateDoc retired = queries.certificate("rs-g", ca.serial()).block(T);
        assertThat(retired.retiredByOperation).isEqualTo("op-3");
        assertThat(operation("op-3").caSerial).isNull();
    }

    @Test
    void redeliveredEventsChangeNothing() {
        var life = new Lifecycle("rs-h", T0, 3).register();
        life.enable("op-1", life.newCa()).nodeCertificateIssued("op-1", "rs0-1", 397, c -> { })
                .nodeCertificateIssued("op-1", "rs0-1", 397, c -> { })
                .restartAll("op-1", 1).complete("op-1", OperationKind.ENABLE);
        List<ProjectedEvent> all = life.events();
        project(all);
        Map<String, CollectionDigests.Digest> before = CollectionDigests.of(store.active()).block(T);

        project(all.subList(2, all.size()));
        project(List.of(all.get(3), all.get(3), all.get(1), all.get(2)));

        assertThat(CollectionDigests.of(store.active()).block(T)).isEqualTo(before);
        assertThat(metrics.gapsTotal()).isZero();
    }

    @Test
    void aGapMarksTheStatusStaleAndIsCounted() {
        var life = new Lifecycle("rs-i", T0, 1).register();
        life.skip(2).enable("op-1", life.newCa());
        project(life.events());

        InstanceDoc doc = instance("rs-i");
        assertThat(doc.stale).isTrue();
        assertThat(doc.gaps).containsExactly(new InstanceDoc.Gap(1, 2));
        assertThat(doc.sslStatus).isEqualTo("ENABLED");
        assertThat(metrics.gapsTotal()).isEqualTo(1.0);
    }

    @Test
    void unknownTypesAreSkippedButDoNotLookLikeAGap() {
        var life = new Lifecycle("rs-j", T0, 1).register().unknownType();
        life.enable("op-1", life.newCa());
        project(life.events());

        InstanceDoc doc = instance("rs-j");
        assertThat(doc.stale).isFalse();
        assertThat(doc.lastSequence).isEqualTo(2);
        assertThat(audit("rs-j")).extracting(AuditDoc::type).containsExactly("InstanceRegistered", "SslEnabled");
    }

    @Test
    void auditHasOneEntryPerEventAndNoCertificateMaterial() {
        var life = new Lifecycle("rs-k", T0, 2).register();
        CertificateInfo ca = life.newCa();
        life.enable("op-1", ca).restartAll("op-1", 1).fail("op-1", OperationKind.ENABLE, "rs0-1");
        project(life.events());
        project(life.events());

        List<AuditDoc> entries = audit("rs-k");
        assertThat(entries).hasSize(life.events().size());
        assertThat(entries).extracting(AuditDoc::sequence).isSorted();
        assertThat(entries).allSatisfy(a -> {
            assertThat(a.summary()).doesNotContain("BEGIN").doesNotContain("PRIVATE");
            assertThat(a.summary()).isNotBlank();
        });
        assertThat(entries.get(1).operationId()).isEqualTo("op-1");
        assertThat(entries.get(1).summary()).contains(ca.serial()).contains(ca.sha256Fingerprint());
    }

    @Test
    void everySampleEventOfTheContractsDecodesAndProjects() {
        var codec = new MessageCodec();
        var decoder = new EventDecoder(codec);
        List<String> order = List.of("InstanceRegistered", "SslEnabled", "NodeRestartStarted", "NodeRestarted",
                "RestartFailed", "RestartRetried", "RestartCompleted", "TlsEnforcementChanged", "CertificateRotated",
                "RotationAwaitingClients", "RotationFinishing", "SslDisabled");
        Map<String, Object> samples = SampleMessages.all();
        long seq = 0;
        for (String type : order) {
            Object payload = samples.get(type);
            assertThat(payload).isInstanceOf(SslEvent.class);
            byte[] record = codec.encode(codec.envelope(payload, "evt-" + type, SampleMessages.INSTANCE, seq,
                    SampleMessages.T0.plusSeconds(seq), "user:alice", null));
            Decoded<ProjectedEvent> decoded = decoder.decode(record);
            assertThat(decoded).isInstanceOf(Decoded.Ok.class);
            project(List.of(((Decoded.Ok<ProjectedEvent>) decoded).value()));
            seq++;
        }
        assertThat(audit(SampleMessages.INSTANCE)).extracting(AuditDoc::type).containsExactlyElementsOf(order);
        InstanceDoc doc = instance(SampleMessages.INSTANCE);
        assertThat(doc.lastSequence).isEqualTo(order.size() - 1);
        assertThat(doc.sslStatus).isEqualTo("DISABLED"); // the disable sample comes last
        assertThat(doc.currentCa).isNull();
        assertThat(doc.operation.operationId()).isEqualTo("op-0003");
        assertThat(operation(SampleMessages.OPERATION).state).isEqualTo("COMPLETED");
        OperationDoc rotation = operation("op-0002");
        assertThat(rotation.state).isEqualTo("RUNNING");
        assertThat(rotation.holdOldCa).isTrue();
        assertThat(rotation.step(2, "rs0-0").state).isEqualTo("DONE");
        assertThat(rotation.step(3, "rs0-0").state).isEqualTo("PENDING");
        assertThat(rotation.history).extracting(OperationDoc.HistoryEntry::type)
                .containsExactly("CertificateRotated", "RotationAwaitingClients", "RotationFinishing");
        assertThat(operation("op-0004").kind).isEqualTo("ENFORCE_TLS");
    }

    @Test
    void largeBatchesOfManyInstancesProjectCompletely() {
        var lives = new java.util.ArrayList<List<ProjectedEvent>>();
        for (int i = 0; i < 300; i++) {
            var life = new Lifecycle("rs-many-" + i, T0, 3).register();
            life.enable("op-many-" + i, life.newCa()).restartAll("op-many-" + i, 1)
                    .complete("op-many-" + i, OperationKind.ENABLE);
            lives.add(life.events());
        }
        // round-robin, as partitions interleave instances: every batch touches hundreds of documents
        var all = new java.util.ArrayList<ProjectedEvent>();
        for (int step = 0; step < lives.get(0).size(); step++) {
            for (List<ProjectedEvent> life : lives) {
                all.add(life.get(step));
            }
        }
        for (int from = 0; from < all.size(); from += 500) {
            project(all.subList(from, Math.min(all.size(), from + 500)));
        }
        assertThat(queries.instances(dev.sslplane.security.InstanceScope.ALL, "ENABLED", null, 1000).count()
                .block(T)).isEqualTo(300);
        assertThat(audit(null)).hasSize(all.size());
    }

    @Test
    void unreadableRecordsAreRefusedWithAReason() {
        var decoder = new EventDecoder(new MessageCodec());
        assertThat(decoder.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Decoded.Malformed.class);
        String noSequence = "{\"type\":\"InstanceRegistered\",\"schemaVersion\":1,\"eventId\":\"e\","
                + "\"instanceId\":\"a\",\"occurredAt\":\"2026-11-28T10:00:00Z\",\"payload\":{}}";
        assertThat(decoder.decode(noSequence.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Decoded.Malformed.class,
                        m -> assertThat(m.reason()).contains("sequence"));
    }
}
