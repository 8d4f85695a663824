package dev.sslplane.commandservice.pki;

import dev.sslplane.commandservice.command.CaProvisioner;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.vault.KeyVault;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.CertificateInfo;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues a fresh CA, of the algorithm and validity the operation chose, for an Enable or Rotate operation and
 * stores its key in the vault before the certificate is returned (so no event ever names a CA whose key was
 * lost). Idempotent per operation: when the vault already holds the operation's CA — a redelivered command, a
 * retried handler, or a replica that won a race — that CA is returned and the one just made is discarded, its key
 * never stored.
 */
public class VaultCaProvisioner implements CaProvisioner {

    private static final Logger log = LoggerFactory.getLogger(VaultCaProvisioner.class);

    private final KeyVault vault;
    private final KeyPairPool keyPairs;
    private final CertificateIssuer issuer;
    private final SecureRandom random;

    /**
     * @param keyPairs keys of the deployment's algorithm, made ahead
     * @param random   for keys of another algorithm, which an operation that asks for one has made inline
     */
    public VaultCaProvisioner(KeyVault vault, KeyPairPool keyPairs, CertificateIssuer issuer, SecureRandom random) {
        this.vault = vault;
        this.keyPairs = keyPairs;
        this.issuer = issuer;
        this.random = random;
    }

    @Override
    public CertificateInfo provisionCa(String instanceId, String operationId, String keyAlgorithm,
                                      Duration validity) {
        KeyAlgorithm algorithm = KeyAlgorithm.byLabel(keyAlgorithm).orElseThrow(() -> new IllegalArgumentException(
                "unknown CA key algorithm " + keyAlgorithm));
        // Insert first: the vault's unique id decides, so the common case (a new operation) costs one round trip
        // to MongoDB. A repeat only wastes the key pair it took.
        KeyPair keyPair = keyPair(algorithm);
        IssuedCa ca = issuer.issueCa(instanceId, operationId, keyPair, validity);
        String pem = Pem.encode(ca.certificate());
        if (vault.store(instanceId, operationId, pem, algorithm.label(), ca.privateKey().getEncoded())) {
            CertificateInfo info = Certificates.info(ca.certificate());
            log.info("Issued CA serial {} ({}) for operation {} on {}", info.serial(), info.keyAlgorithm(),
                    operationId, instanceId);
            return info;
        }
        CertificateInfo stored = storedCa(instanceId, operationId).orElseThrow(() -> new DomainException(
                ErrorCode.CA_KEY_UNAVAILABLE, "the vault refused the CA of operation " + operationId
                + " but holds none"));
        log.info("CA of operation {} on {} already issued (serial {}); returning it", operationId, instanceId,
                stored.serial());
        return stored;
    }

    /**
     * The pool holds keys of the deployment's algorithm only: keeping pools of every algorithm would cost the
     * background CPU of all five for the few operations that ask for another. Those wait for their key (an
     * RSA-4096 key takes seconds), and the pool's inline counter does not count them.
     */
    private KeyPair keyPair(KeyAlgorithm algorithm) {
        if (algorithm == keyPairs.algorithm()) {
            return keyPairs.take();
        }
        log.info("Generating a {} CA key inline (the key pool holds {})", algorithm.label(),
                keyPairs.algorithm().label());
        return algorithm.generate(random);
    }

    private Optional<CertificateInfo> storedCa(String instanceId, String operationId) {
        return vault.certificatePem(instanceId, operationId).map(pem -> {
            try {
                return Certificates.info(Pem.certificate(pem));
            } catch (IllegalArgumentException e) {
                // The operation has a CA, but its stored certificate is unreadable: never issue a second one.
                throw new DomainException(ErrorCode.CA_KEY_UNAVAILABLE, "the stored CA certificate of operation "
                        + operationId + " cannot be read", java.util.Map.of("operationId", operationId));
            }
        });
    }
}
