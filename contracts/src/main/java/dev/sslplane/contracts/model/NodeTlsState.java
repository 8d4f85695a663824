package dev.sslplane.contracts.model;

import java.util.List;

/**
 * A node's TLS state as an operation left it: what it accepts, what its CA file holds and who signed the
 * certificate it presents.
 *
 * @param node                the member's name
 * @param mode                its TLS mode
 * @param trustedCaSerials    the CAs its CA file holds, by serial (lower-case hex); empty with TLS disabled
 * @param certificateCaSerial the serial of the CA that signed the certificate it presents; {@code null} for none
 * @param settled             {@code false} for the node whose step was under way when the operation failed: it may
 *                            still have the state before that step, or already the one after it
 */
public record NodeTlsState(String node, TlsMode mode, List<String> trustedCaSerials, String certificateCaSerial,
                           boolean settled) {

    public NodeTlsState {
        trustedCaSerials = trustedCaSerials == null ? List.of() : List.copyOf(trustedCaSerials);
    }
}
