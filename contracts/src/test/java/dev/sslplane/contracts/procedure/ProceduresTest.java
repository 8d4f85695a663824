package dev.sslplane.contracts.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.TlsMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documented procedures keep every member able to reach every other: checked pass by pass with mongod's
 * connection rules, under the assumption that a pass may stop after any node.
 */
class ProceduresTest {

    @Test
    void enableRestartsIntoAllowThenRaisesTheModeAtRunTime() {
        assertThat(Procedures.enable(false)).extracting(Pass::action, Pass::mode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PassAction.RESTART, TlsMode.ALLOW),
                org.assertj.core.groups.Tuple.tuple(PassAction.RUNTIME, TlsMode.PREFER));
        assertThat(Procedures.enable(true)).extracting(Pass::mode)
                .containsExactly(TlsMode.ALLOW, TlsMode.PREFER, TlsMode.REQUIRE);
        assertThat(Procedures.enable(false).get(0).issuesCertificates()).isTrue();
    }

    @Test
    void everyRuntimePassIsAChangeMongodAllows() {
        assertRuntimePassesAllowed(TlsMode.DISABLED, Procedures.enable(true));
        assertRuntimePassesAllowed(TlsMode.PREFER, Procedures.enforce());
    }

    private static void assertRuntimePassesAllowed(TlsMode start, List<Pass> procedure) {
        TlsMode before = start;
        for (Pass pass : procedure) {
            if (pass.action() == PassAction.RUNTIME) {
                assertThat(before.canChangeAtRuntimeTo(pass.mode())).as(pass.name()).isTrue();
            }
            before = pass.mode();
        }
    }

    @Test
    void noPassLetsAMemberOpenTlsToAMemberThatRefusesIt() {
        assertMembersReachEachOther(TlsMode.DISABLED, Procedures.enable(true));
        assertMembersReachEachOther(TlsMode.REQUIRE, Procedures.disable(TlsMode.REQUIRE));
        assertMembersReachEachOther(TlsMode.PREFER, Procedures.disable(TlsMode.PREFER));
        assertMembersReachEachOther(TlsMode.REQUIRE, Procedures.relax());
    }

    /** Negative control: the one-pass procedure the product had before fails the same check. */
    @Test
    void theOnePassProcedureWouldCutMembersOff() {
        assertThatThrownBy(() -> assertMembersReachEachOther(TlsMode.DISABLED,
                List.of(new Pass(1, "RESTART", PassAction.RESTART, TlsMode.PREFER, CertificateChange.NEW,
                        CaTrust.OPERATION_CA))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("a PREFER member reaching a DISABLED member");
        assertThatThrownBy(() -> assertMembersReachEachOther(TlsMode.PREFER,
                Procedures.legacy(dev.sslplane.contracts.model.OperationKind.DISABLE)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("a PREFER member reaching a DISABLED member");
    }

    @Test
    void rotationTrustsBothCasWhileEitherSignsAMembersCertificate() {
        List<Pass> rotate = Procedures.rotate(TlsMode.PREFER);
        assertThat(rotate).extracting(Pass::certificate, Pass::trust).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CertificateChange.KEEP, CaTrust.BUNDLE),
                org.assertj.core.groups.Tuple.tuple(CertificateChange.NEW, CaTrust.BUNDLE),
                org.assertj.core.groups.Tuple.tuple(CertificateChange.KEEP, CaTrust.OPERATION_CA));
        assertThat(rotate).allMatch(p -> p.action() == PassAction.RESTART && p.mode() == TlsMode.PREFER);
        assertThat(rotate.get(Procedures.ROTATION_HOLD_PASS - 1).name()).isEqualTo("NEW_CERTIFICATES");
    }

    @Test
    void renewalIssuesNewCertificatesUnderTheCaTheNodesTrustInOneRestartAtTheCurrentMode() {
        for (TlsMode mode : List.of(TlsMode.PREFER, TlsMode.REQUIRE)) {
            List<Pass> renew = Procedures.renewNodeCertificates(mode);
            assertThat(renew).containsExactly(new Pass(1, "NEW_CERTIFICATES", PassAction.RESTART, mode,
                    CertificateChange.NEW, CaTrust.OPERATION_CA));
            assertMembersReachEachOther(mode, renew);
        }
        assertThat(Procedures.renewNodeCertificates(TlsMode.PREFER).get(0).issuesCertificates()).isTrue();
    }

    /**
     * Half-way through a renewal, members with the old and the new certificate verify each other: both are signed
     * by the CA every member trusts. (Modelled as the rotation's check with the operation's CA being the old one.)
     */
    @Test
    void duringARenewalEveryMemberVerifiesEveryOther() {
        List<Pass> renew = Procedures.renewNodeCertificates(TlsMode.PREFER);
        Pass pass = renew.get(0);
        java.util.Set<String> trustBefore = java.util.Set.of("current");
        // OPERATION_CA is the current CA: the CA file after the pass holds what it held before
        java.util.Set<String> trustAfter = pass.trust() == CaTrust.OPERATION_CA || pass.trust() == CaTrust.KEEP
                ? java.util.Set.of("current") : java.util.Set.of();
        assertThat(trustAfter).isEqualTo(trustBefore);
        assertThat(pass.certificate()).as("new certificates, still from the current CA")
                .isEqualTo(CertificateChange.NEW);
    }

    @Test
    void modesSpeakEachEnginesDialect() {
        assertThat(TlsMode.PREFER.configValue(EngineVersion.V3_4)).isEqualTo("preferSSL");
        assertThat(TlsMode.PREFER.configValue(EngineVersion.V4_2)).isEqualTo("preferTLS");
        assertThat(TlsMode.DISABLED.configValue(EngineVersion.V4_0)).isEqualTo("disabled");
        assertThat(TlsMode.fromConfigValue("requireSSL")).isEqualTo(TlsMode.REQUIRE);
        assertThat(EngineVersion.of("4.0").modeParameter()).isEqualTo("sslMode");
        assertThat(TlsMode.PREFER.canChangeAtRuntimeTo(TlsMode.ALLOW)).isFalse();
        assertThat(TlsMode.ALLOW.canChangeAtRuntimeTo(TlsMode.REQUIRE)).isFalse();
    }

    @Test
    void duringARotationEveryMemberVerifiesEveryOther() {
        assertMembersVerifyEachOther(Procedures.rotate(TlsMode.PREFER));
        assertThatThrownBy(() -> assertMembersVerifyEachOther(List.of(
                new Pass(1, "RESTART", PassAction.RESTART, TlsMode.PREFER, CertificateChange.NEW,
                        CaTrust.OPERATION_CA))))
                .as("negative control: the one-pass rotation")
                .isInstanceOf(AssertionError.class).hasMessageContaining("certificate from new, trusting [old]");
    }

    /**
     * A member is (certificate issuer, trusted CAs); half-way through each pass some members are done and some
     * not, and each must verify the certificate every other one presents.
     */
    private static void assertMembersVerifyEachOther(List<Pass> passes) {
        record Member(String issuer, java.util.Set<String> trusts) {
        }
        Member before = new Member("old", java.util.Set.of("old"));
        for (Pass pass : passes) {
            String issuer = pass.certificate() == CertificateChange.NEW ? "new" : before.issuer();
            java.util.Set<String> trusts = switch (pass.trust()) {
                case BUNDLE -> java.util.Set.of("old", "new");
                case OPERATION_CA -> java.util.Set.of("new");
                default -> before.trusts();
            };
            Member after = new Member(issuer, trusts);
            for (Member a : List.of(before, after)) {
                for (Member b : List.of(before, after)) {
                    assertThat(a.trusts().contains(b.issuer()))
                            .as("%s: a member verifying a certificate from %s, trusting %s", pass.name(), b.issuer(),
                                    new java.util.TreeSet<>(a.trusts()))
                            .isTrue();
                }
            }
            before = after;
        }
    }

    /** Half-way through each pass some members have the new mode and some the old one. */
    private static void assertMembersReachEachOther(TlsMode start, List<Pass> passes) {
        TlsMode before = start;
        for (Pass pass : passes) {
            for (TlsMode a : List.of(before, pass.mode())) {
                for (TlsMode b : List.of(before, pass.mode())) {
                    boolean reaches = a.connectsWithTls() ? b.acceptsTls() : b.acceptsPlain();
                    assertThat(reaches).as("%s: a %s member reaching a %s member", pass.name(), a, b).isTrue();
                }
            }
            before = pass.mode();
        }
    }
}
