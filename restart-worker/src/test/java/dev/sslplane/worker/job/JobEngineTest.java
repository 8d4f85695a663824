package dev.sslplane.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartProgressReport;
import dev.sslplane.worker.node.simulated.SimulatedNodeOperator.Fault;
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

/** The job engine with the simulated operator, a real in-test CA and the real MongoDB driver. */
class JobEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

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

    private Harness.Worker worker(String name, Duration downtime, Duration lease, Duration stepTimeout) {
        var worker = harness.worker(name, downtime, lease, stepTimeout, signer, progress, 64);
        workers.add(worker);
        return worker;
    }

    private SslEnabledEvent enable(String instanceId, String operationId) {
        List<NodeSpec> nodes = Events.threeNodes(27_100);
        nodes.forEach(n -> registeredSans.put(instanceId + "/" + n.name(), n.subjectAltNames()));
        return Events.enabled(instanceId, operationId, signer.ca(instanceId), nodes);
    }

    private boolean record(Object event) {
        return harness.store.record((dev.sslplane.contracts.event.OperationStartingEvent) event, Instant.now())
                .block();
    }

    @Test
    void twoHundredInstancesFinishWithTheExpectedProgress() {
        var worker = worker("w1", Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(60));
        for (int i = 0; i < 200; i++) {
            assertThat(record(enable("rs-" + i, "op-" + i))).isTrue();
        }
        worker.engine.start();

        await().atMost(WAIT).until(() -> progress.completedCount() == 200);
        for (int i = 0; i < 200; i++) {
            List<String> sequence = progress.of("op-" + i).stream().map(s -> describe(s.report())).toList();
            assertThat(sequence).as("rs-" + i).containsExactly(
                    "started h", "restarted h", "started s", "restarted s", "started p", "restarted p", "completed");
            assertThat(worker.operator.stepDowns("rs-" + i, "p")).isEqualTo(1);
        }
        assertThat(harness.store.find("op-7").block().state()).isEqualTo(JobState.COMPLETED);
        assertThat(worker.registry.get("restart.node.unreachable").timer().count()).isEqualTo(600);
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
            assertThat(progress.of(id).stream().map(s -> describe(s.report())).toList()).as(id).containsExactly(
                    "started h", "restarted h", "started s", "restarted s", "started p", "restarted p", "completed");
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
        harness.store.finish(claimed, JobState.FAILED, "h", "test", null, now).block();
        var retry = new RestartRetriedEvent("rs-new", "op-new", OperationKind.ENABLE, event.ca(), event.nodes(),
                100, Set.of(), 2);
        assertThat(record(retry)).isTrue();
        assertThat(harness.store.claimNew("op-new", "w2", now, Duration.ofSeconds(10)).block())
                .as("re-armed: found by the search instead").isNull();

        var worker = worker("w2", Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofSeconds(60));
        worker.engine.start();
        worker.engine.offer(List.of("op-new"));
        await().atMost(WAIT).until(() -> progress.completed("op-new"));
        assertThat(harness.store.find("op-new").block().attempt()).isEqualTo(2);
    }

    @Test
    void aSecondWorkerFinishesFromTheCheckpointOfOneThatDied() {
        var first = worker("w-dies", Duration.ofMillis(700), Duration.ofSeconds(2), Duration.ofSeconds(60));
        record(enable("rs-crash", "op-crash"));
        first.engine.start();
        await().atMost(WAIT).until(() -> harness.store.find("op-crash").block().completedNodes().size() == 1);
        first.engine.halt(); // like a crash: the lease is not given back

        var second = worker("w-takes-over", Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(60));
        second.engine.start();
        await().atMost(WAIT).until(() -> progress.completed("op-crash"));

        RestartJob job = harness.store.find("op-crash").block();
        assertThat(job.completedNodes()).containsExactlyInAnyOrder("h", "s", "p");
        assertThat(job.leaseOwner()).isNull();
        String doneByFirst = "h";
        assertThat(first.operator.restarts("rs-crash", doneByFirst)).isEqualTo(1);
        assertThat(second.operator.restarts("rs-crash", doneByFirst)).as("completed node restarted again").isZero();
        assertThat(second.operator.restarts("rs-crash", "s")).isEqualTo(1);
        assertThat(second.operator.restarts("rs-crash", "p")).isEqualTo(1);
        assertThat(progress.of("op-crash").stream().filter(s -> s.report() instanceof NodeRestartedReport)
                .map(s -> ((NodeRestartedReport) s.report()).nodeName())).contains("h", "s", "p");
    }

    @Test
    void duplicateStartEventsMakeOneJob() {
        var event = enable("rs-dup", "op-dup");
        assertThat(List.of(record(event), record(event), record(event))).containsExactly(true, false, false);
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofSeconds(60));
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
    void aFailingNodeIsReportedAndARetryResumesThere() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofSeconds(60));
        worker.operator.fault("rs-fail", "s", Fault.FAIL);
        SslEnabledEvent event = enable("rs-fail", "op-fail");
        record(event);
        worker.engine.start();

        await().atMost(WAIT).until(() -> !progress.failures("op-fail").isEmpty());
        var failure = progress.failures("op-fail").get(0);
        assertThat(failure.nodeName()).isEqualTo("s");
        assertThat(failure.reason()).contains("simulated restart failure");
        await().atMost(WAIT).until(() -> !harness.store.find("op-fail").block().outstanding());
        assertThat(harness.store.find("op-fail").block().state()).isEqualTo(JobState.FAILED);
        assertThat(worker.operator.restarts("rs-fail", "p")).isZero();

        worker.operator.clearFault("rs-fail", "s");
        var retry = new RestartRetriedEvent("rs-fail", "op-fail", OperationKind.ENABLE, event.ca(), event.nodes(),
                100, Set.of("h"), 2);
        assertThat(record(retry)).isTrue();
        assertThat(record(retry)).as("redelivered retry").isFalse();
        worker.engine.kick();

        await().atMost(WAIT).until(() -> progress.completed("op-fail"));
        assertThat(worker.operator.restarts("rs-fail", "h")).isEqualTo(1);
        assertThat(worker.operator.restarts("rs-fail", "s")).isEqualTo(2);
        assertThat(worker.operator.restarts("rs-fail", "p")).isEqualTo(1);
        List<String> secondAttempt = progress.of("op-fail").stream().filter(s -> s.attempt() == 2)
                .map(s -> describe(s.report())).toList();
        assertThat(secondAttempt).endsWith("started s", "restarted s", "started p", "restarted p", "completed");
        assertThat(secondAttempt).doesNotContain("started h");
    }

    @Test
    void aHangingNodeFailsWhenItsStepTimesOut() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofMillis(800));
        worker.operator.fault("rs-hang", "h", Fault.HANG);
        record(enable("rs-hang", "op-hang"));
        worker.engine.start();
        await().atMost(WAIT).until(() -> !progress.failures("op-hang").isEmpty());
        assertThat(progress.failures("op-hang").get(0).reason()).contains("timed out").contains("restarting");
        assertThat(worker.registry.get("restart.failures").tag("reason", "TIMEOUT").counter().count()).isEqualTo(1);
    }

    @Test
    void aNodeThatNeverAnswersFailsTheHealthGate() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofMillis(800));
        worker.operator.fault("rs-sick", "h", Fault.UNHEALTHY);
        record(enable("rs-sick", "op-sick"));
        worker.engine.start();
        await().atMost(WAIT).until(() -> !progress.failures("op-sick").isEmpty());
        assertThat(progress.failures("op-sick").get(0).reason()).contains("health gate")
                .contains("does not answer ping");
    }

    @Test
    void aRefusedSignatureFailsTheNodeWithTheSignersCode() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofSeconds(60));
        signer.refuse("rs-refused", "h");
        record(enable("rs-refused", "op-refused"));
        worker.engine.start();
        await().atMost(WAIT).until(() -> !progress.failures("op-refused").isEmpty());
        assertThat(progress.failures("op-refused").get(0).reason()).contains("OPERATION_NOT_RUNNING");
        assertThat(worker.operator.restarts("rs-refused", "h")).as("node untouched").isZero();
    }

    @Test
    void aPrimaryThatMovedIsRestartedLastAfterAStepDown() {
        var worker = worker("w1", Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofSeconds(60));
        worker.operator.role("rs-moved", "s", NodeRole.PRIMARY);
        worker.operator.role("rs-moved", "p", NodeRole.SECONDARY);
        var nodes = Events.threeNodes(27_200);
        record(new SslDisabledEvent("rs-moved", "op-moved", "abc", nodes, 100));
        worker.engine.start();
        await().atMost(WAIT).until(() -> progress.completed("op-moved"));
        assertThat(progress.of("op-moved").stream().map(s -> describe(s.report())).toList()).containsExactly(
                "started h", "restarted h", "started p", "restarted p", "started s", "restarted s", "completed");
        assertThat(worker.operator.stepDowns("rs-moved", "s")).isEqualTo(1);
        assertThat(worker.operator.stepDowns("rs-moved", "p")).isZero();
    }

    private static String describe(RestartProgressReport report) {
        if (report instanceof NodeRestartStartedReport r) {
            return "started " + r.nodeName();
        }
        if (report instanceof NodeRestartedReport r) {
            return "restarted " + r.nodeName();
        }
        if (report instanceof RestartCompletedReport) {
            return "completed";
        }
        return "failed";
    }
}
