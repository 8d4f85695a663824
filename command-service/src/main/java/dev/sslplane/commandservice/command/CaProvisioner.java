package dev.sslplane.commandservice.command;

import dev.sslplane.contracts.model.CertificateInfo;
import java.time.Duration;

/**
 * Issues the CA for an operation and keeps its private key in the vault. Command handlers call it, so it runs
 * while the handler holds the aggregate's lock (the key pool keeps that short); as a parameter of the handler it
 * lets a fixture test pass a deterministic one.
 */
public interface CaProvisioner {

    /**
     * Issues (or, when called again for the same operation, returns the already issued) CA for the operation.
     * Only public material comes back; the key is stored in the vault under the operation id.
     *
     * @param keyAlgorithm label of the CA's key algorithm ({@code CertificateOptions.KEY_ALGORITHMS}); a key of the
     *                     deployment's algorithm comes from the key pool, any other is generated inline
     * @param validity     how long the CA is valid
     */
    CertificateInfo provisionCa(String instanceId, String operationId, String keyAlgorithm, Duration validity);
}
