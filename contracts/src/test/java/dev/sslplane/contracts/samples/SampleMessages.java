package dev.sslplane.contracts.samples;

import dev.sslplane.contracts.event.CertificateRotatedEvent;
import dev.sslplane.contracts.event.InstanceRegisteredEvent;
import dev.sslplane.contracts.event.NodeRestartStartedEvent;
import dev.sslplane.contracts.event.NodeRestartedEvent;
import dev.sslplane.contracts.event.RestartCompletedEvent;
import dev.sslplane.contracts.event.RestartFailedEvent;
import dev.sslplane.contracts.event.RestartRetriedEvent;
import dev.sslplane.contracts.event.SslDisabledEvent;
import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import dev.sslplane.contracts.model.OperationKind;
import dev.sslplane.contracts.model.Topology;
import dev.sslplane.contracts.progress.NodeRestartStartedReport;
import dev.sslplane.contracts.progress.NodeRestartedReport;
import dev.sslplane.contracts.progress.RestartCompletedReport;
import dev.sslplane.contracts.progress.RestartFailedReport;
import java.time.Instant;
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

    /** Every published type by type name. */
    public static Map<String, Object> all() {
        return Map.ofEntries(
                Map.entry("InstanceRegistered",
                        new InstanceRegisteredEvent(INSTANCE, "4.2", Topology.REPLICA_SET, NODES, 120)),
                Map.entry("SslEnabled", new SslEnabledEvent(INSTANCE, OPERATION, CA, NODES, 120)),
                Map.entry("CertificateRotated",
                        new CertificateRotatedEvent(INSTANCE, "op-0002", CA, "4e2b11", NODES, 120)),
                Map.entry("SslDisabled", new SslDisabledEvent(INSTANCE, "op-0003", "5f3a9c", NODES, 120)),
                Map.entry("NodeRestartStarted",
                        new NodeRestartStartedEvent(INSTANCE, OPERATION, "rs0-1", 1, T0.plusSeconds(1))),
                Map.entry("NodeRestarted",
                        new NodeRestartedEvent(INSTANCE, OPERATION, "rs0-1", 31_250, T0.plusSeconds(33))),
                Map.entry("RestartCompleted",
                        new RestartCompletedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, 99_000,
                                T0.plusSeconds(100))),
                Map.entry("RestartFailed",
                        new RestartFailedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, "rs0-2",
                                "health gate timed out after PT5M", T0.plusSeconds(400))),
                Map.entry("RestartRetried",
                        new RestartRetriedEvent(INSTANCE, OPERATION, OperationKind.ENABLE, CA, NODES, 120,
                                Set.of("rs0-1"), 2)),
                Map.entry("NodeRestartStartedReport",
                        new NodeRestartStartedReport(INSTANCE, OPERATION, "rs0-1", T0.plusSeconds(1))),
                Map.entry("NodeRestartedReport",
                        new NodeRestartedReport(INSTANCE, OPERATION, "rs0-1", 31_250, T0.plusSeconds(33))),
                Map.entry("RestartCompletedReport",
                        new RestartCompletedReport(INSTANCE, OPERATION, 99_000, T0.plusSeconds(100))),
                Map.entry("RestartFailedReport",
                        new RestartFailedReport(INSTANCE, OPERATION, "rs0-2", "node did not answer ping",
                                T0.plusSeconds(400))));
    }

    private SampleMessages() {
    }
}
