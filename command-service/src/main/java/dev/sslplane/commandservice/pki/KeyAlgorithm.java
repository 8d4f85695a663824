package dev.sslplane.commandservice.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * Key algorithms the PKI issues CAs with. RSA 2048 is the default because MongoDB 3.4 era clients and servers
 * handle it everywhere; EC P-256 is the fast option (its keys are made about a hundred times faster). RSA 3072 and
 * 4096 and EC P-384 are for policies that ask for more strength; an RSA-4096 key takes seconds to make. The labels
 * are the ones requests name and {@code CertificateInfo.keyAlgorithm} shows
 * ({@code CertificateOptions.KEY_ALGORITHMS}).
 */
public enum KeyAlgorithm {
    RSA_2048("RSA-2048", "RSA", 2048, null, "SHA256withRSA"),
    RSA_3072("RSA-3072", "RSA", 3072, null, "SHA256withRSA"),
    RSA_4096("RSA-4096", "RSA", 4096, null, "SHA256withRSA"),
    EC_P256("EC-P256", "EC", 256, "secp256r1", "SHA256withECDSA"),
    // a P-384 key signs with SHA-384: a digest shorter than the curve would be the weaker link (RFC 5480 section 4)
    EC_P384("EC-P384", "EC", 384, "secp384r1", "SHA384withECDSA");

    private final String label;
    private final String family;
    private final int size;
    private final String curve;
    private final String signatureAlgorithm;

    KeyAlgorithm(String label, String family, int size, String curve, String signatureAlgorithm) {
        this.label = label;
        this.family = family;
        this.size = size;
        this.curve = curve;
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
            KeyPairGenerator generator = KeyPairGenerator.getInstance(family);
            if (curve == null) {
                generator.initialize(size, random);
            } else {
                generator.initialize(new ECGenParameterSpec(curve), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK cannot generate " + label + " keys", e);
        }
    }

    /** The algorithm a label names ({@code EC-P384}), exactly as {@link #label()} writes it. */
    public static Optional<KeyAlgorithm> byLabel(String label) {
        return Arrays.stream(values()).filter(a -> a.label.equals(label)).findFirst();
    }

    /** The algorithm of a key this PKI signs with: family and size (RSA modulus, EC field) together. */
    public static KeyAlgorithm of(PrivateKey key) {
        String family = "ECDSA".equals(key.getAlgorithm()) ? "EC" : key.getAlgorithm();
        int size = key instanceof RSAKey rsa ? rsa.getModulus().bitLength()
                : key instanceof ECKey ec ? ec.getParams().getCurve().getField().getFieldSize() : -1;
        return Arrays.stream(values()).filter(a -> a.family.equals(family) && a.size == size).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported CA key algorithm "
                        + key.getAlgorithm() + (size > 0 ? " (" + size + " bits)" : "")));
    }
}
