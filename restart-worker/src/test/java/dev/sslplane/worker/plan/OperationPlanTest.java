package dev.sslplane.worker.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sslplane.contracts.model.EngineVersion;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.procedure.CertificateChange;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.worker.node.NodeTlsConfig;
import dev.sslplane.worker.nodeclient.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each pass of the documented procedures means for connections, expected issuers and node configs. */
class OperationPlanTest {

    private static final String CA = "NEW CA";
    private static final String OLD = "OLD CA";

    @Test
    void enableGoesFromDisabledThroughAllowToPreferAndRequireWithTheNewCaFromPassOne() {
        var plan = new OperationPlan(OperationKind.ENABLE, EngineVersion.V4_0, Procedures.enable(true), CA, null,
                null);
        assertThat(plan.modeBefore(plan.pass(1))).isEqualTo(TlsMode.DISABLED);
        assertThat(plan.control(plan.pass(1))).isEqualTo(Connection.plain());
        assertThat(plan.control(plan.pass(2))).isEqualTo(Connection.plain());
        assertThat(plan.control(plan.pass(3))).as("nodes may require TLS during pass 3")
                .isEqualTo(Connection.verified(List.of(CA)));
        assertThat(plan.expectedIssuer(plan.pass(1))).isEqualTo(CA);
        NodeTlsConfig first = plan.nodeConfig(plan.pass(1), "CHAIN");
        assertThat(first.certificate()).isEqualTo(NodeTlsConfig.Certificate.replaceWith("CHAIN"));
        assertThat(first.caFile()).isEqualTo(NodeTlsConfig.CaFile.replaceWith(List.of(CA)));
        assertThat(first.mode()).isEqualTo(TlsMode.ALLOW);
        assertThat(plan.nodeConfig(plan.pass(2), null)).isEqualTo(NodeTlsConfig.modeOnly(EngineVersion.V4_0,
                TlsMode.PREFER));
    }

    @Test
    void aRotationTrustsTheBundleFirstAndExpectsTheOldIssuerUntilTheNewCertificates() {
        var plan = new OperationPlan(OperationKind.ROTATE, EngineVersion.V4_2, Procedures.rotate(TlsMode.REQUIRE), CA,
                OLD, Procedures.ROTATION_HOLD_PASS);
        assertThat(plan.expectedIssuer(plan.pass(1))).isEqualTo(OLD);
        assertThat(plan.expectedIssuer(plan.pass(2))).isEqualTo(CA);
        assertThat(plan.expectedIssuer(plan.pass(3))).isEqualTo(CA);
        assertThat(plan.control(plan.pass(1))).as("members present either CA while it runs")
                .isEqualTo(Connection.verified(List.of(CA, OLD)));
        assertThat(plan.nodeConfig(plan.pass(1), null).caFile().caPems()).containsExactly(CA, OLD);
        assertThat(plan.nodeConfig(plan.pass(1), null).certificate().change()).isEqualTo(CertificateChange.KEEP);
        assertThat(plan.nodeConfig(plan.pass(3), null).caFile().caPems()).containsExactly(CA);
        assertThat(plan.lastPassToRun()).isEqualTo(2);
        assertThat(plan.holds()).isTrue();
        assertThat(plan.passesToRun(List.of("a"), java.util.Set.of("1/a"))).extracting(p -> p.number())
                .containsExactly(2);
    }

    @Test
    void disableAndEnforcementExpectTheCaTheNodesAlreadyHave() {
        var disable = new OperationPlan(OperationKind.DISABLE, EngineVersion.V3_4, Procedures.disable(TlsMode.REQUIRE),
                null, OLD, null);
        assertThat(disable.modeBefore(disable.pass(1))).isEqualTo(TlsMode.REQUIRE);
        assertThat(disable.expectedIssuer(disable.pass(1))).isEqualTo(OLD);
        assertThat(disable.control(disable.pass(1))).isEqualTo(Connection.verified(List.of(OLD)));
        assertThat(disable.control(disable.pass(2))).isEqualTo(Connection.plain());
        assertThat(disable.nodeConfig(disable.pass(3), null).caFile()).isEqualTo(NodeTlsConfig.CaFile.none());
        assertThat(disable.nodeConfig(disable.pass(3), null).certificate()).isEqualTo(
                NodeTlsConfig.Certificate.none());

        var enforce = new OperationPlan(OperationKind.ENFORCE_TLS, EngineVersion.V4_2, Procedures.enforce(), CA, null,
                null);
        assertThat(enforce.modeBefore(enforce.pass(1))).isEqualTo(TlsMode.PREFER);
        assertThat(enforce.expectedIssuer(enforce.pass(1))).isEqualTo(CA);
        var relax = new OperationPlan(OperationKind.RELAX_TLS, EngineVersion.V4_2, Procedures.relax(), CA, null, null);
        assertThat(relax.modeBefore(relax.pass(1))).isEqualTo(TlsMode.REQUIRE);
        assertThat(relax.control(relax.pass(1))).isEqualTo(Connection.verified(List.of(CA)));
    }

    @Test
    void aRenewalStaysInItsModeTrustsTheCurrentCaAloneAndInstallsTheNewCertificate() {
        for (TlsMode mode : List.of(TlsMode.PREFER, TlsMode.REQUIRE)) {
            var plan = new OperationPlan(OperationKind.RENEW_NODE_CERTIFICATES, EngineVersion.V4_2,
                    Procedures.renewNodeCertificates(mode), CA, null, null);
            assertThat(plan.modeBefore(plan.pass(1))).isEqualTo(mode);
            assertThat(plan.expectedIssuer(plan.pass(1))).as("old and new certificates: the same CA").isEqualTo(CA);
            assertThat(plan.control(plan.pass(1))).as("control connections as the mode allows")
                    .isEqualTo(mode == TlsMode.REQUIRE ? Connection.verified(List.of(CA)) : Connection.plain());
            NodeTlsConfig config = plan.nodeConfig(plan.pass(1), "CHAIN");
            assertThat(config.certificate()).isEqualTo(NodeTlsConfig.Certificate.replaceWith("CHAIN"));
            assertThat(config.caFile()).as("the CA file written back as it was")
                    .isEqualTo(NodeTlsConfig.CaFile.replaceWith(List.of(CA)));
            assertThat(config.mode()).isEqualTo(mode);
            assertThat(plan.holds()).isFalse();
        }
    }

    // ---- rollbacks (issue 19 §4): ca = the CA before the aborted operation, previousCa = the aborted one's CA

    private static OperationPlan rollback(OperationKind aborted, List<dev.sslplane.contracts.procedure.Pass> plan,
                                          int reachedPass, TlsMode modeBefore, String ca, String previousCa) {
        return new OperationPlan(OperationKind.ROLLBACK, EngineVersion.V4_2,
                Procedures.rollback(aborted, plan, reachedPass, modeBefore), ca, previousCa, null);
    }

    @Test
    void aRotationRolledBackAfterItsNewCertificatesGivesCertificatesOfTheFormerCaUnderTheBundleThenTrustsItAlone() {
        // CA is the aborted rotation's CA, OLD the one before it, which the rollback restores
        var plan = rollback(OperationKind.ROTATE, Procedures.rotate(TlsMode.PREFER), 2, TlsMode.PREFER, OLD, CA);
        assertThat(plan.passes()).extracting(p -> p.name()).containsExactly("PREVIOUS_CA_CERTIFICATES",
                "PREVIOUS_CA_ONLY");
        assertThat(plan.modeBefore(plan.pass(1))).isEqualTo(TlsMode.PREFER);
        assertThat(plan.control(plan.pass(1))).isEqualTo(Connection.plain());
        NodeTlsConfig first = plan.nodeConfig(plan.pass(1), "CHAIN");
        assertThat(first.certificate()).isEqualTo(NodeTlsConfig.Certificate.replaceWith("CHAIN"));
        assertThat(first.caFile().caPems()).as("both CAs while either signs a member's certificate")
                .containsExactlyInAnyOrder(OLD, CA);
        assertThat(plan.expectedIssuer(plan.pass(1))).isEqualTo(OLD);
        assertThat(plan.nodeConfig(plan.pass(2), null).caFile()).isEqualTo(
                NodeTlsConfig.CaFile.replaceWith(List.of(OLD)));
        assertThat(plan.nodeConfig(plan.pass(2), null).certificate().change()).isEqualTo(CertificateChange.KEEP);
        assertThat(plan.expectedIssuer(plan.pass(2))).isEqualTo(OLD);
    }

    @Test
    void aRotationRolledBackFromEitherEndExpectsTheIssuerTheNodesReallyPresent() {
        var early = rollback(OperationKind.ROTATE, Procedures.rotate(TlsMode.REQUIRE), 1, TlsMode.REQUIRE, OLD, CA);
        assertThat(early.passes()).extracting(p -> p.name()).containsExactly("PREVIOUS_CA_ONLY");
        assertThat(early.expectedIssuer(early.pass(1))).as("no node got a certificate of the aborted CA")
                .isEqualTo(OLD);
        assertThat(early.control(early.pass(1))).isEqualTo(Connection.verified(List.of(OLD, CA)));

        var late = rollback(OperationKind.ROTATE, Procedures.rotate(TlsMode.PREFER), 3, TlsMode.PREFER, OLD, CA);
        assertThat(late.passes()).extracting(p -> p.name()).containsExactly("CA_BUNDLE", "PREVIOUS_CA_CERTIFICATES",
                "PREVIOUS_CA_ONLY");
        assertThat(late.expectedIssuer(late.pass(1))).as("every node presents the aborted CA's certificate")
                .isEqualTo(CA);
        assertThat(late.expectedIssuer(late.pass(2))).isEqualTo(OLD);
        assertThat(late.nodeConfig(late.pass(1), null).certificate().change()).isEqualTo(CertificateChange.KEEP);
    }

    @Test
    void anEnableRolledBackGoesDownFromTheHighestModeReachedKeepingItsCertificatesUntilTlsIsOff() {
        var plan = rollback(OperationKind.ENABLE, Procedures.enable(true), 3, TlsMode.DISABLED, null, CA);
        assertThat(plan.passes()).extracting(p -> p.name()).containsExactly("DOWN_TO_PREFER_TLS",
                "DOWN_TO_ALLOW_TLS", "TLS_DISABLED");
        assertThat(plan.modeBefore(plan.pass(1))).as("some nodes may require TLS").isEqualTo(TlsMode.REQUIRE);
        assertThat(plan.control(plan.pass(1))).isEqualTo(Connection.verified(List.of(CA)));
        assertThat(plan.control(plan.pass(2))).isEqualTo(Connection.plain());
        assertThat(plan.expectedIssuer(plan.pass(1))).isEqualTo(CA);
        assertThat(plan.nodeConfig(plan.pass(3), null)).isEqualTo(new NodeTlsConfig(EngineVersion.V4_2,
                TlsMode.DISABLED, NodeTlsConfig.Certificate.none(), NodeTlsConfig.CaFile.none()));

        var fromAllow = rollback(OperationKind.ENABLE, Procedures.enable(false), 1, TlsMode.DISABLED, null, CA);
        assertThat(fromAllow.modeBefore(fromAllow.pass(1))).isEqualTo(TlsMode.ALLOW);
    }

    @Test
    void aDisableRolledBackGivesCertificatesOfTheFormerCaAgainThenGoesUpAtRunTime() {
        var plan = rollback(OperationKind.DISABLE, Procedures.disable(TlsMode.REQUIRE), 3, TlsMode.REQUIRE, OLD, null);
        assertThat(plan.passes()).extracting(p -> p.name()).containsExactly("ALLOW_TLS", "PREFER_TLS",
                "REQUIRE_TLS");
        assertThat(plan.modeBefore(plan.pass(1))).isEqualTo(TlsMode.DISABLED);
        assertThat(plan.control(plan.pass(1))).isEqualTo(Connection.plain());
        assertThat(plan.nodeConfig(plan.pass(1), "CHAIN").caFile()).isEqualTo(
                NodeTlsConfig.CaFile.replaceWith(List.of(OLD)));
        assertThat(plan.expectedIssuer(plan.pass(1))).isEqualTo(OLD);
        assertThat(plan.modeBefore(plan.pass(2))).isEqualTo(TlsMode.ALLOW);
        assertThat(plan.control(plan.pass(3))).isEqualTo(Connection.verified(List.of(OLD)));

        var upOnly = rollback(OperationKind.DISABLE, Procedures.disable(TlsMode.REQUIRE), 1, TlsMode.REQUIRE, OLD,
                null);
        assertThat(upOnly.passes()).extracting(p -> p.name()).containsExactly("REQUIRE_TLS");
        assertThat(upOnly.modeBefore(upOnly.pass(1))).isEqualTo(TlsMode.PREFER);
        assertThat(upOnly.expectedIssuer(upOnly.pass(1))).isEqualTo(OLD);
    }

    @Test
    void anEnforcementChangeRolledBackIsTheOppositeChange() {
        var relax = rollback(OperationKind.ENFORCE_TLS, Procedures.enforce(), 1, TlsMode.PREFER, CA, CA);
        assertThat(relax.modeBefore(relax.pass(1))).isEqualTo(TlsMode.REQUIRE);
        assertThat(relax.control(relax.pass(1))).isEqualTo(Connection.verified(List.of(CA)));
        var enforce = rollback(OperationKind.RELAX_TLS, Procedures.relax(), 1, TlsMode.REQUIRE, CA, CA);
        assertThat(enforce.modeBefore(enforce.pass(1))).isEqualTo(TlsMode.PREFER);
        assertThat(enforce.expectedIssuer(enforce.pass(1))).isEqualTo(CA);
    }
}
