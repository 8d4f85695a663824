package dev.sslplane.worker.health;

import dev.sslplane.contracts.model.TlsMode;
import dev.sslplane.worker.nodeclient.Connection;

/**
 * What a node and its set must look like after the node's step.
 *
 * @param mode           the node's TLS mode: plain must be accepted iff it accepts plain, TLS verified against
 *                       {@code expectedIssuer} iff it accepts TLS, and TLS refused iff it is disabled
 * @param expectedIssuer the CA that must have issued the certificate the node presents ({@code null}: unknown,
 *                       then only whether TLS is offered is checked)
 * @param control        how to ask the node for {@code replSetGetStatus}
 */
public record HealthExpectation(TlsMode mode, String expectedIssuer, Connection control) {
}
