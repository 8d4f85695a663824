package dev.sslplane.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.OperationStartingEvent;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandResult;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.contracts.messaging.EventEnvelope;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.MessageTypes;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.samples.SampleMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    static Stream<Map.Entry<String, Object>> samples() {
        return SampleMessages.all().entrySet().stream();
    }

    @Test
    void everyPublishedTypeHasASample() {
        Set<String> registered = new HashSet<>();
        MessageTypes.all().forEach(t -> registered.add(t.name()));
        assertThat(SampleMessages.all().keySet()).isEqualTo(registered);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyMessageSurvivesARoundTrip(Map.Entry<String, Object> sample) {
        EventEnvelope envelope = codec.envelope(sample.getValue(), "evt-1", SampleMessages.INSTANCE, 7L,
                SampleMessages.T0, "user:alice", SampleMessages.OPERATION);
        assertThat(envelope.type()).isEqualTo(sample.getKey());

        Decoded<Object> decoded = codec.decode(codec.encode(envelope));

        assertThat(decoded).isEqualTo(new Decoded.Ok<>(sample.getValue()));
    }

    /**
     * Stored JSON of every published type at every schema version it was published with. If this fails, a change
     * broke consumers that still read old records: add a new schema version (and an upcaster where absent fields
     * are not enough) instead of editing a sample.
     */
    @ParameterizedTest
    @MethodSource("samples")
    void storedSamplesOfEveryVersionKeepDecoding(Map.Entry<String, Object> sample) throws IOException {
        int current = MessageTypes.byName(sample.getKey()).orElseThrow().schemaVersion();
        for (int version = 1; version <= current; version++) {
            Object expected = version < current
                    ? SampleMessages.decodedFromVersion(version).get(sample.getKey()) : sample.getValue();
            assertThat(expected).as("what %s v%d decodes to", sample.getKey(), version).isNotNull();
            String resource = "/samples/" + sample.getKey() + ".v" + version + ".json";
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                assertThat(in).as("stored sample %s (write a new one with SampleWriter)", resource).isNotNull();
                assertThat(codec.decode(in.readAllBytes())).isEqualTo(new Decoded.Ok<>(expected));
            }
        }
    }

    /**
     * Records written before instances named their node operator have no {@code operator} field: they decode with
     * none, so the worker's default operator drives their nodes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"InstanceRegistered.v1", "SslEnabled.v1", "SslEnabled.v2", "CertificateRotated.v2",
            "SslDisabled.v2", "TlsEnforcementChanged.v1", "RestartRetried.v2", "RotationFinishing.v1"})
    void recordsWrittenBeforeOperatorsWereNamedDecodeWithoutOne(String sample) throws IOException {
        byte[] stored;
        try (InputStream in = getClass().getResourceAsStream("/samples/" + sample + ".json")) {
            stored = in.readAllBytes();
        }
        assertThat(codec.objectMapper().readTree(stored).get("payload").has("operator")).isFalse();

        Decoded<Object> decoded = codec.decode(stored);

        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        Object event = ((Decoded.Ok<Object>) decoded).value();
        assertThat(event instanceof InstanceRegisteredEvent registered
                ? registered.operator() : ((OperationStartingEvent) event).operator()).isNull();
    }

    @Test
    void theOperatorIsWrittenWithEveryFieldOfItsTarget() {
        var envelope = codec.envelope(SampleMessages.all().get("InstanceRegistered"), "e", SampleMessages.INSTANCE,
                1L, SampleMessages.T0, "a", null);
        JsonNode operator = envelope.payload().get("operator");

        assertThat(operator.get("type").asText()).isEqualTo("systemd");
        assertThat(operator.get("systemd").get("knownHostsFile").asText()).isEqualTo("/etc/sslplane/ssh/known_hosts");
        assertThat(operator.get("systemd").get("hosts").get(0).get("sshPort").asInt()).isEqualTo(2222);
        var decoded = (InstanceRegisteredEvent) ((Decoded.Ok<Object>) codec.decode(codec.encode(envelope))).value();
        assertThat(decoded.operator()).isEqualTo(SampleMessages.SYSTEMD);
        assertThat(decoded.operator().violations(SampleMessages.NODES)).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnored() {
        var envelope = codec.envelope(SampleMessages.all().get("SslEnabled"), "e", SampleMessages.INSTANCE, 1L,
                SampleMessages.T0, "a", "op");
        ((ObjectNode) envelope.payload()).put("addedInAFutureVersion", true);
        ObjectNode tree = codec.objectMapper().valueToTree(envelope);
        tree.put("envelopeExtra", "x");

        assertThat(codec.decode(codec.encode(tree))).isInstanceOf(Decoded.Ok.class);
    }

    @Test
    void unknownTypeIsReportedNotThrown() {
        var envelope = codec.envelope(SampleMessages.all().get("SslEnabled"), "e", SampleMessages.INSTANCE, 1L,
                SampleMessages.T0, "a", "op");
        ObjectNode tree = codec.objectMapper().valueToTree(envelope);
        tree.put("type", "SslTeleported");

        assertThat(codec.decode(codec.encode(tree)))
                .isEqualTo(new Decoded.UnknownType<>("SslTeleported", SampleMessages.INSTANCE));
    }

    @Test
    void garbageIsMalformed() {
        assertThat(codec.decode("not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Decoded.Malformed.class);
        assertThat(codec.decode(new byte[0])).isInstanceOf(Decoded.Malformed.class);
        assertThat(codec.decode(null)).isInstanceOf(Decoded.Malformed.class);
        assertThat(codec.decode("{\"type\":\"SslEnabled\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Decoded.Malformed.class);
    }

    @Test
    void payloadOfTheWrongShapeIsMalformed() {
        var envelope = codec.envelope(SampleMessages.all().get("NodeRestarted"), "e", SampleMessages.INSTANCE, 1L,
                SampleMessages.T0, "a", "op");
        ((ObjectNode) envelope.payload()).put("unreachableMillis", "a lot");

        assertThat(codec.decode(codec.encode(envelope))).isInstanceOf(Decoded.Malformed.class);
    }

    @Test
    void payloadForAnotherInstanceIsMalformed() {
        var envelope = codec.envelope(SampleMessages.all().get("NodeRestarted"), "e", "someone-else", 1L,
                SampleMessages.T0, "a", "op");

        assertThat(codec.decode(codec.encode(envelope))).isInstanceOf(Decoded.Malformed.class);
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "{\"type\":\"SslEnabled\",\"payload\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        Decoded<Object> decoded = codec.decode(deep.getBytes(StandardCharsets.UTF_8));

        assertThat(decoded).isInstanceOf(Decoded.Malformed.class);
        assertThat(((Decoded.Malformed<Object>) decoded).reason()).doesNotContain("[[[");
    }

    @Test
    void commandEnvelopeAndResultSurviveARoundTrip() {
        var request = new RegisterInstanceRequest("rs-1", "4.2", Topology.REPLICA_SET, SampleMessages.NODES, 10,
                SampleMessages.SYSTEMD);
        var command = new CommandEnvelope("cmd-1", CommandTypes.REGISTER_INSTANCE, 1, "rs-1", SampleMessages.T0,
                codec.objectMapper().valueToTree(request));
        var result = new CommandResult("cmd-1", "rs-1", CommandTypes.ENABLE_SSL, CommandResult.Outcome.REJECTED,
                null, "SSL_ALREADY_ENABLED", "SSL is already enabled", SampleMessages.T0);

        Decoded<CommandEnvelope> readCommand = codec.read(codec.encode(command), CommandEnvelope.class);
        assertThat(readCommand).isEqualTo(new Decoded.Ok<>(command));
        assertThat(codec.read(command.payload(), RegisterInstanceRequest.class)).isEqualTo(new Decoded.Ok<>(request));
        assertThat(codec.read(codec.encode(result), CommandResult.class)).isEqualTo(new Decoded.Ok<>(result));
    }
}
