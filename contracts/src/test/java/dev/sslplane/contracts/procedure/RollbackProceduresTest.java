package dev.sslplane.contracts.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.TlsMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every rollback, from every point at which its operation may be aborted, keeps every member able to reach and verify
 * every other in every pass, and ends with every node as it was before the operation.
 *
 * <p>A member is (mode, issuer of its certificate, CAs it trusts). An operation aborted in pass {@code k} leaves
 * each node in the state after pass {@code k - 1} or after pass {@code k} (the node in progress may be either); half
 * way through each rollback pass a node may be before or after it.
 */
class RollbackProceduresTest {

    private record Member(TlsMode mode, String issuer, Set<String> trusts) {
    }

    /** The forward operation's CA is "new", the one before it "old". */
    private static final String OLD = "old";
    private static final String NEW = "new";

    @Test
    void everyAbortedOperationRollsBackSafely() {
        check(OperationKind.ENABLE, Procedures.enable(false), new Member(TlsMode.DISABLED, null, Set.of()), OLD);
        check(OperationKind.ENABLE, Procedures.enable(true), new Member(TlsMode.DISABLED, null, Set.of()), OLD);
        for (TlsMode mode : List.of(TlsMode.PREFER, TlsMode.REQUIRE)) {
            Member enabled = new Member(mode, OLD, Set.of(OLD));
            check(OperationKind.ROTATE, Procedures.rotate(mode), enabled, OLD);
            check(OperationKind.DISABLE, Procedures.disable(mode), enabled, OLD);
        }
        check(OperationKind.ENFORCE_TLS, Procedures.enforce(), new Member(TlsMode.PREFER, OLD, Set.of(OLD)), OLD);
        check(OperationKind.RELAX_TLS, Procedures.relax(), new Member(TlsMode.REQUIRE, OLD, Set.of(OLD)), OLD);
    }

    @Test
    void nothingRollsBackBeforeTheFirstPassOrForARenewal() {
        assertThat(Procedures.rollback(OperationKind.ROTATE, Procedures.rotate(TlsMode.PREFER), 0, TlsMode.PREFER))
                .isEmpty();
        assertThat(Procedures.rollback(OperationKind.RENEW_NODE_CERTIFICATES,
                Procedures.renewNodeCertificates(TlsMode.PREFER), 1, TlsMode.PREFER)).isEmpty();
    }

    @Test
    void aRotationAbortedInItsFirstPassOnlyTrustsThePreviousCaAgain() {
        assertThat(Procedures.rollback(OperationKind.ROTATE, Procedures.rotate(TlsMode.PREFER), 1, TlsMode.PREFER))
                .extracting(Pass::name).containsExactly("PREVIOUS_CA_ONLY");
        assertThat(Procedures.rollback(OperationKind.ROTATE, Procedures.rotate(TlsMode.PREFER), 3, TlsMode.PREFER))
                .extracting(Pass::name).containsExactly("CA_BUNDLE", "PREVIOUS_CA_CERTIFICATES", "PREVIOUS_CA_ONLY");
    }

    /** Negative control: trusting the previous CA alone at once cuts off the members with new certificates. */
    @Test
    void trustingThePreviousCaAloneAfterNewCertificatesWouldCutMembersOff() {
        Member enabled = new Member(TlsMode.PREFER, OLD, Set.of(OLD));
        List<Pass> rotation = Procedures.rotate(TlsMode.PREFER);
        List<Pass> naive = List.of(new Pass(1, "PREVIOUS_CA_ONLY", PassAction.RESTART, TlsMode.PREFER,
                CertificateChange.KEEP, CaTrust.OPERATION_CA));
        assertThatThrownBy(() -> rollBack(rotation, 2, enabled, OLD, naive))
                .isInstanceOf(AssertionError.class).hasMessageContaining("certificate from new, trusting [old]");
    }

    /** Negative control: disabling at once from preferTLS cuts members off, as the forward check says too. */
    @Test
    void disablingAtOnceFromPreferWouldCutMembersOff() {
        List<Pass> enable = Procedures.enable(false);
        List<Pass> naive = List.of(new Pass(1, "TLS_DISABLED", PassAction.RESTART, TlsMode.DISABLED,
                CertificateChange.NONE, CaTrust.NONE));
        assertThatThrownBy(() -> rollBack(enable, 2, new Member(TlsMode.DISABLED, null, Set.of()), null, naive))
                .isInstanceOf(AssertionError.class).hasMessageContaining("a PREFER member reaching a DISABLED member");
    }

    private static void check(OperationKind kind, List<Pass> forward, Member before, String caBefore) {
        for (int reached = 1; reached <= forward.size(); reached++) {
            List<Pass> rollback = Procedures.rollback(kind, forward, reached, before.mode());
            String restoredCa = before.issuer() == null ? null : caBefore;
            Set<Member> end = rollBack(forward, reached, before, restoredCa, rollback);
            assertThat(end).as("%s aborted in pass %d ends as before", kind, reached).containsExactly(before);
        }
    }

    /** Runs {@code rollback} from an abort in pass {@code reached} of {@code forward}; answers the states at the end. */
    private static Set<Member> rollBack(List<Pass> forward, int reached, Member before, String restoredCa,
                                        List<Pass> rollback) {
        Member state = before;
        for (Pass pass : forward.subList(0, reached - 1)) {
            state = apply(pass, state, NEW, before.issuer());
        }
        Set<Member> states = new LinkedHashSet<>(List.of(state, apply(forward.get(reached - 1), state, NEW,
                before.issuer())));
        for (Pass pass : rollback) {
            Function<Member, Member> step = m -> apply(pass, m, restoredCa, NEW);
            Set<Member> during = new LinkedHashSet<>(states);
            states.forEach(m -> during.add(step.apply(m)));
            for (Member m : states) {
                if (pass.action() == PassAction.RUNTIME) {
                    assertThat(m.mode() == pass.mode() || m.mode().canChangeAtRuntimeTo(pass.mode()))
                            .as("%s: %s at run time from %s", pass.name(), pass.mode(), m.mode()).isTrue();
                }
            }
            assertConnected(pass, during);
            states = states.stream().map(step).collect(Collectors.toCollection(LinkedHashSet::new));
        }
        return states;
    }

    private static Member apply(Pass pass, Member member, String operationCa, String otherCa) {
        String issuer = switch (pass.certificate()) {
            case NEW -> operationCa;
            case KEEP -> member.issuer();
            case NONE -> null;
        };
        Set<String> trusts = switch (pass.trust()) {
            case KEEP -> member.trusts();
            case OPERATION_CA -> Set.of(operationCa);
            case BUNDLE -> Set.of(operationCa, otherCa);
            case NONE -> Set.of();
        };
        return new Member(pass.mode(), issuer, trusts);
    }

    private static void assertConnected(Pass pass, Set<Member> members) {
        for (Member a : members) {
            for (Member b : members) {
                if (!a.mode().connectsWithTls()) {
                    assertThat(b.mode().acceptsPlain())
                            .as("%s: a %s member reaching a %s member", pass.name(), a.mode(), b.mode()).isTrue();
                    continue;
                }
                assertThat(b.mode().acceptsTls())
                        .as("%s: a %s member reaching a %s member", pass.name(), a.mode(), b.mode()).isTrue();
                assertThat(b.issuer() != null && a.trusts().contains(b.issuer()))
                        .as("%s: a member verifying a certificate from %s, trusting %s", pass.name(), b.issuer(),
                                new TreeSet<>(a.trusts())).isTrue();
                assertThat(b.trusts().contains(a.issuer()))
                        .as("%s: a member verifying a client certificate from %s, trusting %s", pass.name(),
                                a.issuer(), new TreeSet<>(b.trusts())).isTrue();
            }
        }
    }
}
