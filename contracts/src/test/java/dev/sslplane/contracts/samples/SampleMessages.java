package dev.sslplane.contracts.samples;

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
import dev.sslplane.contracts.event.NodeTlsStatesObservedEvent;
import dev.sslplane.contracts.event.OperationAbortRequestedEvent;
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
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.ExpiryState;
import dev.sslplane.contracts.model.MaintenanceWindow;
import dev.sslplane.contracts.model.NodeObservation;
import dev.sslplane.contracts.model.NodeOperatorTarget;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.NodeTlsState;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.PerconaTarget;
import dev.sslplane.contracts.model.RenewalPolicy;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.SystemdTarget;
import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.procedure.Procedures;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.NodeStatesObservedReport;
import dev.sslplane.contracts.progress.OperationHeldReport;
import dev.sslplane.contracts.progress.OperationStoppedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One fixed example of every published message type, shared with the services' tests (test-jar). */
public final class SampleMessages {

    public static final String INSTANCE = "rs-demo-1";
    public static final String OPERATION = "op-0001";
    public static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    public static final List<NodeSpec> NODES = List.of(
            new NodeSpec("rs0-0", "127.0.0.1", 27100, NodeRole.PRIMARY, List.of("localhost")),
            new NodeSpec("rs0-1", "127.0.0.1", 27101, NodeRole.SECONDARY, List.of("localhost")),
            new NodeSpec("rs0-2", "127.0.0.1", 27102, NodeRole.HIDDEN, List.of()));

    public static final CertificateInfo CA = new CertificateInfo(
            "5f3a9c", "AB:CD:EF:01", "CN=sslplane CA rs-demo-1", T0, T0.plusSeconds(86_400L * 365),
            "RSA-2048", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    public static final CertificateInfo PREVIOUS_CA = new CertificateInfo(
            "4e2b11", "01:EF:CD:AB", "CN=sslplane CA rs-demo-1 (previous)", T0.minusSeconds(86_400L * 30),
            T0.plusSeconds(86_400L * 335), "RSA-2048", "-----BEGIN CERTIFICATE-----\nMIIA\n-----END CERTIFICATE-----\n");

    public static final CertificateInfo NODE_CERTIFICATE = new CertificateInfo(
            "7a01be", "12:34:56:78", "CN=rs0-1", T0, T0.plusSeconds(86_400L * 397), "EC-P256",
            "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n");

    /** Hosts reached over SSH, the hidden member on its own host with its own config file. */
    public static final NodeOperatorTarget SYSTEMD = NodeOperatorTarget.systemd(new SystemdTarget("mongod-admin",
            "/etc/sslplane/ssh/id_ed25519", "/etc/sslplane/ssh/known_hosts", true, null, null, "mongod", null,
            List.of(new SystemdTarget.SystemdHost("rs0-2", "10.0.0.12", 2222, "/etc/mongod-hidden.conf", null,
                    null))));

    public static final NodeOperatorTarget LOCAL_FLEET = NodeOperatorTarget.localFleet();

    /** A PerconaServerMongoDB resource reached with a kubeconfig file from the worker's credentials directory. */
    public static final NodeOperatorTarget PERCONA = NodeOperatorTarget.percona(new PerconaTarget("mongo-prod",
            "orders", "rs0", "/etc/sslplane/kube/kubeconfig"));

    /** The node-certificate validity an operation chose (not the deployment's default of 397 days). */
    public static final Duration NODE_VALIDITY = Duration.ofDays(30);
    public static final Duration STEP_TIMEOUT = Duration.ofSeconds(330);
    public static final String CHANGE = "op-0006";
    public static final NodeSpec NEW_MEMBER = new NodeSpec("rs0-3", "mongo-3.example.internal", 27017,
            NodeRole.SECONDARY, List.of());
    public static final MaintenanceWindow WINDOW =
            new MaintenanceWindow(DayOfWeek.SATURDAY, LocalTime.of(2, 0), Duration.ofHours(4));
    /** The first opening of {@link #WINDOW} after {@link #T0} (a Saturday, 2026-11-28T10:00Z). */
    public static final Instant WINDOW_OPENS = Instant.parse("2026-12-05T02:00:00Z");

    private static final NodeObservation OBSERVED = new NodeObservation(TlsMode.ALLOW, List.of("5f3a9c"),
            NodeRole.SECONDARY);

    /** Every published type by type name, at its current schema version. */
    public static Map<String, Object> all() {
        return Map.ofEntries(
                Map.entry("InstanceRegistered",
                        new InstanceRegisteredEvent(INSTANCE, "4.2", Topology.REPLICA_SET, NODES, 120, SYSTEMD,
                                WINDOW)),
                Map.entry("SslEnabled", new SslEnabledEvent(INSTANCE, OPERATION, CA, NODES, 120, "4.2", false,
                        Procedures.enable(false), PERCONA, NODE_VALIDITY)),
                Map.entry("CertificateRotated",
                        new CertificateRotatedEvent(INSTANCE, "op-0002", CA, "4e2b11", NODES, 120, "4.2",
                                PREVIOUS_CA, true, Procedures.rotate(TlsMode.PREFER), SYSTEMD, NODE_VALIDITY)),
                Map.entry("SslDisabled", new SslDisabledEvent(INSTANCE, "op-0003", "5f3a9c", NODES, 120, "4.0", CA,
                        Procedures.disable(TlsMode.REQUIRE), SYSTEMD)),
                Map.entry("TlsEnforcementChanged", new TlsEnforcementChangedEvent(INSTANCE, "op-0004", true, CA,
                        NODES, 120, "3.4", Procedures.enforce(), LOCAL_FLEET)),
                Map.entry("NodeCertificatesRenewing", new NodeCertificatesRenewingEvent(INSTANCE, "op-0005", CA,
                        NODES, 120, "4.2", Procedures.renewNodeCertificates(TlsMode.PREFER), SYSTEMD, NODE_VALIDITY,
                        List.of("rs0-2"))),
                Map.entry("NodeRestartStarted",
                        new NodeRestartStartedEvent(INSTANCE, OPERATION, "rs0-1", 1, T0.plusSeconds(1), 1,
                                NodeRole.SECONDARY, STEP_TIMEOUT)),
                Map.entry("NodeRestarted",
                        new NodeRestartedEvent(INSTANCE, OPERATION, "rs0-1", 31_250, T0.plusSeconds(33), 1,
                                OBSERVED)),
                Map.entry("RestartCompleted",
                        new RestartCompletedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, 99_000,
                                T0.plusSeconds(100))),
                Map.entry("RestartFailed",
                        new RestartFailedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, "rs0-2",
                                "health gate timed out after PT5M", T0.plusSeconds(400), 1, "UNHEALTHY")),
                Map.entry("RestartRetried",
                        new RestartRetriedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, CA, NODES, 120,
                                Set.of(), 2, "4.2", null, Procedures.enable(false), Set.of("1/rs0-1"), null,
                                SYSTEMD, NODE_VALIDITY, null)),
                Map.entry("RotationAwaitingClients",
                        new RotationAwaitingClientsEvent(INSTANCE, "op-0002", 2, T0.plusSeconds(200))),
                Map.entry("RotationFinishing",
                        new RotationFinishingEvent(INSTANCE, "op-0002", CA, PREVIOUS_CA, NODES, 120, "4.2",
                                Procedures.rotate(TlsMode.PREFER), Set.of("1/rs0-0", "2/rs0-0"), 1, PERCONA,
                                Duration.ofHours(36))),
                Map.entry("NodeCertificateIssued",
                        new NodeCertificateIssuedEvent(INSTANCE, OPERATION, "rs0-1", "5f3a9c", NODE_CERTIFICATE)),
                Map.entry("NodeRestartStartedReport",
                        new NodeRestartStartedReport(INSTANCE, OPERATION, "rs0-1", T0.plusSeconds(1), 1,
                                NodeRole.SECONDARY, STEP_TIMEOUT)),
                Map.entry("NodeRestartedReport",
                        new NodeRestartedReport(INSTANCE, OPERATION, "rs0-1", 31_250, T0.plusSeconds(33), 1,
                                OBSERVED)),
                Map.entry("RestartCompletedReport",
                        new RestartCompletedReport(INSTANCE, OPERATION, 99_000, T0.plusSeconds(100))),
                Map.entry("RestartFailedReport",
                        new RestartFailedReport(INSTANCE, OPERATION, "rs0-2", "node did not answer ping",
                                T0.plusSeconds(400), 1, "UNHEALTHY")),
                Map.entry("OperationHeldReport",
                        new OperationHeldReport(INSTANCE, "op-0002", 2, T0.plusSeconds(200))),
                // ---- instance changes
                Map.entry("MemberAdded", new MemberAddedEvent(INSTANCE, CHANGE, NEW_MEMBER, withNewMember())),
                Map.entry("MemberRemoved", new MemberRemovedEvent(INSTANCE, CHANGE, "rs0-2", NODES.subList(0, 2))),
                Map.entry("MemberReplaced", new MemberReplacedEvent(INSTANCE, CHANGE, "rs0-2", NEW_MEMBER,
                        List.of(NODES.get(0), NODES.get(1), NEW_MEMBER))),
                Map.entry("CollectionCountUpdated", new CollectionCountUpdatedEvent(INSTANCE, CHANGE, 120, 25_000)),
                Map.entry("EngineVersionUpdated", new EngineVersionUpdatedEvent(INSTANCE, CHANGE, "4.0", "4.2")),
                // maintenance windows and scheduled operations
                Map.entry("MaintenanceWindowSet", new MaintenanceWindowSetEvent(INSTANCE, WINDOW)),
                Map.entry("OperationScheduled", new OperationScheduledEvent(INSTANCE, "op-0006",
                        OperationKind.RENEW_NODE_CERTIFICATES, null, null, null, null, null,
                        WINDOW_OPENS, WINDOW_OPENS.plus(WINDOW.duration()), List.of("rs0-2"))),
                Map.entry("ScheduledOperationDeferred", new ScheduledOperationDeferredEvent(INSTANCE, "op-0006",
                        OperationKind.ROTATE, WINDOW_OPENS.plus(WINDOW.duration()), WINDOW_OPENS.plus(Duration.ofDays(7)),
                        WINDOW_OPENS.plus(Duration.ofDays(7)).plus(WINDOW.duration()))),
                Map.entry("ScheduledOperationCancelled",
                        new ScheduledOperationCancelledEvent(INSTANCE, "op-0006", OperationKind.ROTATE)),
                Map.entry("ScheduledOperationRefused", new ScheduledOperationRefusedEvent(INSTANCE, "op-0006",
                        OperationKind.ROTATE, "VALIDATION_FAILED", "request is invalid: certificates.caValidity must "
                        + "be at most P3650D")),
                // abort and rollback
                Map.entry("OperationAbortRequested", new OperationAbortRequestedEvent(INSTANCE, "op-0002",
                        OperationKind.ROTATE, T0.plusSeconds(150))),
                Map.entry("OperationAborted", new OperationAbortedEvent(INSTANCE, "op-0002", OperationKind.ROTATE,
                        "RUNNING", T0.plusSeconds(180), List.of(
                                new NodeTlsState("rs0-0", TlsMode.PREFER, List.of("4e2b11", "5f3a9c"), "5f3a9c", true),
                                new NodeTlsState("rs0-1", TlsMode.PREFER, List.of("4e2b11", "5f3a9c"), "4e2b11", true),
                                new NodeTlsState("rs0-2", TlsMode.PREFER, List.of("4e2b11", "5f3a9c"), "4e2b11", true)),
                        true, SslStatus.ENABLED, TlsMode.PREFER, PREVIOUS_CA)),
                Map.entry("OperationRollingBack", new OperationRollingBackEvent(INSTANCE, "op-0007", "op-0002",
                        OperationKind.ROTATE, PREVIOUS_CA, CA, OPERATION, NODES, 120, "4.2",
                        Procedures.rollback(OperationKind.ROTATE, Procedures.rotate(TlsMode.PREFER), 2,
                                TlsMode.PREFER), SYSTEMD, NODE_VALIDITY)),
                Map.entry("OperationStoppedReport",
                        new OperationStoppedReport(INSTANCE, "op-0002", T0.plusSeconds(175))),
                Map.entry("NodeStatesObservedReport", new NodeStatesObservedReport(INSTANCE, "op-0002", List.of(
                                new NodeTlsState("rs0-0", TlsMode.PREFER, List.of("4e2b11", "5f3a9c"), "5f3a9c", true),
                                new NodeTlsState("rs0-1", TlsMode.PREFER, List.of("4e2b11", "5f3a9c"), "4e2b11", true)),
                        Map.of("rs0-2", "node rs0-2 does not answer: connection refused"), T0.plusSeconds(181))),
                Map.entry("NodeTlsStatesObserved", new NodeTlsStatesObservedEvent(INSTANCE, "op-0002",
                        T0.plusSeconds(181), List.of(
                                new NodeTlsState("rs0-0", TlsMode.PREFER, List.of("4e2b11", "5f3a9c"), "5f3a9c", true),
                                new NodeTlsState("rs0-1", TlsMode.PREFER, List.of("4e2b11", "5f3a9c"), "4e2b11", true),
                                new NodeTlsState("rs0-2", TlsMode.PREFER, List.of("4e2b11", "5f3a9c"), "4e2b11", false)),
                        Map.of("rs0-2", "node rs0-2 does not answer: connection refused"), true, SslStatus.ENABLED,
                        TlsMode.PREFER, PREVIOUS_CA)),
                // automatic renewal
                Map.entry("RenewalPolicySet", new RenewalPolicySetEvent(INSTANCE, RenewalPolicy.IN_MAINTENANCE_WINDOW)),
                // CA expiry warnings
                Map.entry("CaExpiryStateReached", new CaExpiryStateReachedEvent(INSTANCE, CA.serial(), CA.notAfter(),
                        ExpiryState.RENEW_SOON, CA.notAfter().minus(Duration.ofDays(29)))));
    }

    private static List<NodeSpec> withNewMember() {
        var nodes = new java.util.ArrayList<>(NODES);
        nodes.add(NEW_MEMBER);
        return List.copyOf(nodes);
    }

    /**
     * What the stored samples of an older schema {@code version} decode to now, by type name, for the types whose
     * schema grew since: the fields they did not have are absent.
     */
    public static Map<String, Object> decodedFromVersion(int version) {
        return switch (version) {
            case 1 -> decodedFromVersion1();
            case 2 -> decodedFromVersion2();
            case 3 -> decodedFromVersion3();
            case 4 -> decodedFromVersion4();
            case 5 -> decodedFromVersion5();
            default -> Map.of();
        };
    }

    /**
     * Version 1: the one-pass procedure, pass 1, no role, no observation; and no operator for the types whose
     * version 2 added it.
     */
    private static Map<String, Object> decodedFromVersion1() {
        return Map.ofEntries(
                // version 2 of these may name the members an operation drives; version 1 drives every member
                Map.entry("NodeCertificatesRenewing", new NodeCertificatesRenewingEvent(INSTANCE, "op-0005", CA,
                        NODES, 120, "4.2", Procedures.renewNodeCertificates(TlsMode.PREFER), SYSTEMD, NODE_VALIDITY)),
                Map.entry("OperationScheduled", new OperationScheduledEvent(INSTANCE, "op-0006",
                        OperationKind.ROTATE, null, true, "EC-P384", Duration.ofDays(825), NODE_VALIDITY,
                        WINDOW_OPENS, WINDOW_OPENS.plus(WINDOW.duration()))),
                Map.entry("InstanceRegistered",
                        new InstanceRegisteredEvent(INSTANCE, "4.2", Topology.REPLICA_SET, NODES, 120)),
                Map.entry("TlsEnforcementChanged", new TlsEnforcementChangedEvent(INSTANCE, "op-0004", true, CA,
                        NODES, 120, "3.4", Procedures.enforce())),
                Map.entry("RotationFinishing",
                        new RotationFinishingEvent(INSTANCE, "op-0002", CA, PREVIOUS_CA, NODES, 120, "4.2",
                                Procedures.rotate(TlsMode.PREFER), Set.of("1/rs0-0", "2/rs0-0"), 1)),
                Map.entry("SslEnabled", new SslEnabledEvent(INSTANCE, OPERATION, CA, NODES, 120, null, false, null)),
                Map.entry("CertificateRotated",
                        new CertificateRotatedEvent(INSTANCE, "op-0002", CA, "4e2b11", NODES, 120, null, null, false,
                                null)),
                Map.entry("SslDisabled",
                        new SslDisabledEvent(INSTANCE, "op-0003", "5f3a9c", NODES, 120, null, null, null)),
                Map.entry("NodeRestartStarted",
                        new NodeRestartStartedEvent(INSTANCE, OPERATION, "rs0-1", 1, T0.plusSeconds(1), 1, null)),
                Map.entry("NodeRestarted",
                        new NodeRestartedEvent(INSTANCE, OPERATION, "rs0-1", 31_250, T0.plusSeconds(33), 1, null)),
                Map.entry("RestartFailed",
                        new RestartFailedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, "rs0-2",
                                "health gate timed out after PT5M", T0.plusSeconds(400), 1, null)),
                Map.entry("RestartRetried",
                        new RestartRetriedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, CA, NODES, 120,
                                Set.of("rs0-1"), 2, null, null, null, null, null)),
                Map.entry("NodeRestartStartedReport",
                        new NodeRestartStartedReport(INSTANCE, OPERATION, "rs0-1", T0.plusSeconds(1), 1, null)),
                Map.entry("NodeRestartedReport",
                        new NodeRestartedReport(INSTANCE, OPERATION, "rs0-1", 31_250, T0.plusSeconds(33), 1, null)),
                Map.entry("RestartFailedReport",
                        new RestartFailedReport(INSTANCE, OPERATION, "rs0-2", "node did not answer ping",
                                T0.plusSeconds(400), 1, null)));
    }

    /**
     * Version 2: everything but the operator, for the types whose version 3 added it; the operator without the
     * percona variant for the types whose version 3 added that (the stored samples name other operators).
     */
    private static Map<String, Object> decodedFromVersion2() {
        return Map.ofEntries(
                Map.entry("NodeRestartStarted",
                        new NodeRestartStartedEvent(INSTANCE, OPERATION, "rs0-1", 1, T0.plusSeconds(1), 1,
                                NodeRole.SECONDARY)),
                Map.entry("NodeRestartStartedReport",
                        new NodeRestartStartedReport(INSTANCE, OPERATION, "rs0-1", T0.plusSeconds(1), 1,
                                NodeRole.SECONDARY)),
                Map.entry("InstanceRegistered",
                        new InstanceRegisteredEvent(INSTANCE, "4.2", Topology.REPLICA_SET, NODES, 120, SYSTEMD)),
                Map.entry("TlsEnforcementChanged", new TlsEnforcementChangedEvent(INSTANCE, "op-0004", true, CA,
                        NODES, 120, "3.4", Procedures.enforce(), LOCAL_FLEET)),
                Map.entry("RotationFinishing",
                        new RotationFinishingEvent(INSTANCE, "op-0002", CA, PREVIOUS_CA, NODES, 120, "4.2",
                                Procedures.rotate(TlsMode.PREFER), Set.of("1/rs0-0", "2/rs0-0"), 1, SYSTEMD)),
                Map.entry("SslEnabled", new SslEnabledEvent(INSTANCE, OPERATION, CA, NODES, 120, "4.2", false,
                        Procedures.enable(false))),
                Map.entry("CertificateRotated",
                        new CertificateRotatedEvent(INSTANCE, "op-0002", CA, "4e2b11", NODES, 120, "4.2",
                                PREVIOUS_CA, true, Procedures.rotate(TlsMode.PREFER))),
                Map.entry("SslDisabled", new SslDisabledEvent(INSTANCE, "op-0003", "5f3a9c", NODES, 120, "4.0", CA,
                        Procedures.disable(TlsMode.REQUIRE))),
                Map.entry("RestartRetried",
                        new RestartRetriedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, CA, NODES, 120,
                                Set.of(), 2, "4.2", null, Procedures.enable(false), Set.of("1/rs0-1"), null)));
    }

    /** Version 3 of the types whose version 4 added the percona variant of the operator: the other operators. */
    private static Map<String, Object> decodedFromVersion3() {
        return Map.ofEntries(
                // InstanceRegistered 4 added the maintenance window
                Map.entry("InstanceRegistered",
                        new InstanceRegisteredEvent(INSTANCE, "4.2", Topology.REPLICA_SET, NODES, 120, SYSTEMD)),
                Map.entry("SslEnabled", new SslEnabledEvent(INSTANCE, OPERATION, CA, NODES, 120, "4.2", false,
                        Procedures.enable(false), LOCAL_FLEET)),
                Map.entry("CertificateRotated",
                        new CertificateRotatedEvent(INSTANCE, "op-0002", CA, "4e2b11", NODES, 120, "4.2",
                                PREVIOUS_CA, true, Procedures.rotate(TlsMode.PREFER), SYSTEMD)),
                Map.entry("SslDisabled", new SslDisabledEvent(INSTANCE, "op-0003", "5f3a9c", NODES, 120, "4.0", CA,
                        Procedures.disable(TlsMode.REQUIRE), SYSTEMD)),
                Map.entry("RestartRetried",
                        new RestartRetriedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, CA, NODES, 120,
                                Set.of(), 2, "4.2", null, Procedures.enable(false), Set.of("1/rs0-1"), null,
                                SYSTEMD)),
                Map.entry("RotationFinishing",
                        new RotationFinishingEvent(INSTANCE, "op-0002", CA, PREVIOUS_CA, NODES, 120, "4.2",
                                Procedures.rotate(TlsMode.PREFER), Set.of("1/rs0-0", "2/rs0-0"), 1, PERCONA)));
    }

    /**
     * Version 4 of the types whose version 5 added the operation's node-certificate validity: everything else, the
     * validity absent.
     */
    private static Map<String, Object> decodedFromVersion4() {
        return Map.ofEntries(
                Map.entry("SslEnabled", new SslEnabledEvent(INSTANCE, OPERATION, CA, NODES, 120, "4.2", false,
                        Procedures.enable(false), PERCONA)),
                Map.entry("CertificateRotated",
                        new CertificateRotatedEvent(INSTANCE, "op-0002", CA, "4e2b11", NODES, 120, "4.2",
                                PREVIOUS_CA, true, Procedures.rotate(TlsMode.PREFER), SYSTEMD)),
                Map.entry("RestartRetried",
                        new RestartRetriedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, CA, NODES, 120,
                                Set.of(), 2, "4.2", null, Procedures.enable(false), Set.of("1/rs0-1"), null,
                                SYSTEMD)));
    }

    /** Version 5 of the types whose version 6 may name the members an operation drives: every member. */
    private static Map<String, Object> decodedFromVersion5() {
        return Map.ofEntries(
                Map.entry("RestartRetried",
                        new RestartRetriedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, CA, NODES, 120,
                                Set.of(), 2, "4.2", null, Procedures.enable(false), Set.of("1/rs0-1"), null,
                                SYSTEMD, NODE_VALIDITY)));
    }

    private SampleMessages() {
    }
}
