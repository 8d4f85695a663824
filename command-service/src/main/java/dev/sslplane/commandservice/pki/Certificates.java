package dev.sslplane.commandservice.pki;

import dev.sslplane.contracts.model.CertificateInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/** Public facts of certificates, in the forms the contracts use. */
public final class Certificates {

    private Certificates() {
    }

    /** SHA-256 of the DER encoding as upper-case hex pairs separated by colons ({@code AB:CD:...}). */
    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /** Serial number as lower-case hex, as {@code CertificateInfo} and {@code SignedCertificate} carry it. */
    public static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /** For example {@code RSA-2048} or {@code EC-P256}. */
    public static String keyDescription(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "EC-P" + ec.getParams().getCurve().getField().getFieldSize();
        }
        return key.getAlgorithm().toUpperCase(Locale.ROOT);
    }

    public static CertificateInfo info(X509Certificate certificate) {
        return new CertificateInfo(
                serial(certificate),
                sha256Fingerprint(certificate),
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                keyDescription(certificate.getPublicKey()),
                Pem.encode(certificate));
    }
}
