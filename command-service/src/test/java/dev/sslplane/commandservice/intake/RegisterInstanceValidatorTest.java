package dev.sslplane.commandservice.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.PerconaTarget;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.model.SystemdTarget.SystemdHost;
import dev.sslplane.contracts.model.Topology;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterInstanceValidatorTest {

    private static NodeSpec node(String name, String host, int port) {
        return new NodeSpec(name, host, port, NodeRole.SECONDARY, List.of());
    }

    private static RegisterInstanceRequest request(String id, String version, List<NodeSpec> nodes, Integer count) {
        return new RegisterInstanceRequest(id, version, Topology.REPLICA_SET, nodes, count);
    }

    @Test
    void aValidRequestBecomesTheCommandWithCollectionCountDefaultingToZero() {
        var command = RegisterInstanceValidator.toCommand(request("rs-1", "4.2.24",
                List.of(node("a", "db-a.example.com", 27017), node("b", "10.0.0.2", 27017), node("c", "::1", 1)),
                null));
        assertThat(command.instanceId()).isEqualTo("rs-1");
        assertThat(command.collectionCount()).isZero();
        assertThat(command.nodes()).hasSize(3);
    }

    @Test
    void everyViolationIsListedAtOnce() {
        var bad = new RegisterInstanceRequest("", "4", null,
                List.of(node("a", "bad host", 0), node("a", "h", 70000)), -1);
        assertThatThrownBy(() -> RegisterInstanceValidator.toCommand(bad))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat((List<?>) e.details().get("violations")).hasSize(8);
                });
    }

    @Test
    void nodeCountMustBeOneToFifty() {
        assertThat(RegisterInstanceValidator.violations(request("x", "4.2", List.of(), 0)))
                .containsExactly("nodes must list 1 to 50 members");
        var fifty = IntStream.range(0, 50).mapToObj(i -> node("n" + i, "h" + i, 27017)).toList();
        assertThat(RegisterInstanceValidator.violations(request("x", "4.2", fifty, 0))).isEmpty();
        var fiftyOne = IntStream.range(0, 51).mapToObj(i -> node("n" + i, "h" + i, 27017)).toList();
        assertThat(RegisterInstanceValidator.violations(request("x", "4.2", fiftyOne, 0))).hasSize(1);
    }

    @Test
    void hostAndPortMustBeUniqueIgnoringHostCase() {
        assertThat(RegisterInstanceValidator.violations(request("x", "4.2",
                List.of(node("a", "DB.test", 1), node("b", "db.test", 1)), 0)))
                .containsExactly("nodes[1] address db.test:1 is used twice");
    }

    // ---- node operator ----------------------------------------------------------------------------------------

    private static final List<NodeSpec> NODES = List.of(node("a", "db-a.test", 27017), node("b", "db-b.test", 27017));

    private static RegisterInstanceRequest withOperator(NodeOperatorTarget operator) {
        return new RegisterInstanceRequest("rs-1", "4.2", Topology.REPLICA_SET, NODES, 0, operator);
    }

    private static SystemdTarget systemd(String user, String key, String knownHosts, List<SystemdHost> hosts) {
        return new SystemdTarget(user, key, knownHosts, null, null, null, null, null, hosts);
    }

    private static SystemdTarget completeSystemd(List<SystemdHost> hosts) {
        return systemd("mongod-admin", "/etc/sslplane/id_ed25519", "/etc/sslplane/known_hosts", hosts);
    }

    @Test
    void aRegistrationWithoutAnOperatorIsValidAndLeavesItToTheWorker() {
        var command = RegisterInstanceValidator.toCommand(withOperator(null));

        assertThat(command.operator()).isNull();
    }

    @Test
    void aLocalFleetOperatorIsAcceptedAndCarriedByTheCommand() {
        var command = RegisterInstanceValidator.toCommand(withOperator(NodeOperatorTarget.localFleet()));

        assertThat(command.operator()).isEqualTo(NodeOperatorTarget.localFleet());
    }

    @Test
    void aPerconaTargetIsAcceptedWhenEveryNodeHasEveryMembersHost() {
        var nodes = List.of(new NodeSpec("a", "db-a.test", 27017, NodeRole.PRIMARY, List.of("db-b.test")),
                new NodeSpec("b", "db-b.test", 27017, NodeRole.SECONDARY, List.of("db-a.test")));
        var operator = NodeOperatorTarget.percona(new PerconaTarget("mongo", "orders", null, null));

        assertThat(RegisterInstanceValidator.toCommand(new RegisterInstanceRequest("rs-1", "4.2",
                Topology.REPLICA_SET, nodes, 0, operator)).operator()).isEqualTo(operator);
        // NODES: each node registered with its own host only, so no one certificate can serve both
        assertThat(RegisterInstanceValidator.violations(withOperator(NodeOperatorTarget.percona(
                new PerconaTarget("Mongo", "orders", null, "relative/kubeconfig")))))
                .contains("operator.percona.namespace must be a DNS-1123 label (lower-case letters, digits and '-',"
                        + " at most 63)",
                        "operator.percona.kubeconfigFile must be an absolute path of letters, digits and ._/+-")
                .anySatisfy(v -> assertThat(v).contains("one certificate for every member", "db-a.test"));
    }

    @Test
    void aCompleteSystemdTargetIsAcceptedAndCarriedByTheCommand() {
        var operator = NodeOperatorTarget.systemd(completeSystemd(
                List.of(new SystemdHost("b", "10.0.0.2", 2222, "/etc/mongod-b.conf", null, null))));

        assertThat(RegisterInstanceValidator.toCommand(withOperator(operator)).operator()).isEqualTo(operator);
    }

    @Test
    void anUnknownOperatorTypeIsRefused() {
        assertThat(RegisterInstanceValidator.violations(withOperator(new NodeOperatorTarget("kubernetes", null))))
                .singleElement().asString().startsWith("operator.type 'kubernetes' is not a known node operator");
        assertThat(RegisterInstanceValidator.violations(withOperator(new NodeOperatorTarget(null, null))))
                .singleElement().asString().startsWith("operator.type is missing");
    }

    @Test
    void everyMissingFieldOfASystemdTargetIsListedAtOnce() {
        var empty = NodeOperatorTarget.systemd(systemd(null, null, null, null));

        assertThatThrownBy(() -> RegisterInstanceValidator.toCommand(withOperator(empty)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.details().get("violations")).asInstanceOf(InstanceOfAssertFactories.LIST)
                            .containsExactlyInAnyOrder(
                            "operator.systemd.user is missing",
                            "operator.systemd.privateKeyFile is missing",
                            "operator.systemd.knownHostsFile is missing");
                });
        assertThat(RegisterInstanceValidator.violations(withOperator(new NodeOperatorTarget("systemd", null))))
                .containsExactly("operator.systemd is missing");
    }

    @Test
    void relativePathsAreRefused() {
        var relative = NodeOperatorTarget.systemd(systemd("mongod-admin", "keys/id_ed25519",
                "/etc/sslplane/../known_hosts", null));

        assertThat(RegisterInstanceValidator.violations(withOperator(relative))).containsExactlyInAnyOrder(
                "operator.systemd.privateKeyFile must be an absolute path of letters, digits and ._/+-",
                "operator.systemd.knownHostsFile must be an absolute path of letters, digits and ._/+-");
    }

    @Test
    void aHostEntryMustNameARegisteredNode() {
        var operator = NodeOperatorTarget.systemd(completeSystemd(
                List.of(new SystemdHost("a", null, null, null, null, null),
                        new SystemdHost("z", "10.0.0.9", null, null, null, null))));

        assertThat(RegisterInstanceValidator.violations(withOperator(operator)))
                .containsExactly("operator.systemd.hosts[1].node 'z' is not a registered node");
    }

    @Test
    void operatorViolationsAreListedWithTheOtherFields() {
        var request = new RegisterInstanceRequest("", "4.2", Topology.REPLICA_SET, List.of(), 0,
                NodeOperatorTarget.systemd(systemd(null, "/k", "/h", null)));

        assertThat(RegisterInstanceValidator.violations(request)).containsExactly(
                "instanceId must match " + IdRules.ID.pattern(),
                "nodes must list 1 to 50 members",
                "operator.systemd.user is missing");
    }

    @Test
    void aSystemdOnlySectionWithAnotherOperatorIsRefused() {
        var mixed = new NodeOperatorTarget(NodeOperatorTarget.LOCAL_FLEET, completeSystemd(null));

        assertThat(RegisterInstanceValidator.violations(withOperator(mixed)))
                .containsExactly("operator.systemd is only for the systemd operator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-x", ".x", "a b", "a/b", "ä", "x\n"})
    void idsOutsideThePatternAreRefused(String id) {
        assertThat(IdRules.isId(id)).isFalse();
    }

    @Test
    void idsUpToSixtyFourCharacters() {
        assertThat(IdRules.isId("a" + "b".repeat(63))).isTrue();
        assertThat(IdRules.isId("a" + "b".repeat(64))).isFalse();
        assertThat(IdRules.isId("rs0-1.prod_eu")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "4.2.", "v4.2", "4.2.1.1", "123.1", ""})
    void malformedEngineVersionsAreRefused(String version) {
        assertThat(RegisterInstanceValidator.violations(request("x", version, List.of(node("a", "h", 1)), 0)))
                .containsExactly("engineVersion must look like 4.2 or 4.2.24");
    }
}
