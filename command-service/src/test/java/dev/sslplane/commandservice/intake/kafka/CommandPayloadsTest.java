package dev.sslplane.commandservice.intake.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.command.RegisterInstanceCommand;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.samples.SampleMessages;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Registrations on {@code ssl.commands} name their operator as REST registrations do. */
class CommandPayloadsTest {

    private final MessageCodec codec = new MessageCodec();
    private final CommandPayloads payloads = new CommandPayloads(codec);

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
}
