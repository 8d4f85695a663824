package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.NodeSpec;

/**
 * Signs a node's PKCS#10 request with the operation's CA. Implementations verify the request itself (signature,
 * key strength, SANs within {@link NodeSpec#subjectAltNames()}) and throw {@link DomainException} with a
 * {@code CSR_*} code when it does not qualify.
 */
public interface NodeCertificateSigner {

    IssuedNodeCertificate sign(String instanceId, String operationId, NodeSpec node, String csrPem);
}
