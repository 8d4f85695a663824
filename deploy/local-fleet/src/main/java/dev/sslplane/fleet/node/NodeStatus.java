package dev.sslplane.fleet.node;

import java.time.Instant;
import java.util.List;

/** A node as the control API shows it. Never carries key material. */
public record NodeStatus(
        String instanceId,
        String name,
        String host,
        int port,
        String role,
        List<String> subjectAltNames,
        boolean running,
        boolean tls,
        String certificateSerial,
        Instant certificateNotAfter,
        String caSubject) {
}
