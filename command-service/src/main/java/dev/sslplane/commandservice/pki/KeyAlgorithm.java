package dev.sslplane.commandservice.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * Key algorithms the PKI issues CAs with. RSA 2048 is the default because MongoDB 3.4 era clients and servers
 * handle it everywhere; EC P-256 is the fast option (its keys are made about a hundred times faster).
 */
public enum KeyAlgorithm {
    RSA_2048("RSA-2048", "SHA256withRSA"),
    EC_P256("EC-P256", "SHA256withECDSA");

    private final String label;
    private final String signatureAlgorithm;

    KeyAlgorithm(String label, String signatureAlgorithm) {
        this.label = label;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** How the algorithm appears in {@code CertificateInfo.keyAlgorithm}, for example {@code RSA-2048}. */
    public String label() {
        return label;
    }

    /** Signature algorithm used when a key of this kind signs a certificate. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Generates a key pair with the JDK provider (its RSA generator is about 3x faster than BouncyCastle's here). */
    public KeyPair generate(SecureRandom random) {
        try {
            if (this == RSA_2048) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, random);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK cannot generate " + label + " keys", e);
        }
    }

    /** The algorithm of a key this PKI signs with. */
    public static KeyAlgorithm of(java.security.PrivateKey key) {
        if ("RSA".equals(key.getAlgorithm())) {
            return RSA_2048;
        }
        if ("EC".equals(key.getAlgorithm()) || "ECDSA".equals(key.getAlgorithm())) {
            return EC_P256;
        }
        throw new IllegalArgumentException("unsupported CA key algorithm " + key.getAlgorithm());
    }
}
