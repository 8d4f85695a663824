package dev.sslplane.commandservice.intake.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sslplane.commandservice.command.CertificatePolicy;
import dev.sslplane.commandservice.intake.CertificateRequests;
import dev.sslplane.commandservice.intake.OperationIds;
import dev.sslplane.commandservice.intake.RegisterInstanceValidator;
import dev.sslplane.commandservice.intake.RenewalMembers;
import dev.sslplane.commandservice.intake.MaintenanceWindowRequests;
import dev.sslplane.commandservice.intake.RenewalPolicyRequests;
import dev.sslplane.contracts.command.AbortOperationCommand;
import dev.sslplane.contracts.command.CancelScheduledOperationCommand;
import dev.sslplane.contracts.command.DisableSslCommand;
import dev.sslplane.contracts.command.EnableSslCommand;
import dev.sslplane.contracts.command.FinishRotationCommand;
import dev.sslplane.contracts.command.RetryRestartCommand;
import dev.sslplane.contracts.command.RollBackOperationCommand;
import dev.sslplane.contracts.command.RenewNodeCertificatesCommand;
import dev.sslplane.contracts.command.RotateCertificateCommand;
import dev.sslplane.contracts.command.SetMaintenanceWindowCommand;
import dev.sslplane.contracts.command.SetRenewalPolicyCommand;
import dev.sslplane.contracts.command.SetTlsEnforcementCommand;
import dev.sslplane.contracts.messaging.AbortOperationRequest;
import dev.sslplane.contracts.messaging.CancelScheduledOperationRequest;
import dev.sslplane.contracts.messaging.CommandEnvelope;
import dev.sslplane.contracts.messaging.CommandTypes;
import dev.sslplane.contracts.messaging.Decoded;
import dev.sslplane.commandservice.intake.InstanceChangeRequests;
import dev.sslplane.contracts.messaging.AddMemberRequest;
import dev.sslplane.contracts.messaging.CollectionCountRequest;
import dev.sslplane.contracts.messaging.EnableSslRequest;
import dev.sslplane.contracts.messaging.EngineVersionRequest;
import dev.sslplane.contracts.messaging.RemoveMemberRequest;
import dev.sslplane.contracts.messaging.ReplaceMemberRequest;
import dev.sslplane.contracts.messaging.FinishRotationRequest;
import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import dev.sslplane.contracts.messaging.MessageCodec;
import dev.sslplane.contracts.messaging.RenewalPolicyRequest;
import dev.sslplane.contracts.messaging.OperationRequest;
import dev.sslplane.contracts.messaging.RenewNodeCertificatesRequest;
import dev.sslplane.contracts.messaging.RegisterInstanceRequest;
import dev.sslplane.contracts.messaging.RetryRestartRequest;
import dev.sslplane.contracts.messaging.RollBackOperationRequest;
import dev.sslplane.contracts.messaging.RotateCertificateRequest;
import dev.sslplane.contracts.messaging.TlsEnforcementRequest;
import dev.sslplane.contracts.model.IdRules;
import dev.sslplane.contracts.model.Schedule;
import java.util.Optional;

/**
 * Turns a checked {@link CommandEnvelope} into the aggregate command its type and payload ask for. Payloads that
 * cannot be read or miss a required field throw {@link RejectedRecordException} (dead letter); registration
 * rules and certificate options outside the bounds throw {@code DomainException(VALIDATION_FAILED)}, which the
 * listener dead-letters the same way.
 */
final class CommandPayloads {

    /**
     * @param operationId the operation the command starts or acts on; {@code null} for a registration
     */
    record Intake(Object command, String operationId) {
    }

    private final MessageCodec codec;
    private final CertificatePolicy certificatePolicy;

    /** @param certificatePolicy checks the certificate options of Enable and Rotate against the bounds */
    CommandPayloads(MessageCodec codec, CertificatePolicy certificatePolicy) {
        this.codec = codec;
        this.certificatePolicy = certificatePolicy;
    }

    Intake toCommand(CommandEnvelope envelope) {
        String instanceId = envelope.instanceId();
        // a redelivered or re-sent command (same commandId) names the same operation: the aggregate sees a repeat
        String newOperation = OperationIds.fromCommandId(envelope.commandId());
        return switch (envelope.type()) {
            case CommandTypes.REGISTER_INSTANCE ->
                    new Intake(RegisterInstanceValidator.toCommand(registration(envelope)), null);
            case CommandTypes.ENABLE_SSL -> {
                EnableSslRequest request = optionalPayload(envelope, EnableSslRequest.class)
                        .orElseGet(() -> new EnableSslRequest(null));
                yield new Intake(new EnableSslCommand(instanceId, newOperation, request.requireTlsOrDefault(),
                        CertificateRequests.read(request.caKeyAlgorithm(), request.caValidity(),
                                request.nodeCertificateValidity(), certificatePolicy), request.schedule()),
                        newOperation);
            }
            case CommandTypes.ROTATE_CERTIFICATE -> {
                RotateCertificateRequest request = optionalPayload(envelope, RotateCertificateRequest.class)
                        .orElseGet(() -> new RotateCertificateRequest(null));
                yield new Intake(new RotateCertificateCommand(instanceId, newOperation, request.holdOldCaOrDefault(),
                        CertificateRequests.read(request.caKeyAlgorithm(), request.caValidity(),
                                request.nodeCertificateValidity(), certificatePolicy), request.schedule()),
                        newOperation);
            }
            case CommandTypes.RENEW_NODE_CERTIFICATES -> {
                RenewNodeCertificatesRequest request = optionalPayload(envelope, RenewNodeCertificatesRequest.class)
                        .orElseGet(() -> new RenewNodeCertificatesRequest(null));
                yield new Intake(new RenewNodeCertificatesCommand(instanceId, newOperation, request.schedule(),
                        RenewalMembers.read(request.members())), newOperation);
            }
            case CommandTypes.DISABLE_SSL ->
                    new Intake(new DisableSslCommand(instanceId, newOperation, schedule(envelope)), newOperation);
            case CommandTypes.SET_TLS_ENFORCEMENT -> {
                TlsEnforcementRequest request = payload(envelope, TlsEnforcementRequest.class);
                yield new Intake(new SetTlsEnforcementCommand(instanceId, newOperation, requireTls(request),
                        request.schedule()), newOperation);
            }
            case CommandTypes.RETRY_RESTART -> {
                String operationId = existingOperation(payload(envelope, RetryRestartRequest.class).operationId());
                yield new Intake(new RetryRestartCommand(instanceId, operationId), operationId);
            }
            case CommandTypes.FINISH_ROTATION -> {
                String operationId = existingOperation(payload(envelope, FinishRotationRequest.class).operationId());
                yield new Intake(new FinishRotationCommand(instanceId, operationId), operationId);
            }
            // ---- instance changes: the command id names the change, so a redelivery records nothing
            case CommandTypes.ADD_MEMBER -> new Intake(InstanceChangeRequests.add(instanceId, newOperation,
                    payload(envelope, AddMemberRequest.class)), null);
            case CommandTypes.REMOVE_MEMBER -> new Intake(InstanceChangeRequests.remove(instanceId, newOperation,
                    payload(envelope, RemoveMemberRequest.class).memberName()), null);
            case CommandTypes.REPLACE_MEMBER -> {
                ReplaceMemberRequest request = payload(envelope, ReplaceMemberRequest.class);
                yield new Intake(InstanceChangeRequests.replace(instanceId, newOperation, request.memberName(),
                        request), null);
            }
            case CommandTypes.UPDATE_COLLECTION_COUNT -> new Intake(InstanceChangeRequests.collectionCount(
                    instanceId, newOperation, payload(envelope, CollectionCountRequest.class)), null);
            case CommandTypes.UPDATE_ENGINE_VERSION -> new Intake(InstanceChangeRequests.engineVersion(
                    instanceId, newOperation, payload(envelope, EngineVersionRequest.class)), null);
            // maintenance windows and scheduled operations
            case CommandTypes.SET_MAINTENANCE_WINDOW -> new Intake(new SetMaintenanceWindowCommand(instanceId,
                    MaintenanceWindowRequests.read(payload(envelope, MaintenanceWindowRequest.class))), null);
            case CommandTypes.CANCEL_SCHEDULED_OPERATION -> {
                String operationId = existingOperation(
                        payload(envelope, CancelScheduledOperationRequest.class).operationId());
                yield new Intake(new CancelScheduledOperationCommand(instanceId, operationId), operationId);
            }
            // abort and rollback: the payload names the operation to abort, or the aborted one to roll back; the
            // rollback's own id comes from the command id, like every operation a command starts
            case CommandTypes.ABORT_OPERATION -> {
                String operationId = existingOperation(payload(envelope, AbortOperationRequest.class).operationId());
                yield new Intake(new AbortOperationCommand(instanceId, operationId), operationId);
            }
            case CommandTypes.ROLL_BACK_OPERATION -> {
                String aborted = existingOperation(payload(envelope, RollBackOperationRequest.class).operationId());
                yield new Intake(new RollBackOperationCommand(instanceId, aborted, newOperation), newOperation);
            }
            // automatic renewal
            case CommandTypes.SET_RENEWAL_POLICY -> new Intake(new SetRenewalPolicyCommand(instanceId,
                    RenewalPolicyRequests.read(payload(envelope, RenewalPolicyRequest.class))), null);
            default -> throw new RejectedRecordException(RejectedRecordException.UNKNOWN_COMMAND_TYPE,
                    "command type must be one of " + CommandTypes.ALL.stream().sorted().toList());
        };
    }

    private RegisterInstanceRequest registration(CommandEnvelope envelope) {
        RegisterInstanceRequest request = payload(envelope, RegisterInstanceRequest.class);
        if (request.instanceId() != null && !request.instanceId().equals(envelope.instanceId())) {
            throw invalid("payload instanceId does not match the envelope's instanceId");
        }
        return new RegisterInstanceRequest(envelope.instanceId(), request.engineVersion(), request.topology(),
                request.nodes(), request.collectionCount(), request.operator(), request.maintenanceWindow());
    }

    /** The schedule of a command whose payload has no other field (absent payload = now). */
    private Schedule schedule(CommandEnvelope envelope) {
        return optionalPayload(envelope, OperationRequest.class).map(OperationRequest::schedule).orElse(null);
    }

    private static boolean requireTls(TlsEnforcementRequest request) {
        if (request.requireTls() == null) {
            throw invalid("payload requireTls is required (true or false)");
        }
        return request.requireTls();
    }

    private static String existingOperation(String operationId) {
        if (!IdRules.isId(operationId)) {
            throw invalid("payload operationId must match " + IdRules.ID.pattern());
        }
        return operationId;
    }

    /** A payload the type requires: a JSON object of its request record. */
    private <T> T payload(CommandEnvelope envelope, Class<T> type) {
        return optionalPayload(envelope, type).orElseThrow(() -> invalid(envelope.type()
                + " needs a JSON object payload"));
    }

    /** A payload the type may omit (absent or JSON null = the defaults); anything but an object is refused. */
    private <T> Optional<T> optionalPayload(CommandEnvelope envelope, Class<T> type) {
        JsonNode payload = envelope.payload();
        if (payload == null || payload.isNull()) {
            return Optional.empty();
        }
        if (!payload.isObject()) {
            throw invalid(envelope.type() + " payload must be a JSON object");
        }
        Decoded<T> decoded = codec.read(payload, type);
        if (decoded instanceof Decoded.Malformed<T> malformed) {
            throw new RejectedRecordException(RejectedRecordException.MALFORMED_RECORD, malformed.reason());
        }
        return Optional.of(((Decoded.Ok<T>) decoded).value());
    }

    private static RejectedRecordException invalid(String reason) {
        return new RejectedRecordException(RejectedRecordException.VALIDATION_FAILED, reason);
    }
}
