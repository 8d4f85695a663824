package dev.sslplane.contracts.model;

import java.util.List;

/**
 * A node as read back from itself after a step: its TLS mode, the CAs its CA file holds (by serial, lower-case
 * hex) and its replica-set role at that moment.
 */
public record NodeObservation(TlsMode mode, List<String> trustedCaSerials, NodeRole role) {

    public NodeObservation {
        trustedCaSerials = trustedCaSerials == null ? List.of() : List.copyOf(trustedCaSerials);
    }
}
