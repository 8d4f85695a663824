package dev.sslplane.commandservice.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts vault entries, with the id stored next to every entry it sealed (so a later
 * master-key rotation can tell which key opens which entry).
 */
public final class MasterKey {

    public static final int LENGTH_BYTES = 32;

    private final String keyId;
    private final SecretKey key;

    public MasterKey(String keyId, byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("the vault master key must be exactly " + LENGTH_BYTES
                    + " bytes (AES-256), got " + (keyBytes == null ? 0 : keyBytes.length));
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = keyId == null || keyId.isBlank() ? deriveId(keyBytes) : keyId;
    }

    public String keyId() {
        return keyId;
    }

    SecretKey secretKey() {
        return key;
    }

    /** A stable, non-reversible id: the first 8 bytes of SHA-256 over a label and the key. */
    static String deriveId(byte[] keyBytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("sslplane-vault-master-key-id".getBytes(StandardCharsets.UTF_8));
            byte[] hash = digest.digest(keyBytes);
            return "mk-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + keyId + "]";
    }
}
