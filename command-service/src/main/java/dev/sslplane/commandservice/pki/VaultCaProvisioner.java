package dev.sslplane.commandservice.pki;

import dev.sslplane.commandservice.command.CaProvisioner;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.vault.KeyVault;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.model.CertificateInfo;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues a fresh CA for an Enable or Rotate operation and stores its key in the vault before the certificate is
 * returned (so no event ever names a CA whose key was lost). Idempotent per operation: when the vault already
 * holds the operation's CA — a redelivered command, a retried handler, or a replica that won a race — that CA is
 * returned and the one just made is discarded, its key never stored.
 */
public class VaultCaProvisioner implements CaProvisioner {

    private static final Logger log = LoggerFactory.getLogger(VaultCaProvisioner.class);

    private final KeyVault vault;
    private final KeyPairPool keyPairs;
    private final CertificateIssuer issuer;
    private final Duration caValidity;

    public VaultCaProvisioner(KeyVault vault, KeyPairPool keyPairs, CertificateIssuer issuer, Duration caValidity) {
        this.vault = vault;
        this.keyPairs = keyPairs;
        this.issuer = issuer;
        this.caValidity = caValidity;
    }

    @Override
    public CertificateInfo provisionCa(String instanceId, String operationId) {
        // Insert first: the vault's unique id decides, so the common case (a new operation) costs one round trip
        // to MongoDB. A repeat only wastes the key pair it took.
        KeyPair keyPair = keyPairs.take();
        IssuedCa ca = issuer.issueCa(instanceId, operationId, keyPair, caValidity);
        String pem = Pem.encode(ca.certificate());
        if (vault.store(instanceId, operationId, pem, keyPairs.algorithm().label(), ca.privateKey().getEncoded())) {
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
