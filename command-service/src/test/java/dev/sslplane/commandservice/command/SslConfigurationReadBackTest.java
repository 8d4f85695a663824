package dev.sslplane.commandservice.command;

import static dev.sslplane.commandservice.command.AggregateEvents.ID;
import static dev.sslplane.commandservice.command.AggregateEvents.NODES;
import static dev.sslplane.commandservice.command.AggregateEvents.T;
import static dev.sslplane.commandservice.command.AggregateEvents.ca;
import static dev.sslplane.commandservice.command.AggregateEvents.codeIs;
import static dev.sslplane.commandservice.command.AggregateEvents.enabled;
import static dev.sslplane.commandservice.command.AggregateEvents.failed;
import static dev.sslplane.commandservice.command.AggregateEvents.history;
import static dev.sslplane.commandservice.command.AggregateEvents.passesDone;
import static dev.sslplane.commandservice.command.AggregateEvents.registered;
import static dev.sslplane.commandservice.command.AggregateEvents.stepStarted;

import dev.sslplane.commandservice.pki.PkiProperties;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.RecordNodeStatesObservedCommand;
import dev.sslplane.contracts.command.RollBackOperationCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.Pass;
import dev.sslplane.contracts.procedure.Procedures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's read-back of an aborted operation's nodes in {@link SslConfiguration}: observed states replace the
 * computed ones, only for the operation aborted last, a repeat records nothing, and a rollback plans from what the
 * nodes really are.
 */
class SslConfigurationReadBackTest {

    private static final List<String> CA1 = List.of("serial-op-1");
    private static final Instant LATER = T.plusSeconds(5);

    private FixtureConfiguration<SslConfiguration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SslConfiguration.class);
        fixture.registerInjectableResource(new EligibilityPolicy(Set.of("3.4", "4.0", "4.2")));
        fixture.registerInjectableResource(new OperationClock(java.time.Clock.fixed(T, java.time.ZoneOffset.UTC)));
        fixture.registerInjectableResource(PkiProperties.defaults().certificatePolicy());
        fixture.registerInjectableResource((CaProvisioner) (instanceId, operationId, keyAlgorithm, validity) ->
                ca(operationId));
    }

    private static NodeTlsState state(String node, TlsMode mode, boolean settled) {
        List<String> trusted = mode == TlsMode.DISABLED ? List.of() : CA1;
        return new NodeTlsState(node, mode, trusted, mode == TlsMode.DISABLED ? null : "serial-op-1", settled);
    }

    /**
     * Enable op-1: every node allows TLS (pass 1); n0's run-time step to preferTLS (pass 2) failed, so the abort
     * computed n0 "either side" (allowTLS, not settled).
     */
    private static Object[] enableAbortedInSecondPass() {
        return history(registered(), enabled("op-1"), passesDone("op-1", 1, 1), stepStarted("op-1", 2, "n0", 1),
                failed("op-1", OperationKind.ENABLE, 2, "n0"),
                aborted("op-1", List.of(state("n0", TlsMode.ALLOW, false), state("n1", TlsMode.ALLOW, true),
                        state("n2", TlsMode.ALLOW, true))));
    }

    /** Enable op-1 failed on n0's first step, the only one that started: every other node is untouched. */
    private static Object[] enableAbortedInFirstStep() {
        return history(registered(), enabled("op-1"), stepStarted("op-1", 1, "n0", 1),
                failed("op-1", OperationKind.ENABLE, 1, "n0"),
                aborted("op-1", List.of(state("n0", TlsMode.DISABLED, false), state("n1", TlsMode.DISABLED, true),
                        state("n2", TlsMode.DISABLED, true))));
    }

    private static OperationAbortedEvent aborted(String op, List<NodeTlsState> nodes) {
        return new OperationAbortedEvent(ID, op, OperationKind.ENABLE, "FAILED", T, nodes, true, SslStatus.DISABLED,
                TlsMode.DISABLED, null);
    }

    private static RecordNodeStatesObservedCommand readBack(String op, TlsMode n0, Map<String, String> unread) {
        var read = new java.util.ArrayList<NodeTlsState>();
        if (!unread.containsKey("n0")) {
            read.add(state("n0", n0, true));
        }
        read.add(state("n1", TlsMode.ALLOW, true));
        read.add(state("n2", TlsMode.ALLOW, true));
        return new RecordNodeStatesObservedCommand(ID, op, read, unread, LATER);
    }

    private static NodeTlsStatesObservedEvent observed(List<NodeTlsState> nodes, Map<String, String> unread,
                                                       boolean rollbackRequired) {
        return new NodeTlsStatesObservedEvent(ID, "op-1", LATER, nodes, unread, rollbackRequired, SslStatus.DISABLED,
                TlsMode.DISABLED, null);
    }

    /** n0 did not take its run-time step: it still allows TLS, now known for sure. */
    private static NodeTlsStatesObservedEvent n0StillAllows() {
        return observed(List.of(state("n0", TlsMode.ALLOW, true), state("n1", TlsMode.ALLOW, true),
                state("n2", TlsMode.ALLOW, true)), Map.of(), true);
    }

    private static OperationRollingBackEvent rollback(List<Pass> plan) {
        return new OperationRollingBackEvent(ID, "op-2", "op-1", OperationKind.ENABLE, null, ca("op-1"), null, NODES,
                42, "4.2", plan, null, null);
    }

    @Test
    void theObservedStatesReplaceTheComputedOnesAndSettleTheFailedNode() {
        fixture.given(enableAbortedInSecondPass())
                .when(readBack("op-1", TlsMode.ALLOW, Map.of()))
                .expectEvents(n0StillAllows());
    }

    @Test
    void aFirstReadBackThatConfirmsTheComputedStatesIsStillRecorded() {
        var computed = List.of(state("n0", TlsMode.ALLOW, true), state("n1", TlsMode.ALLOW, true),
                state("n2", TlsMode.ALLOW, true));
        Object[] abortedAfterFirstPass = history(registered(), enabled("op-1"), passesDone("op-1", 1, 1),
                failed("op-1", OperationKind.ENABLE, 2, "n0"), aborted("op-1", computed));
        fixture.given(abortedAfterFirstPass)
                .when(new RecordNodeStatesObservedCommand(ID, "op-1", computed, Map.of(), LATER))
                .expectEvents(observed(computed, Map.of(), true));
        fixture.given(history(abortedAfterFirstPass, observed(computed, Map.of(), true)))
                .when(new RecordNodeStatesObservedCommand(ID, "op-1", computed, Map.of(), LATER))
                .expectNoEvents();
    }

    @Test
    void aRepeatedReadBackRecordsNothingWhenItSaysNothingNew() {
        fixture.given(history(enableAbortedInSecondPass(), n0StillAllows()))
                .when(new RecordNodeStatesObservedCommand(ID, "op-1", n0StillAllows().nodes(), Map.of(),
                        LATER.plusSeconds(60)))
                .expectNoEvents();
        // a later read that fails on a node already seen does not undo what was seen
        fixture.given(history(enableAbortedInSecondPass(), n0StillAllows()))
                .when(readBack("op-1", TlsMode.ALLOW, Map.of("n0", "connection refused")))
                .expectNoEvents();
    }

    @Test
    void aNodeThatCannotBeReadKeepsItsComputedStateAndTheReason() {
        fixture.given(enableAbortedInSecondPass())
                .when(readBack("op-1", TlsMode.ALLOW, Map.of("n0", "node n0 does not answer: connection refused")))
                .expectEvents(observed(List.of(state("n0", TlsMode.ALLOW, false), state("n1", TlsMode.ALLOW, true),
                                state("n2", TlsMode.ALLOW, true)),
                        Map.of("n0", "node n0 does not answer: connection refused"), true));
    }

    @Test
    void aReadBackOfAnotherOrAnOlderOperationIsIgnored() {
        fixture.given(enableAbortedInSecondPass())
                .when(readBack("op-9", TlsMode.ALLOW, Map.of()))
                .expectNoEvents();
        // once the rollback started, the nodes change again: a late read-back of the abort is stale
        fixture.given(history(enableAbortedInSecondPass(),
                        rollback(Procedures.rollback(OperationKind.ENABLE, Procedures.enable(false), 2,
                                TlsMode.DISABLED))))
                .when(readBack("op-1", TlsMode.ALLOW, Map.of()))
                .expectNoEvents();
    }

    @Test
    void theRollbackPlansFromTheObservedStates() {
        // observed: n0 never reached preferTLS, so nothing is above allowTLS and one restart disables TLS
        fixture.given(history(enableAbortedInSecondPass(), n0StillAllows()))
                .when(new RollBackOperationCommand(ID, "op-1", "op-2"))
                .expectEvents(rollback(Procedures.rollback(OperationKind.ENABLE, Procedures.enable(false), 1,
                        TlsMode.DISABLED)));
        // observed: n0 did take its step, so the rollback comes down from preferTLS
        var n0Prefers = observed(List.of(state("n0", TlsMode.PREFER, true), state("n1", TlsMode.ALLOW, true),
                state("n2", TlsMode.ALLOW, true)), Map.of(), true);
        fixture.given(history(enableAbortedInSecondPass(), n0Prefers))
                .when(new RollBackOperationCommand(ID, "op-1", "op-2"))
                .expectEvents(rollback(Procedures.rollback(OperationKind.ENABLE, Procedures.enable(false), 2,
                        TlsMode.DISABLED)));
    }

    /**
     * Negative control: planned from the computed states (no read-back) the same rollback differs, with a restart down
     * from preferTLS that no node needs, since n0 in fact never took the step.
     */
    @Test
    void withoutTheReadBackTheRollbackIsPlannedFromTheComputedStateAndDiffers() {
        List<Pass> computed = Procedures.rollback(OperationKind.ENABLE, Procedures.enable(false), 2, TlsMode.DISABLED);
        List<Pass> observed = Procedures.rollback(OperationKind.ENABLE, Procedures.enable(false), 1, TlsMode.DISABLED);
        org.assertj.core.api.Assertions.assertThat(computed).extracting(Pass::name)
                .containsExactly("DOWN_TO_ALLOW_TLS", "TLS_DISABLED");
        org.assertj.core.api.Assertions.assertThat(observed).extracting(Pass::name).containsExactly("TLS_DISABLED");
        fixture.given(enableAbortedInSecondPass())
                .when(new RollBackOperationCommand(ID, "op-1", "op-2"))
                .expectEvents(rollback(computed));
    }

    @Test
    void aReadBackShowingEveryNodeAsBeforeLiftsTheRollbackRequirement() {
        var untouched = observed(List.of(state("n0", TlsMode.DISABLED, true), state("n1", TlsMode.DISABLED, true),
                state("n2", TlsMode.DISABLED, true)), Map.of(), false);
        fixture.given(enableAbortedInFirstStep())
                .when(new RecordNodeStatesObservedCommand(ID, "op-1", untouched.nodes(), Map.of(), LATER))
                .expectEvents(untouched);
        fixture.given(history(enableAbortedInFirstStep(), untouched))
                .when(new EnableSslCommand(ID, "op-3", false))
                .expectSuccessfulHandlerExecution();
        // a node that could not be read may have taken its step: the rollback stays required
        fixture.given(history(enableAbortedInFirstStep(), observed(List.of(state("n0", TlsMode.DISABLED, false),
                        state("n1", TlsMode.DISABLED, true), state("n2", TlsMode.DISABLED, true)),
                        Map.of("n0", "timeout"), true)))
                .when(new EnableSslCommand(ID, "op-3", false))
                .expectNoEvents()
                .expectException(codeIs(ErrorCode.ROLLBACK_REQUIRED));
    }
}
