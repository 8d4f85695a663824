package dev.sslplane.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.OperationHeldReport;
import dev.sslplane.contracts.progress.OperationStoppedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import dev.sslplane.contracts.progress.RestartProgressReport;
import dev.sslplane.testsupport.TestCa;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator.Fault;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator;
import dev.sslplane.worker.support.CollectingProgress;
import dev.sslplane.worker.support.Events;
import dev.sslplane.worker.support.Harness;
import dev.sslplane.worker.support.TestCaSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job engine with simulated nodes (an in-memory replica set that splits like a real one when members cannot
 * reach each other), a real in-test CA and the real MongoDB driver on the job store.
 */
class JobEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Enable without requireTls: allowTLS by restart (the primary steps down and moves to s), preferTLS at run time. */
    private static final List<String> ENABLE = List.of(
            "1 started h", "1 restarted h", "1 started s", "1 restarted s", "1 started p", "1 restarted p",
            "2 started h", "2 restarted h", "2 started p", "2 restarted p", "2 started s", "2 restarted s",
            "completed");

    private final Harness harness = new Harness();
    private final Map<String, List<String>> registeredSans = new ConcurrentHashMap<>();
    private final TestCaSigner signer = new TestCaSigner(registeredSans::get, "Ed25519");
    private final CollectingProgress progress = new CollectingProgress();
    private final List<Harness.Worker> workers = new ArrayList<>();

    @AfterEach
    void stop() {
        workers.forEach(w -> w.engine.halt());
        harness.close();
    }

    private Harness.Worker worker(String name, Duration downtime, Duration stepTimeout) {
        var worker = harness.worker(name, downtime, Duration.ofSeconds(10), stepTimeout, signer, progress, 64);
        workers.add(worker);
        return worker;
    }

    private List<NodeSpec> nodes(String instanceId) {
        List<NodeSpec> nodes = Events.threeNodes(27_100);
        nodes.forEach(n -> registeredSans.put(instanceId + "/" + n.name(), n.subjectAltNames()));
        return nodes;
    }

    private SslEnabledEvent enable(String instanceId, String operationId) {
        return Events.enabled(instanceId, operationId, signer.ca(instanceId), nodes(instanceId));
    }

    private boolean record(OperationStartingEvent event) {
        return harness.store.record(event, Instant.now()).block();
    }

    private List<String> sequence(String operationId) {
        return progress.of(operationId).stream().map(s -> describe(s.report())).toList();
    }

    private RestartFailedReport awaitFailure(String operationId) {
        await().atMost(WAIT).until(() -> !progress.failures(operationId).isEmpty());
        await().atMost(WAIT).until(() -> !harness.store.find(operationId).block().outstanding());
        return progress.failures(operationId).get(0);
    }

    @Test
    void twoHundredInstancesGoThroughEveryPassWithTheExpectedProgress() {
        var worker = worker("w1", Duration.ofMillis(20), Duration.ofSeconds(60));
        for (int i = 0; i < 200; i++) {
            assertThat(record(enable("rs-" + i, "op-" + i))).isTrue();
        }
        worker.engine.start();

        await().atMost(WAIT).until(() -> progress.completedCount() == 200);
        for (int i = 0; i < 200; i++) {
            assertThat(sequence("op-" + i)).as("rs-" + i).containsExactlyElementsOf(ENABLE);
            assertThat(worker.operator.stepDowns("rs-" + i, "p")).as("runtime passes step nobody down").isEqualTo(1);
        }
        RestartJob job = harness.store.find("op-7").block();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.completedSteps()).containsExactlyInAnyOrderElementsOf(Events.allSteps(enable("rs-7", "op-7")));
        assertThat(worker.registry.get("restart.node.unreachable").timer().count()).as("restarts only")
                .isEqualTo(600);
    }

    @Test
    void everyStepReportsTheStepTimeoutDerivedFromTheOperationsCollectionCount() {
        // nodes whose downtime does not grow with the count: the timeout is what is checked, not the wait
        var nodes = new SimulatedNodeOperator(Duration.ofMillis(10), Duration.ZERO, 10_000, 1.0);
        var worker = harness.worker("w1", nodes, Duration.ofSeconds(10), Duration.ofSeconds(60), signer, progress, 64);
        workers.add(worker);
        SslEnabledEvent small = enable("rs-small", "op-small");
        SslEnabledEvent base = enable("rs-large", "op-large");
        SslEnabledEvent large = new SslEnabledEvent(base.instanceId(), base.operationId(), base.ca(), base.nodes(),
                25_000, base.engineVersion(), false, base.plan());
        record(small);
        record(large);
        worker.engine.start();
        await().atMost(WAIT).until(() -> progress.completed("op-small") && progress.completed("op-large"));

        // base 60 s; 2 s per 1,000 collections beyond 10,000 (RunSettings.of)
        assertThat(startedReports("op-small")).isNotEmpty().extracting(NodeRestartStartedReport::stepTimeout)
                .containsOnly(Duration.ofSeconds(60));
        assertThat(startedReports("op-large")).isNotEmpty().extracting(NodeRestartStartedReport::stepTimeout)
                .containsOnly(Duration.ofSeconds(90));
    }

    private List<NodeRestartStartedReport> startedReports(String operationId) {
        return progress.of(operationId).stream().map(s -> s.report())
                .filter(NodeRestartStartedReport.class::isInstance).map(NodeRestartStartedReport.class::cast).toList();
    }

    @Test
    void everyStepReportsTheRoleItBeganWithAndTheNodeAsReadBack() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        SslEnabledEvent event = enable("rs-seen", "op-seen");
        record(event);
        worker.engine.start();
        await().atMost(WAIT).until(() -> progress.completed("op-seen"));

        var started = progress.of("op-seen").stream().map(s -> s.report())
                .filter(NodeRestartStartedReport.class::isInstance).map(NodeRestartStartedReport.class::cast).toList();
        assertThat(started).filteredOn(r -> r.pass() == 1).extracting(NodeRestartStartedReport::role)
                .containsExactly(NodeRole.HIDDEN, NodeRole.SECONDARY, NodeRole.PRIMARY);
        assertThat(started).filteredOn(r -> r.pass() == 2).extracting(NodeRestartStartedReport::role)
                .as("the primary moved to s in pass 1").containsExactly(NodeRole.HIDDEN, NodeRole.SECONDARY,
                        NodeRole.PRIMARY);
        var restarted = progress.of("op-seen").stream().map(s -> s.report())
                .filter(NodeRestartedReport.class::isInstance).map(NodeRestartedReport.class::cast).toList();
        String caSerial = event.ca().serial();
        for (var report : restarted) {
            assertThat(report.observed().mode()).isEqualTo(report.pass() == 1 ? TlsMode.ALLOW : TlsMode.PREFER);
            assertThat(report.observed().trustedCaSerials()).containsExactly(caSerial);
            assertThat(report.unreachableMillis() > 0).isEqualTo(report.pass() == 1);
        }
        assertThat(restarted).filteredOn(r -> r.pass() == 1 && r.nodeName().equals("p"))
                .extracting(r -> r.observed().role()).containsExactly(NodeRole.SECONDARY);
    }

    @Test
    void noMoreThanTheConcurrencyRestartNodesAtOnceWhileOthersArePreparedAhead() {
        var worker = harness.worker("w-slots", Duration.ofMillis(60), Duration.ofSeconds(10), Duration.ofSeconds(60),
                signer, progress, 3);
        workers.add(worker);
        var ids = new ArrayList<String>();
        for (int i = 0; i < 12; i++) {
            record(enable("rs-slot-" + i, "op-slot-" + i));
            ids.add("op-slot-" + i);
        }
        worker.engine.start();
        worker.engine.offer(ids);
        await().atMost(WAIT).until(() -> progress.completedCount() == 12);
        assertThat(worker.operator.mostNodesDownAtOnce()).isLessThanOrEqualTo(3).isGreaterThan(1);
        for (String id : ids) {
            assertThat(sequence(id)).as(id).containsExactlyElementsOf(ENABLE);
        }
    }

    @Test
    void aJobIsClaimedByIdOnlyWhileNobodyClaimedOrReArmedIt() {
        var event = enable("rs-new", "op-new");
        record(event);
        Instant now = Instant.now();
        RestartJob claimed = harness.store.claimNew("op-new", "w1", now, Duration.ofSeconds(10)).block();
        assertThat(claimed).isNotNull();
        assertThat(claimed.fence()).isEqualTo(1);
        assertThat(claimed.leaseOwner()).isEqualTo("w1");
        assertThat(harness.store.claimNew("op-new", "w2", now, Duration.ofSeconds(10)).block())
                .as("already claimed").isNull();
        harness.store.finish(claimed, JobState.FAILED, new RestartJob.Failure("h", 1, "ERROR", "test"), null, now)
                .block();
        assertThat(record(Events.retried(event, Set.of(), 2))).isTrue();
        assertThat(harness.store.claimNew("op-new", "w2", now, Duration.ofSeconds(10)).block())
                .as("re-armed: found by the search instead").isNull();

        var worker = worker("w2", Duration.ofMillis(10), Duration.ofSeconds(60));
        worker.engine.start();
        worker.engine.offer(List.of("op-new"));
        await().atMost(WAIT).until(() -> progress.completed("op-new"));
        assertThat(harness.store.find("op-new").block().attempt()).isEqualTo(2);
    }

    @Test
    void aSecondWorkerResumesWithinThePassWithoutRedoingADoneStep() {
        var first = harness.worker("w-dies", Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(60),
                signer, progress, 64);
        workers.add(first);
        var old = new TestCa("old CA", "Ed25519");
        var nodes = nodes("rs-crash");
        first.operator.seedTls("rs-crash", nodes, TlsMode.PREFER, old.pem());
        var rotation = Events.rotated("rs-crash", "op-crash", signer.ca("rs-crash"), old, nodes, TlsMode.PREFER, false);
        record(rotation);
        first.engine.start();
        await().atMost(WAIT).until(() -> harness.store.find("op-crash").block().completedSteps().size() >= 4);
        first.engine.halt(); // like a crash, in pass 2: the lease is not given back
        Set<String> doneBeforeCrash = harness.store.find("op-crash").block().completedSteps();

        // the same nodes, another worker
        var second = harness.worker("w-takes-over", first.operator, Duration.ofSeconds(2), Duration.ofSeconds(60),
                signer, progress, 64);
        workers.add(second);
        second.engine.start();
        await().atMost(WAIT).until(() -> progress.completed("op-crash"));

        RestartJob job = harness.store.find("op-crash").block();
        assertThat(job.completedSteps()).containsExactlyInAnyOrderElementsOf(Events.allSteps(rotation));
        assertThat(job.leaseOwner()).isNull();
        var startedPerStep = new ConcurrentHashMap<String, Integer>();
        progress.of("op-crash").stream().map(s -> s.report()).filter(NodeRestartStartedReport.class::isInstance)
                .forEach(r -> startedPerStep.merge(r.nodeKey(), 1, Integer::sum));
        for (String done : doneBeforeCrash) {
            assertThat(startedPerStep.get(done)).as("step %s done before the crash started again", done).isEqualTo(1);
        }
        int restarts = List.of("p", "s", "h").stream().mapToInt(n -> first.operator.restarts("rs-crash", n)).sum();
        assertThat(restarts).as("9 steps, and at most the interrupted one again").isBetween(9, 10);
        assertThat(progress.of("op-crash").stream().filter(s -> s.report() instanceof NodeRestartedReport)
                .map(s -> s.report().nodeKey()).distinct()).hasSize(9);
    }

    @Test
    void aHeldRotationWaitsAfterPassTwoWithBothCasTrustedAndFinishesOnRotationFinishing() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        var old = new TestCa("old CA", "Ed25519");
        var nodes = nodes("rs-hold");
        worker.operator.seedTls("rs-hold", nodes, TlsMode.PREFER, old.pem());
        var rotation = Events.rotated("rs-hold", "op-hold", signer.ca("rs-hold"), old, nodes, TlsMode.PREFER, true);
        record(rotation);
        worker.engine.start();

        await().atMost(WAIT).until(() -> harness.store.find("op-hold").block().state() == JobState.HELD);
        assertThat(progress.of("op-hold").stream().map(s -> s.report()).filter(OperationHeldReport.class::isInstance)
                .map(r -> ((OperationHeldReport) r).pass())).containsExactly(2);
        assertThat(progress.completed("op-hold")).isFalse();
        String oldSerial = rotation.previousCa().serial();
        String newSerial = rotation.ca().serial();
        assertThat(restartedReports("op-hold")).hasSize(6).allSatisfy(r -> assertThat(
                r.observed().trustedCaSerials()).containsExactlyInAnyOrder(oldSerial, newSerial));

        var finishing = Events.finishing(rotation, 1);
        assertThat(record(finishing)).isTrue();
        assertThat(record(finishing)).as("redelivered").isFalse();
        worker.engine.kick();
        await().atMost(WAIT).until(() -> progress.completed("op-hold"));
        assertThat(restartedReports("op-hold")).filteredOn(r -> r.pass() == 3).hasSize(3)
                .allSatisfy(r -> assertThat(r.observed().trustedCaSerials()).containsExactly(newSerial));
        assertThat(harness.store.find("op-hold").block().state()).isEqualTo(JobState.COMPLETED);
        for (String node : List.of("p", "s", "h")) {
            assertThat(worker.operator.restarts("rs-hold", node)).as("three restart passes").isEqualTo(3);
        }
    }

    @Test
    void theMovedPrimaryOfEachPassGoesLastAfterAStepDown() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        worker.operator.role("rs-moved", "s", NodeRole.PRIMARY);
        var old = new TestCa("retired CA", "Ed25519");
        var nodes = nodes("rs-moved");
        worker.operator.seedTls("rs-moved", nodes, TlsMode.PREFER, old.pem());
        record(Events.disabled("rs-moved", "op-moved", old, nodes, TlsMode.PREFER));
        worker.engine.start();
        await().atMost(WAIT).until(() -> progress.completed("op-moved"));
        assertThat(sequence("op-moved")).containsExactly(
                "1 started h", "1 restarted h", "1 started p", "1 restarted p", "1 started s", "1 restarted s",
                "2 started h", "2 restarted h", "2 started s", "2 restarted s", "2 started p", "2 restarted p",
                "completed");
        assertThat(worker.operator.stepDowns("rs-moved", "s")).isEqualTo(1);
        assertThat(worker.operator.stepDowns("rs-moved", "p")).isEqualTo(1);
        assertThat(restartedReports("op-moved")).filteredOn(r -> r.pass() == 2)
                .allSatisfy(r -> assertThat(r.observed().mode()).isEqualTo(TlsMode.DISABLED))
                .allSatisfy(r -> assertThat(r.observed().trustedCaSerials()).isEmpty());
    }

    /**
     * Issue 19 §5: a renewal of one member restarts that member only, the primary included (stepped down first, as
     * in any pass), and the job's member list stays whole. The same renewal without targets restarts every node
     * (the control: the sequence assertion tells the two apart).
     */
    @Test
    void aRenewalOfOneMemberRestartsOnlyItAndStepsThePrimaryDownFirst() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        for (String id : List.of("rs-one", "rs-all")) {
            var nodes = nodes(id);
            worker.operator.seedTls(id, nodes, TlsMode.PREFER, signer.ca(id).pem());
            record(new NodeCertificatesRenewingEvent(id, "op-" + id, Events.caInfo(signer.ca(id)), nodes, 100,
                    "4.2", Procedures.renewNodeCertificates(TlsMode.PREFER), null, Duration.ofDays(397),
                    id.equals("rs-one") ? List.of("p") : null));
        }
        worker.engine.start();
        await().atMost(WAIT).until(() -> progress.completed("op-rs-one") && progress.completed("op-rs-all"));

        assertThat(sequence("op-rs-one")).containsExactly("1 started p", "1 restarted p", "completed");
        assertThat(worker.operator.stepDowns("rs-one", "p")).isEqualTo(1);
        RestartJob job = harness.store.find("op-rs-one").block();
        assertThat(job.completedSteps()).containsExactly("1/p");
        assertThat(job.nodeNames()).as("every member still known").containsExactly("p", "s", "h");
        assertThat(sequence("op-rs-all")).as("control: without targets every node restarts").containsExactly(
                "1 started h", "1 restarted h", "1 started s", "1 restarted s", "1 started p", "1 restarted p",
                "completed");
    }

    @Test
    void duplicateStartEventsMakeOneJob() {
        var event = enable("rs-dup", "op-dup");
        assertThat(List.of(record(event), record(event), record(event))).containsExactly(true, false, false);
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        worker.engine.start();
        await().atMost(WAIT).until(() -> progress.completed("op-dup"));
        assertThat(record(event)).isFalse();
        assertThat(progress.of("op-dup").stream().filter(s -> s.report() instanceof RestartCompletedReport))
                .hasSize(1);
        for (String node : List.of("p", "s", "h")) {
            assertThat(worker.operator.restarts("rs-dup", node)).isEqualTo(1);
        }
    }

    @Test
    void aNodeThatDoesNotStartFailsItsStepAndARetryResumesThere() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        worker.operator.fault("rs-fail", "s", Fault.FAIL);
        SslEnabledEvent event = enable("rs-fail", "op-fail");
        record(event);
        worker.engine.start();

        var failure = awaitFailure("op-fail");
        assertThat(failure.nodeName()).isEqualTo("s");
        assertThat(failure.pass()).isEqualTo(1);
        assertThat(failure.code()).isEqualTo("NODE_START_FAILED");
        assertThat(failure.reason()).contains("simulated restart failure");
        assertThat(harness.store.find("op-fail").block().state()).isEqualTo(JobState.FAILED);
        assertThat(worker.operator.restarts("rs-fail", "p")).isZero();

        worker.operator.clearFault("rs-fail", "s");
        var retry = Events.retried(event, Set.of("1/h"), 2);
        assertThat(record(retry)).isTrue();
        assertThat(record(retry)).as("redelivered retry").isFalse();
        worker.engine.kick();

        await().atMost(WAIT).until(() -> progress.completed("op-fail"));
        assertThat(worker.operator.restarts("rs-fail", "h")).isEqualTo(1);
        assertThat(worker.operator.restarts("rs-fail", "s")).isEqualTo(2);
        assertThat(worker.operator.restarts("rs-fail", "p")).isEqualTo(1);
        List<String> secondAttempt = progress.of("op-fail").stream().filter(s -> s.attempt() == 2)
                .map(s -> describe(s.report())).toList();
        assertThat(secondAttempt).as("h's report re-sent, its step not done again").startsWith("1 restarted h")
                .doesNotContain("1 started h").endsWith("completed");
        assertThat(secondAttempt.stream().filter(d -> d.contains(" started ")).toList()).startsWith("1 started s");
    }

    @Test
    void theSetIsCheckedBeforeTheFirstChangeAndARetryChecksAgain() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        var event = enable("rs-pre", "op-pre");
        worker.operator.replicaSetClient().registered("rs-pre", event.nodes());
        worker.operator.stopped("rs-pre", "s", true);
        record(event);
        worker.engine.start();

        var failure = awaitFailure("op-pre");
        assertThat(failure.code()).isEqualTo("PREFLIGHT_FAILED");
        assertThat(failure.nodeName()).isEqualTo("s");
        assertThat(failure.reason()).contains("node s does not answer at 127.0.0.1:27101").contains("no node was touched");
        assertThat(sequence("op-pre")).containsExactly("failed");
        assertThat(List.of("p", "s", "h")).allSatisfy(n -> assertThat(worker.operator.restarts("rs-pre", n)).isZero());

        worker.operator.stopped("rs-pre", "s", false);
        record(Events.retried(event, Set.of(), 2));
        worker.engine.kick();
        await().atMost(WAIT).until(() -> progress.completed("op-pre"));
    }

    @Test
    void aRuntimeChangeTheNodeRefusesFailsWithItsWordsAndARetryWorksOnceFixed() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        var nodes = nodes("rs-rt");
        var ca = signer.ca("rs-rt");
        worker.operator.seedTls("rs-rt", nodes, TlsMode.PREFER, ca.pem());
        worker.operator.runtimeMode("rs-rt", "h", TlsMode.ALLOW);
        var enforce = Events.enforced("rs-rt", "op-rt", ca, nodes, true);
        record(enforce);
        worker.engine.start();

        var failure = awaitFailure("op-rt");
        assertThat(failure.code()).isEqualTo("RUNTIME_MODE_REFUSED");
        assertThat(failure.nodeName()).isEqualTo("h");
        assertThat(failure.reason()).contains("Illegal state transition for sslMode, attempt to change from allowSSL"
                + " to requireSSL").contains("code 2");

        worker.operator.runtimeMode("rs-rt", "h", TlsMode.PREFER);
        record(Events.retried(enforce, Set.of(), 2));
        worker.engine.kick();
        await().atMost(WAIT).until(() -> progress.completed("op-rt"));
        assertThat(restartedReports("op-rt")).hasSize(3)
                .allSatisfy(r -> assertThat(r.observed().mode()).isEqualTo(TlsMode.REQUIRE));
        assertThat(List.of("p", "s", "h")).allSatisfy(n -> assertThat(worker.operator.restarts("rs-rt", n)).isZero());
    }

    @Test
    void aPrimaryThatCannotHandOverFailsTheStepBeforeItGoesDown() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        worker.operator.fault("rs-sd", "p", Fault.STEP_DOWN_REFUSED);
        record(enable("rs-sd", "op-sd"));
        worker.engine.start();
        var failure = awaitFailure("op-sd");
        assertThat(failure.code()).isEqualTo("STEP_DOWN_FAILED");
        assertThat(failure.nodeName()).isEqualTo("p");
        assertThat(failure.reason()).contains("No electable secondaries");
        assertThat(worker.operator.restarts("rs-sd", "p")).isZero();
    }

    @Test
    void aHangingRestartFailsWhenItsStepTimesOut() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofMillis(800));
        worker.operator.fault("rs-hang", "h", Fault.HANG);
        record(enable("rs-hang", "op-hang"));
        worker.engine.start();
        var failure = awaitFailure("op-hang");
        assertThat(failure.reason()).contains("timed out").contains("restarting");
        assertThat(failure.code()).isEqualTo("NODE_OPERATOR");
        assertThat(worker.registry.get("restart.failures").tag("reason", "NODE_OPERATOR").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aNodeThatNeverAnswersAgainFailsTheHealthGate() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofMillis(800));
        worker.operator.fault("rs-sick", "h", Fault.UNHEALTHY);
        record(enable("rs-sick", "op-sick"));
        worker.engine.start();
        var failure = awaitFailure("op-sick");
        assertThat(failure.code()).isEqualTo("UNHEALTHY");
        assertThat(failure.reason()).contains("health gate").contains("node h does not answer replSetGetStatus");
    }

    @Test
    void aRefusedSignatureFailsTheNodeWithTheSignersCodeBeforeAnyChange() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        signer.refuse("rs-refused", "h");
        record(enable("rs-refused", "op-refused"));
        worker.engine.start();
        var failure = awaitFailure("op-refused");
        assertThat(failure.code()).isEqualTo("SIGNING_REFUSED");
        assertThat(failure.reason()).contains("CSR_NO_RUNNING_OPERATION");
        assertThat(List.of("p", "s", "h")).allSatisfy(n -> assertThat(worker.operator.restarts("rs-refused", n))
                .as("node untouched").isZero());
    }

    private List<NodeRestartedReport> restartedReports(String operationId) {
        return progress.of(operationId).stream().map(s -> s.report()).filter(NodeRestartedReport.class::isInstance)
                .map(NodeRestartedReport.class::cast).toList();
    }

    // ---- abort (issue 19 §4)

    private void awaitAborted(String operationId) {
        await().atMost(WAIT).until(() -> {
            RestartJob job = harness.store.find(operationId).block();
            return job.state() == JobState.ABORTED && !job.outstanding();
        });
    }

    @Test
    void anAbortAskedForWhileAStepRunsLetsThatStepFinishAndStartsNoOther() {
        var worker = worker("w1", Duration.ofMillis(50), Duration.ofSeconds(60));
        SslEnabledEvent event = enable("rs-abort", "op-abort");
        // asked for while s's step of pass 1 runs (its started report is published as the step begins)
        progress.once(r -> r instanceof NodeRestartStartedReport s && s.operationId().equals("op-abort")
                        && s.nodeKey().equals("1/s"),
                r -> harness.store.requestAbort("op-abort", Instant.now()).block());
        record(event);
        worker.engine.start();

        awaitAborted("op-abort");
        assertThat(sequence("op-abort")).as("s's step finishes; p's never starts")
                .containsExactly("1 started h", "1 restarted h", "1 started s", "1 restarted s", "stopped");
        assertThat(worker.operator.restarts("rs-abort", "p")).isZero();
        RestartJob job = harness.store.find("op-abort").block();
        assertThat(job.completedSteps()).containsExactlyInAnyOrder("1/h", "1/s");
        assertThat(job.leaseOwner()).isNull();

        // redelivered, the abort changes nothing and nothing is reported again
        harness.store.requestAbort("op-abort", Instant.now()).block();
        worker.engine.kick();
        assertThat(harness.store.find("op-abort").block().state()).isEqualTo(JobState.ABORTED);
        assertThat(harness.store.claim("w2", Instant.now(), Duration.ofMinutes(1)).blockOptional()).isEmpty();
        assertThat(sequence("op-abort").stream().filter("stopped"::equals)).hasSize(1);
    }

    @Test
    void anAbortAskedForAFailedJobEndsItAbortedWithTheStoppedReportAndNoStep() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        worker.operator.fault("rs-abort-failed", "s", Fault.FAIL);
        record(enable("rs-abort-failed", "op-abort-failed"));
        worker.engine.start();
        awaitFailure("op-abort-failed");
        assertThat(harness.store.find("op-abort-failed").block().state()).isEqualTo(JobState.FAILED);
        worker.operator.clearFault("rs-abort-failed", "s");
        int restartsOfS = worker.operator.restarts("rs-abort-failed", "s");

        harness.store.requestAbort("op-abort-failed", Instant.now()).block();
        worker.engine.kick();

        awaitAborted("op-abort-failed");
        assertThat(sequence("op-abort-failed")).as("h's report re-sent, then the stopped report")
                .endsWith("failed", "1 restarted h", "stopped");
        assertThat(worker.operator.restarts("rs-abort-failed", "s")).as("no step runs").isEqualTo(restartsOfS);
        assertThat(worker.operator.restarts("rs-abort-failed", "p")).isZero();
    }

    @Test
    void aWorkerTakingOverAJobWhoseAbortWasAskedForStopsAtOnceAndReports() {
        var first = harness.worker("w-dies", Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(60),
                signer, progress, 64);
        workers.add(first);
        record(enable("rs-abort-crash", "op-abort-crash"));
        first.engine.start();
        await().atMost(WAIT).until(() -> harness.store.find("op-abort-crash").block().completedSteps().size() >= 1);
        first.engine.halt(); // a crash: the lease is not given back
        harness.store.requestAbort("op-abort-crash", Instant.now()).block();
        Set<String> doneBeforeCrash = harness.store.find("op-abort-crash").block().completedSteps();
        int restartsBefore = List.of("p", "s", "h").stream()
                .mapToInt(n -> first.operator.restarts("rs-abort-crash", n)).sum();

        var second = harness.worker("w-takes-over", first.operator, Duration.ofSeconds(2), Duration.ofSeconds(60),
                signer, progress, 64);
        workers.add(second);
        second.engine.start();

        awaitAborted("op-abort-crash");
        assertThat(harness.store.find("op-abort-crash").block().completedSteps()).isEqualTo(doneBeforeCrash);
        assertThat(List.of("p", "s", "h").stream().mapToInt(n -> first.operator.restarts("rs-abort-crash", n)).sum())
                .as("no node restarted after the takeover").isEqualTo(restartsBefore);
        var afterTakeover = progress.of("op-abort-crash").stream().filter(s -> s.attempt() == 1)
                .map(s -> describe(s.report())).toList();
        assertThat(afterTakeover).endsWith("stopped").doesNotContain("completed");
        assertThat(afterTakeover.stream().filter("stopped"::equals)).hasSize(1);
        for (String step : doneBeforeCrash) {
            assertThat(progress.of("op-abort-crash").stream().filter(s -> s.report() instanceof NodeRestartedReport
                    && s.report().nodeKey().equals(step))).as("the done step's report re-sent after the takeover")
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aRollbackSkipsTheRunTimeChangeOnANodeAlreadyAtThePassModeAndStillReadsItBack() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        var old = new TestCa("CA before the disable", "Ed25519");
        var nodes = nodes("rs-undisable");
        worker.operator.seedTls("rs-undisable", nodes, TlsMode.PREFER, old.pem());
        var disable = Events.disabled("rs-undisable", "op-undisable", old, nodes, TlsMode.PREFER);
        // stopped within DOWN_TO_ALLOW_TLS: h and s are at allowTLS, p still at preferTLS
        progress.once(r -> r instanceof NodeRestartStartedReport s && s.operationId().equals("op-undisable")
                        && s.nodeKey().equals("1/s"),
                r -> harness.store.requestAbort("op-undisable", Instant.now()).block());
        record(disable);
        worker.engine.start();
        awaitAborted("op-undisable");

        var rollback = Events.rollingBack(disable, "op-undisable-rb", 1, TlsMode.PREFER, old, null);
        assertThat(rollback.passes()).extracting(p -> p.name()).containsExactly("PREFER_TLS");
        record(rollback);
        worker.engine.kick();
        await().atMost(WAIT).until(() -> progress.completed("op-undisable-rb")
                || !progress.failures("op-undisable-rb").isEmpty());
        assertThat(progress.failures("op-undisable-rb")).as("mongod refuses preferTLS → preferTLS").isEmpty();
        var observed = progress.of("op-undisable-rb").stream().map(s -> s.report())
                .filter(NodeRestartedReport.class::isInstance).map(NodeRestartedReport.class::cast).toList();
        assertThat(observed).extracting(NodeRestartedReport::nodeName).containsExactlyInAnyOrder("h", "s", "p");
        assertThat(observed).allSatisfy(r -> assertThat(r.observed().mode()).isEqualTo(TlsMode.PREFER));
    }

    @Test
    void anAbortMarkedWhileTheRunWritesHeldIsStillAnsweredWithTheStoppedReport() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(60));
        var old = new TestCa("old CA", "Ed25519");
        var nodes = nodes("rs-hold-abort");
        worker.operator.seedTls("rs-hold-abort", nodes, TlsMode.PREFER, old.pem());
        var rotation = Events.rotated("rs-hold-abort", "op-hold-abort", signer.ca("rs-hold-abort"), old, nodes,
                TlsMode.PREFER, true);
        // marked after the run's last look and before its HELD write: the job is still RUNNING, so nothing re-arms it
        progress.once(r -> r instanceof OperationHeldReport h && h.operationId().equals("op-hold-abort"),
                r -> harness.store.requestAbort("op-hold-abort", Instant.now()).block());
        record(rotation);
        worker.engine.start();

        awaitAborted("op-hold-abort");
        assertThat(sequence("op-hold-abort")).endsWith("held after 2", "stopped");
    }

    private static String describe(RestartProgressReport report) {
        if (report instanceof NodeRestartStartedReport r) {
            return r.pass() + " started " + r.nodeName();
        }
        if (report instanceof NodeRestartedReport r) {
            return r.pass() + " restarted " + r.nodeName();
        }
        if (report instanceof RestartCompletedReport) {
            return "completed";
        }
        if (report instanceof OperationHeldReport r) {
            return "held after " + r.pass();
        }
        if (report instanceof OperationStoppedReport) {
            return "stopped";
        }
        return "failed";
    }
}
