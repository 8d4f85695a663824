package dev.sslplane.commandservice.vault;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per entry. The additional authenticated data binds a ciphertext
 * to its entry, so moving it to another entry makes decryption fail instead of handing out the wrong key.
 */
final class AesGcm {

    static final String NAME = "AES-256-GCM";
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private AesGcm() {
    }

    record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    static Sealed seal(MasterKey key, byte[] plaintext, byte[] aad, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return new Sealed(nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption is unavailable", e);
        }
    }

    /** Throws {@link GeneralSecurityException} (AEADBadTagException) when key, nonce, AAD or ciphertext differ. */
    static byte[] open(MasterKey key, byte[] nonce, byte[] ciphertext, byte[] aad) throws GeneralSecurityException {
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new GeneralSecurityException("nonce must be " + NONCE_BYTES + " bytes");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(ciphertext);
    }
}
