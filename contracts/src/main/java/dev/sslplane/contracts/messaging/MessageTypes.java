package dev.sslplane.contracts.messaging;

import dev.sslplane.contracts.event.CaExpiryStateReachedEvent;
import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.CollectionCountUpdatedEvent;
import dev.sslplane.contracts.event.EngineVersionUpdatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.MaintenanceWindowSetEvent;
import dev.sslplane.contracts.event.MemberAddedEvent;
import dev.sslplane.contracts.event.MemberRemovedEvent;
import dev.sslplane.contracts.event.MemberReplacedEvent;
import dev.sslplane.contracts.event.NodeCertificateIssuedEvent;
import dev.sslplane.contracts.event.NodeCertificatesRenewingEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.OperationAbortRequestedEvent;
import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.event.OperationAbortedEvent;
import dev.sslplane.contracts.event.OperationRollingBackEvent;
import dev.sslplane.contracts.event.OperationScheduledEvent;
import dev.sslplane.contracts.event.RenewalPolicySetEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.RotationAwaitingClientsEvent;
import dev.sslplane.contracts.event.RotationFinishingEvent;
import dev.sslplane.contracts.event.ScheduledOperationCancelledEvent;
import dev.sslplane.contracts.event.ScheduledOperationDeferredEvent;
import dev.sslplane.contracts.event.ScheduledOperationRefusedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.event.TlsEnforcementChangedEvent;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.OperationHeldReport;
import dev.sslplane.contracts.progress.NodeStatesObservedReport;
import dev.sslplane.contracts.progress.OperationStoppedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The published message types: a stable type name (the class name without its {@code Event}/{@code Report}
 * suffix) and the current schema version of each. Renaming a record class does not change its type name.
 */
public final class MessageTypes {

    /** A published type: its name, record class and current schema version. */
    public record MessageType(String name, Class<?> payloadClass, int schemaVersion) {
    }

    private static final Map<String, MessageType> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, MessageType> BY_CLASS = new LinkedHashMap<>();

    static {
        // The registration and every operation-starting event carry the node operator since their latest version;
        // older records decode with it absent (null), and the worker's default operator drives their nodes. The
        // target gained a percona variant in InstanceRegistered 3, SslEnabled/CertificateRotated/SslDisabled/
        // RestartRetried 4, TlsEnforcementChanged/RotationFinishing 3; older records decode with it absent.
        // InstanceRegistered 4 added the maintenance window; older records decode with none (null).
        register("InstanceRegistered", InstanceRegisteredEvent.class, 4);
        // version 2 added passes, engine, CAs, roles and observations; version 1 records decode with those
        // absent, and OperationStartingEvent.plan() reads them as the one-pass procedure they were
        // The events that start or restate an operation issuing certificates carry its node-certificate validity
        // since SslEnabled/CertificateRotated/RestartRetried 5, RotationFinishing 4; older records decode with it
        // absent (null), and the deployment's current default applies to their node certificates.
        register("SslEnabled", SslEnabledEvent.class, 5);
        register("CertificateRotated", CertificateRotatedEvent.class, 5);
        register("SslDisabled", SslDisabledEvent.class, 4);
        register("TlsEnforcementChanged", TlsEnforcementChangedEvent.class, 3);
        // NodeCertificatesRenewing 2, RestartRetried 6 and OperationScheduled 2 may name the members an operation
        // drives (targets / members); older records decode without (null): every member
        register("NodeCertificatesRenewing", NodeCertificatesRenewingEvent.class, 2);
        // NodeRestartStarted 3 and NodeRestartStartedReport 3 carry the worker's step timeout; older decode without
        register("NodeRestartStarted", NodeRestartStartedEvent.class, 3);
        register("NodeRestarted", NodeRestartedEvent.class, 2);
        register("RestartCompleted", RestartCompletedEvent.class, 1);
        register("RestartFailed", RestartFailedEvent.class, 2);
        register("RestartRetried", RestartRetriedEvent.class, 6);
        register("RotationAwaitingClients", RotationAwaitingClientsEvent.class, 1);
        register("RotationFinishing", RotationFinishingEvent.class, 4);
        register("NodeCertificateIssued", NodeCertificateIssuedEvent.class, 1);
        register("NodeRestartStartedReport", NodeRestartStartedReport.class, 3);
        // maintenance windows and scheduled operations
        register("MaintenanceWindowSet", MaintenanceWindowSetEvent.class, 1);
        register("OperationScheduled", OperationScheduledEvent.class, 2);
        register("ScheduledOperationDeferred", ScheduledOperationDeferredEvent.class, 1);
        register("ScheduledOperationCancelled", ScheduledOperationCancelledEvent.class, 1);
        register("ScheduledOperationRefused", ScheduledOperationRefusedEvent.class, 1);
        register("NodeRestartedReport", NodeRestartedReport.class, 2);
        register("RestartCompletedReport", RestartCompletedReport.class, 1);
        register("RestartFailedReport", RestartFailedReport.class, 2);
        register("OperationHeldReport", OperationHeldReport.class, 1);
        // ---- instance changes (issue 19 section 5)
        register("MemberAdded", MemberAddedEvent.class, 1);
        register("MemberRemoved", MemberRemovedEvent.class, 1);
        register("MemberReplaced", MemberReplacedEvent.class, 1);
        register("CollectionCountUpdated", CollectionCountUpdatedEvent.class, 1);
        register("EngineVersionUpdated", EngineVersionUpdatedEvent.class, 1);
        // ---- abort and rollback (issue 19 section 4)
        register("OperationAbortRequested", OperationAbortRequestedEvent.class, 1);
        register("OperationAborted", OperationAbortedEvent.class, 1);
        register("OperationRollingBack", OperationRollingBackEvent.class, 1);
        register("OperationStoppedReport", OperationStoppedReport.class, 1);
        register("NodeTlsStatesObserved", NodeTlsStatesObservedEvent.class, 1);
        register("NodeStatesObservedReport", NodeStatesObservedReport.class, 1);
        // ---- automatic renewal (issue 19 section 2)
        register("RenewalPolicySet", RenewalPolicySetEvent.class, 1);
        // ---- CA expiry warnings (issue 19 section 2)
        register("CaExpiryStateReached", CaExpiryStateReachedEvent.class, 1);
    }

    private static void register(String name, Class<?> payloadClass, int schemaVersion) {
        var type = new MessageType(name, payloadClass, schemaVersion);
        BY_NAME.put(name, type);
        BY_CLASS.put(payloadClass, type);
    }

    public static Optional<MessageType> byName(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }

    public static MessageType of(Class<?> payloadClass) {
        var type = BY_CLASS.get(payloadClass);
        if (type == null) {
            throw new IllegalArgumentException("Not a published message type: " + payloadClass.getName());
        }
        return type;
    }

    public static Iterable<MessageType> all() {
        return BY_NAME.values();
    }

    private MessageTypes() {
    }
}
