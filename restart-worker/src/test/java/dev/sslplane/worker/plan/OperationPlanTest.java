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
}
