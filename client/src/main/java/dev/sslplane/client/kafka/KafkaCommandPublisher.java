package dev.sslplane.client.kafka;

import dev.sslplane.contracts.messaging.AddMemberRequest;
import dev.sslplane.contracts.messaging.CollectionCountRequest;
import dev.sslplane.contracts.messaging.EngineVersionRequest;
import dev.sslplane.contracts.messaging.RemoveMemberRequest;
import dev.sslplane.contracts.messaging.RenewNodeCertificatesRequest;
import dev.sslplane.contracts.messaging.ReplaceMemberRequest;
import dev.sslplane.contracts.model.NodeSpec;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.client.SslplaneException;
import dev.sslplane.contracts.messaging.AbortOperationRequest;
import dev.sslplane.contracts.messaging.CancelScheduledOperationRequest;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.EnableSslRequest;
import dev.sslplane.contracts.messaging.FinishRotationRequest;
import dev.sslplane.contracts.messaging.Headers;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.RetryRestartRequest;
import dev.sslplane.contracts.messaging.RollBackOperationRequest;
import dev.sslplane.contracts.messaging.RotateCertificateRequest;
import dev.sslplane.contracts.messaging.TlsEnforcementRequest;
import dev.sslplane.contracts.messaging.Topics;
import dev.sslplane.contracts.model.IdRules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends commands to the command service through Kafka, as other services do: a {@link CommandEnvelope} on
 * {@code ssl.commands} keyed by instance id, with the {@code ssl-producer} header naming the sending service (the
 * command service refuses records without it and records the actor as {@code service:<producer>}), and waits for
 * the one {@code CommandResult} on {@code ssl.command-results}. Each command gets a fresh, unique command id;
 * {@link #resend} sends one again under its id, which the command service answers again without executing it
 * twice.
 *
 * <p>Progress of the operation a command started is not on Kafka for clients: follow it with
 * {@link dev.sslplane.client.QueryClient#follow} (the query service's stream; see the package documentation).
 */
public final class KafkaCommandPublisher implements AutoCloseable {

    static final int SCHEMA_VERSION = 1;

    private final String producerName;
    private final MessageCodec codec = new MessageCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final CommandResultListener results;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param kafka        Kafka client settings: {@code bootstrap.servers} at least, plus security settings on a
     *                     real cluster (the topic is guarded by ACLs on authenticated principals)
     * @param producerName this service's name, as the command service's allow-list knows it
     *                     ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}})
     * @param startTimeout how long to wait for {@code ssl.command-results} to be readable
     */
    public KafkaCommandPublisher(Map<String, Object> kafka, String producerName, Duration startTimeout) {
        if (!IdRules.isId(producerName)) {
            throw new IllegalArgumentException("producerName must match " + IdRules.ID.pattern());
        }
        this.producerName = producerName;
        Map<String, Object> config = new HashMap<>(kafka);
        // the contract on ssl.commands: no duplicates from producer retries, no loss on a broker failover
        config.put("enable.idempotence", "true");
        config.put("acks", "all");
        config.putIfAbsent("client.id", "sslplane-" + producerName);
        this.results = new CommandResultListener(kafka, codec, startTimeout);
        try {
            this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        } catch (RuntimeException e) {
            results.close(); // its thread would outlive a publisher that never came to be
            throw e;
        }
    }

    public PendingCommand register(RegisterInstanceRequest request) {
        return send(CommandTypes.REGISTER_INSTANCE, request.instanceId(), request);
    }

    /** Enable SSL; {@code options} may be {@code null} (the defaults) or ask for {@code requireTls}. */
    public PendingCommand enable(String instanceId, EnableSslRequest options) {
        return send(CommandTypes.ENABLE_SSL, instanceId, options);
    }

    /** Rotate the CA; {@code options} may be {@code null} or ask to {@code holdOldCa}. */
    public PendingCommand rotate(String instanceId, RotateCertificateRequest options) {
        return send(CommandTypes.ROTATE_CERTIFICATE, instanceId, options);
    }

    /** Renew the node certificates under the current CA. */
    public PendingCommand renewNodeCertificates(String instanceId) {
        return send(CommandTypes.RENEW_NODE_CERTIFICATES, instanceId, null);
    }

    /** Renew the node certificates of the named members only (empty = every member), now or in the window. */
    public PendingCommand renewNodeCertificates(String instanceId, RenewNodeCertificatesRequest request) {
        return send(CommandTypes.RENEW_NODE_CERTIFICATES, instanceId, request);
    }

    // ---- instance changes: the command id names the change, so a redelivery records nothing

    public PendingCommand addMember(String instanceId, NodeSpec member) {
        return send(CommandTypes.ADD_MEMBER, instanceId, new AddMemberRequest(member));
    }

    public PendingCommand removeMember(String instanceId, String memberName) {
        return send(CommandTypes.REMOVE_MEMBER, instanceId, new RemoveMemberRequest(memberName));
    }

    public PendingCommand replaceMember(String instanceId, String memberName, NodeSpec replacement) {
        return send(CommandTypes.REPLACE_MEMBER, instanceId, new ReplaceMemberRequest(memberName, replacement));
    }

    public PendingCommand updateCollectionCount(String instanceId, int collectionCount) {
        return send(CommandTypes.UPDATE_COLLECTION_COUNT, instanceId, new CollectionCountRequest(collectionCount));
    }

    public PendingCommand updateEngineVersion(String instanceId, String engineVersion) {
        return send(CommandTypes.UPDATE_ENGINE_VERSION, instanceId, new EngineVersionRequest(engineVersion));
    }

    public PendingCommand disable(String instanceId) {
        return send(CommandTypes.DISABLE_SSL, instanceId, null);
    }

    public PendingCommand enforceTls(String instanceId, boolean requireTls) {
        return send(CommandTypes.SET_TLS_ENFORCEMENT, instanceId, new TlsEnforcementRequest(requireTls));
    }

    public PendingCommand retry(String instanceId, String operationId) {
        return send(CommandTypes.RETRY_RESTART, instanceId, new RetryRestartRequest(operationId));
    }

    public PendingCommand finishRotation(String instanceId, String operationId) {
        return send(CommandTypes.FINISH_ROTATION, instanceId, new FinishRotationRequest(operationId));
    }

    /** Cancel an operation scheduled for the maintenance window before it starts. */
    public PendingCommand cancelScheduled(String instanceId, String operationId) {
        return send(CommandTypes.CANCEL_SCHEDULED_OPERATION, instanceId,
                new CancelScheduledOperationRequest(operationId));
    }

    /** Abort an operation (a running one stops after the node in progress); the accepted result names it. */
    public PendingCommand abort(String instanceId, String operationId) {
        return send(CommandTypes.ABORT_OPERATION, instanceId, new AbortOperationRequest(operationId));
    }

    /**
     * Roll back the aborted operation {@code abortedOperationId}: the accepted result names the NEW rollback
     * operation, whose id the command service derives from this command's id (so a {@link #resend} starts nothing
     * twice).
     */
    public PendingCommand rollBack(String instanceId, String abortedOperationId) {
        return send(CommandTypes.ROLL_BACK_OPERATION, instanceId, new RollBackOperationRequest(abortedOperationId));
    }

    /** Any command type of {@link CommandTypes} with a new command id ({@code <producer>:<uuid>}). */
    public PendingCommand send(String type, String instanceId, Object payload) {
        return resend(producerName + ":" + UUID.randomUUID(), type, instanceId, payload);
    }

    /** Sends a command under an id chosen before, e.g. again after the sender restarted. */
    public PendingCommand resend(String commandId, String type, String instanceId, Object payload) {
        if (!IdRules.isClientKey(commandId)) {
            throw new IllegalArgumentException("commandId must match " + IdRules.CLIENT_KEY.pattern());
        }
        if (!IdRules.isId(instanceId)) {
            throw new IllegalArgumentException("instanceId must match " + IdRules.ID.pattern());
        }
        JsonNode body = payload == null ? null : codec.objectMapper().valueToTree(payload);
        var envelope = new CommandEnvelope(commandId, type, SCHEMA_VERSION, instanceId, clock.instant(), body);
        var record = new ProducerRecord<>(Topics.COMMANDS, instanceId, codec.encode(envelope));
        record.headers().add(Headers.PRODUCER, bytes(producerName));
        record.headers().add(Headers.COMMAND_ID, bytes(commandId));
        record.headers().add(Headers.MESSAGE_TYPE, bytes(type));
        var result = results.expect(commandId);
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(new SslplaneException("command " + commandId + " was not sent to "
                        + Topics.COMMANDS + ": " + error.getMessage(), error));
            }
        });
        return new PendingCommand(commandId, type, instanceId, result);
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(10));
        } finally {
            results.close();
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
