package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.SslStatus;
import dev.sslplane.contracts.model.TlsMode;

/**
 * What the aggregate holds about an instance's TLS when every node is alike: an operation remembers it as it starts,
 * so that an abort can restore it or a rollback can bring it back.
 *
 * @param caOperationId the operation under which the vault keeps {@code ca}'s key; {@code null} without a CA
 */
record InstanceTls(SslStatus sslStatus, TlsMode tlsMode, CertificateInfo ca, String caOperationId) {
}
