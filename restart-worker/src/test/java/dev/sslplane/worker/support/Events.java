package dev.sslplane.worker.support;

import dev.sslplane.contracts.event.SslEnabledEvent;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import java.time.Instant;
import java.util.List;

/** Operation events for tests. */
public final class Events {

    private Events() {
    }

    /** Three nodes: {@code p} primary, {@code s} secondary, {@code h} hidden, registered in that order. */
    public static List<NodeSpec> threeNodes(int basePort) {
        return List.of(
                new NodeSpec("p", "127.0.0.1", basePort, NodeRole.PRIMARY, List.of("localhost")),
                new NodeSpec("s", "127.0.0.1", basePort + 1, NodeRole.SECONDARY, List.of("localhost")),
                new NodeSpec("h", "127.0.0.1", basePort + 2, NodeRole.HIDDEN, List.of()));
    }

    public static CertificateInfo caInfo(TestCa ca) {
        var cert = ca.certificate();
        return new CertificateInfo(cert.getSerialNumber().toString(16), "00", cert.getSubjectX500Principal().getName(),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), "EC-P256", ca.pem());
    }

    public static SslEnabledEvent enabled(String instanceId, String operationId, TestCa ca, List<NodeSpec> nodes) {
        return new SslEnabledEvent(instanceId, operationId, caInfo(ca), nodes, 100);
    }

    public static Instant now() {
        return Instant.now();
    }
}
