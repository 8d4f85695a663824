package dev.sslplane.worker.signing;

import dev.sslplane.contracts.messaging.SignedCertificate;
import reactor.core.publisher.Mono;

/**
 * Gets a node CSR signed by the instance's CA. Errors with {@link SigningRefusedException} when the signer
 * refuses (retrying cannot help); other errors are transient and retried within the step timeout.
 */
public interface CertificateSigner {

    Mono<SignedCertificate> sign(String instanceId, String operationId, String nodeName, String csrPem);
}
