package dev.sslplane.fleet.node;

import java.time.Instant;
import java.util.List;

/**
 * A node as the control API shows it. Never carries key material.
 *
 * @param restartsSinceFleetStart restarts done through the API since this fleet process started
 */
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
        String caSubject,
        int restartsSinceFleetStart) {
}
