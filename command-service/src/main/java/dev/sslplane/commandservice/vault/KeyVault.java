package dev.sslplane.commandservice.vault;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CA private keys in a MongoDB collection, one document per operation ({@code _id = instanceId|operationId}),
 * encrypted with AES-256-GCM under the master key. The CA certificate is public and stored in clear beside it.
 *
 * <pre>
 * { _id, instanceId, operationId, certificatePem, keyAlgorithm, createdAt,
 *   sealedKey: { cipher: "AES-256-GCM", keyId, nonce: Binary(12), ciphertext: Binary } }
 * </pre>
 *
 * Entries are written once (insert, never replaced; a master-key rotation only swaps {@code sealedKey} in place),
 * with majority write concern, so a CA whose certificate has been handed out always has its key. Anything that keeps a key from being read back and decrypted is
 * {@link ErrorCode#CA_KEY_UNAVAILABLE}: callers fail the operation, they never issue a replacement CA.
 */
public class KeyVault {

    private static final Logger log = LoggerFactory.getLogger(KeyVault.class);
    static final String SEPARATOR = "|";

    private final MongoCollection<Document> entries;
    private final MasterKeys masterKeys;
    private final SecureRandom random;
    private final Clock clock;

    public KeyVault(MongoCollection<Document> entries, MasterKeys masterKeys, SecureRandom random, Clock clock) {
        this.entries = entries.withWriteConcern(WriteConcern.MAJORITY);
        this.masterKeys = masterKeys;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Stores the CA of an operation. Returns {@code false}, storing nothing, when the operation already has an
     * entry (a concurrent or repeated provisioning won): the caller then uses the stored one.
     */
    public boolean store(String instanceId, String operationId, String certificatePem, String keyAlgorithm,
                         byte[] privateKeyPkcs8) {
        String id = entryId(instanceId, operationId);
        MasterKey key = masterKeys.current();
        AesGcm.Sealed sealed = AesGcm.seal(key, privateKeyPkcs8, id.getBytes(StandardCharsets.UTF_8), random);
        Document entry = new Document("_id", id)
                .append("instanceId", instanceId)
                .append("operationId", operationId)
                .append("certificatePem", certificatePem)
                .append("keyAlgorithm", keyAlgorithm)
                .append("createdAt", Date.from(clock.instant()))
                .append("sealedKey", new Document("cipher", AesGcm.NAME)
                        .append("keyId", key.keyId())
                        .append("nonce", new Binary(sealed.nonce()))
                        .append("ciphertext", new Binary(sealed.ciphertext())));
        try {
            entries.insertOne(entry);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw unavailable(instanceId, operationId, "the vault could not store the CA key", e);
        } catch (MongoException e) {
            throw unavailable(instanceId, operationId, "the vault could not store the CA key", e);
        }
    }

    /** The stored CA certificate of an operation (public; the key is not decrypted). */
    public Optional<String> certificatePem(String instanceId, String operationId) {
        try {
            Document entry = entries.find(Filters.eq("_id", entryId(instanceId, operationId)))
                    .projection(Projections.include("certificatePem")).first();
            return Optional.ofNullable(entry).map(e -> e.getString("certificatePem"));
        } catch (MongoException e) {
            throw unavailable(instanceId, operationId, "the vault cannot be read", e);
        }
    }

    /** The operation's CA certificate and decrypted private key, or {@link ErrorCode#CA_KEY_UNAVAILABLE}. */
    public CaKeyMaterial load(String instanceId, String operationId) {
        String id = entryId(instanceId, operationId);
        Document entry;
        try {
            entry = entries.find(Filters.eq("_id", id)).first();
        } catch (MongoException e) {
            throw unavailable(instanceId, operationId, "the vault cannot be read", e);
        }
        if (entry == null) {
            throw unavailable(instanceId, operationId, "the vault holds no CA key for this operation", null);
        }
        try {
            Document sealed = entry.get("sealedKey", Document.class);
            String certificatePem = entry.getString("certificatePem");
            if (sealed == null || certificatePem == null || !AesGcm.NAME.equals(sealed.getString("cipher"))) {
                throw unavailable(instanceId, operationId, "the vault entry is incomplete or of an unknown format",
                        null);
            }
            String keyId = sealed.getString("keyId");
            MasterKey key = masterKeys.byId(keyId).orElseThrow(() -> unavailable(instanceId, operationId,
                    "the CA key was encrypted under master key " + keyId + ", which is not configured", null));
            byte[] plaintext = AesGcm.open(key, bytes(sealed.get("nonce")), bytes(sealed.get("ciphertext")),
                    id.getBytes(StandardCharsets.UTF_8));
            return new CaKeyMaterial(certificatePem, plaintext);
        } catch (GeneralSecurityException | ClassCastException e) {
            // GCM tag mismatch: wrong master key, altered ciphertext, or an entry copied from another operation.
            throw unavailable(instanceId, operationId, "the CA key cannot be decrypted", e);
        }
    }

    /** What {@link #reseal} did with one entry. */
    enum Reseal { RESEALED, ALREADY_CURRENT }

    /** Ids of the entries not sealed under the current master key (also entries without a readable key id). */
    List<String> entriesNotUnderCurrentKey() {
        return entries.find(Filters.ne("sealedKey.keyId", masterKeys.current().keyId()))
                .projection(Projections.include("_id")).sort(Sorts.ascending("_id"))
                .map(d -> String.valueOf(d.get("_id"))).into(new ArrayList<>());
    }

    long countNotUnderCurrentKey() {
        return entries.countDocuments(Filters.ne("sealedKey.keyId", masterKeys.current().keyId()));
    }

    /**
     * Re-encrypts one entry under the current master key: opens it with the key named by its key id, seals it with
     * a fresh nonce and replaces {@code sealedKey} in one single-document update that only applies while the entry
     * still carries the old key id. So an interrupted rotation leaves every entry whole under one of the two keys,
     * and two replicas rotating at once cannot overwrite each other. Throws {@link ResealException} (no key
     * material in its message) when the entry cannot be opened.
     */
    Reseal reseal(String entryId) {
        MasterKey current = masterKeys.current();
        Document entry = entries.find(Filters.eq("_id", entryId)).first();
        if (entry == null) {
            return Reseal.ALREADY_CURRENT; // deleted meanwhile: nothing left to rotate
        }
        Object sealedValue = entry.get("sealedKey");
        if (!(sealedValue instanceof Document sealed) || !AesGcm.NAME.equals(sealed.get("cipher"))
                || !(sealed.get("keyId") instanceof String keyId)) {
            throw new ResealException("the entry is incomplete or of an unknown format");
        }
        if (keyId.equals(current.keyId())) {
            return Reseal.ALREADY_CURRENT;
        }
        MasterKey old = masterKeys.byId(keyId).orElseThrow(() -> new ResealException(
                "sealed under master key " + keyId + ", which is not configured"));
        byte[] aad = entryId.getBytes(StandardCharsets.UTF_8);
        byte[] plaintext;
        try {
            plaintext = AesGcm.open(old, bytes(sealed.get("nonce")), bytes(sealed.get("ciphertext")), aad);
        } catch (GeneralSecurityException e) {
            throw new ResealException("cannot be decrypted with master key " + keyId);
        }
        try {
            AesGcm.Sealed resealed = AesGcm.seal(current, plaintext, aad, random);
            var result = entries.updateOne(
                    Filters.and(Filters.eq("_id", entryId), Filters.eq("sealedKey.keyId", keyId)),
                    Updates.combine(Updates.set("sealedKey", new Document("cipher", AesGcm.NAME)
                                    .append("keyId", current.keyId())
                                    .append("nonce", new Binary(resealed.nonce()))
                                    .append("ciphertext", new Binary(resealed.ciphertext()))),
                            Updates.set("resealedAt", Date.from(clock.instant()))));
            return result.getModifiedCount() == 1 ? Reseal.RESEALED : Reseal.ALREADY_CURRENT;
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    MasterKeys masterKeys() {
        return masterKeys;
    }

    /** An entry a rotation cannot re-encrypt; the message names the reason, never key material. */
    static final class ResealException extends RuntimeException {
        ResealException(String message) {
            super(message, null, false, false);
        }
    }

    static String entryId(String instanceId, String operationId) {
        if (instanceId.contains(SEPARATOR) || operationId.contains(SEPARATOR)) {
            // Keeps the id (and the AAD) unambiguous: "a|b"+"c" must not equal "a"+"b|c".
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "ids must not contain '" + SEPARATOR + "'");
        }
        return instanceId + SEPARATOR + operationId;
    }

    private static byte[] bytes(Object value) throws GeneralSecurityException {
        if (value instanceof Binary binary) {
            return binary.getData();
        }
        if (value instanceof byte[] raw) {
            return raw;
        }
        throw new GeneralSecurityException("missing binary field");
    }

    private static DomainException unavailable(String instanceId, String operationId, String why, Exception cause) {
        // The cause's class says enough for operators; its message never contains key material, the key never is.
        if (cause != null) {
            log.error("CA key of operation {} on {} unavailable: {} ({})", operationId, instanceId, why,
                    cause.getClass().getSimpleName());
        } else {
            log.error("CA key of operation {} on {} unavailable: {}", operationId, instanceId, why);
        }
        return new DomainException(ErrorCode.CA_KEY_UNAVAILABLE,
                "CA key unavailable for operation " + operationId + " of " + instanceId + ": " + why,
                Map.of("operationId", operationId));
    }
}
