package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.NodeSpec;
import java.time.Duration;

/**
 * Signs a node's PKCS#10 request with the operation's CA. Implementations verify the request itself (signature,
 * key strength, SANs within {@link NodeSpec#subjectAltNames()}) and throw {@link DomainException} with a
 * {@code CSR_*} code when it does not qualify.
 */
public interface NodeCertificateSigner {

    /**
     * @param operationId the operation that created the signing CA (its key is kept under that id): the running
     *                    operation itself, or for a renewal of node certificates the one that made the current CA
     * @param validity how long the certificate is valid: the operation's choice, or {@code null} for an operation
     *                 recorded before operations chose it (the deployment's setting applies). Never beyond the CA.
     */
    IssuedNodeCertificate sign(String instanceId, String operationId, NodeSpec node, String csrPem,
                               Duration validity);
}
