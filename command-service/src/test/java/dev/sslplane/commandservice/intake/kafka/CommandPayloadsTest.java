package dev.sslplane.commandservice.intake.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.pki.PkiProperties;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.RegisterInstanceCommand;
import dev.sslplane.contracts.command.RotateCertificateCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.CertificateOptions;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.samples.SampleMessages;
import java.time.Duration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * Registrations on {@code ssl.commands} name their operator as REST registrations do; enable and rotate carry their
 * certificate options, checked as REST checks them.
 */
class CommandPayloadsTest {

    private final MessageCodec codec = new MessageCodec();
    private final CommandPayloads payloads = new CommandPayloads(codec, PkiProperties.defaults().certificatePolicy());

    private CommandEnvelope command(String type, ObjectNode payload) {
        return new CommandEnvelope("cmd-1", type, 1, SampleMessages.INSTANCE, SampleMessages.T0, payload);
    }

    private CommandEnvelope registration(ObjectNode payload) {
        return new CommandEnvelope("cmd-1", CommandTypes.REGISTER_INSTANCE, 1, SampleMessages.INSTANCE,
                SampleMessages.T0, payload);
    }

    private ObjectNode request() {
        return codec.objectMapper().valueToTree(new RegisterInstanceRequest(null, "4.2", Topology.REPLICA_SET,
                SampleMessages.NODES, 120, SampleMessages.SYSTEMD));
    }

    @Test
    void aRegistrationCarriesItsOperator() {
        var command = (RegisterInstanceCommand) payloads.toCommand(registration(request())).command();

        assertThat(command.instanceId()).isEqualTo(SampleMessages.INSTANCE);
        assertThat(command.operator()).isEqualTo(SampleMessages.SYSTEMD);
    }

    @Test
    void aRegistrationWithoutAnOperatorLeavesItToTheWorker() {
        ObjectNode payload = request();
        payload.remove("operator");

        assertThat(((RegisterInstanceCommand) payloads.toCommand(registration(payload)).command()).operator())
                .isNull();
    }

    @Test
    void anIncompleteSystemdTargetIsRefusedWithEveryMissingField() {
        ObjectNode payload = request();
        payload.putObject("operator").put("type", "systemd").putObject("systemd");

        assertThatThrownBy(() -> payloads.toCommand(registration(payload)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.details().get("violations")).asInstanceOf(InstanceOfAssertFactories.LIST)
                            .containsExactlyInAnyOrder("operator.systemd.user is missing",
                                    "operator.systemd.privateKeyFile is missing",
                                    "operator.systemd.knownHostsFile is missing");
                });
    }

    @Test
    void anEnableCarriesTheCertificateOptionsItAsksFor() {
        ObjectNode payload = codec.objectMapper().createObjectNode().put("requireTls", true)
                .put("caKeyAlgorithm", "EC-P384").put("caValidity", "P400D").put("nodeCertificateValidity", "PT36H");

        var command = (EnableSslCommand) payloads.toCommand(command(CommandTypes.ENABLE_SSL, payload)).command();

        assertThat(command.requireTls()).isTrue();
        assertThat(command.certificates()).isEqualTo(new CertificateOptions("EC-P384", Duration.ofDays(400),
                Duration.ofHours(36)));
    }

    @Test
    void anEnableOrRotateWithoutOptionsGetsTheDeploymentsSettings() {
        var enable = (EnableSslCommand) payloads.toCommand(command(CommandTypes.ENABLE_SSL, null)).command();
        var rotate = (RotateCertificateCommand) payloads.toCommand(command(CommandTypes.ROTATE_CERTIFICATE,
                codec.objectMapper().createObjectNode().put("holdOldCa", true))).command();

        assertThat(enable.certificates()).isEqualTo(CertificateOptions.DEFAULTS);
        assertThat(rotate.holdOldCa()).isTrue();
        assertThat(rotate.certificates()).isEqualTo(CertificateOptions.DEFAULTS);
    }

    @Test
    void aRenewalNamesTheOperationItsCommandIdStandsFor() {
        var intake = payloads.toCommand(command(CommandTypes.RENEW_NODE_CERTIFICATES, null));

        var renew = (dev.sslplane.contracts.command.RenewNodeCertificatesCommand) intake.command();
        assertThat(renew.operationId()).isNotBlank().isEqualTo(intake.operationId());
        assertThat(payloads.toCommand(command(CommandTypes.RENEW_NODE_CERTIFICATES, null)).operationId())
                .as("the same command id names the same operation").isEqualTo(renew.operationId());
    }

    @Test
    void aRotateWithOptionsOutsideTheBoundsIsRefusedWithEveryViolation() {
        ObjectNode payload = codec.objectMapper().createObjectNode().put("caKeyAlgorithm", "DSA-1024")
                .put("caValidity", "P1Y").put("nodeCertificateValidity", "P398D");

        // VALIDATION_FAILED: the listener dead-letters the record as such
        assertThatThrownBy(() -> payloads.toCommand(command(CommandTypes.ROTATE_CERTIFICATE, payload)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.details().get("violations")).asInstanceOf(InstanceOfAssertFactories.LIST)
                            .hasSize(3).anySatisfy(v -> assertThat((String) v).startsWith("caValidity is not"))
                            .anySatisfy(v -> assertThat((String) v).startsWith("nodeCertificateValidity must be "
                                    + "within P1D .. P397D"))
                            .anySatisfy(v -> assertThat((String) v).startsWith("caKeyAlgorithm must be one of"));
                });
    }
}
