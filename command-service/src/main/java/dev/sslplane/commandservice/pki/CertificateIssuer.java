package dev.sslplane.commandservice.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and signs X.509 v3 certificates with BouncyCastle: one self-signed CA per operation, and node (leaf)
 * certificates under it. Key pairs come from outside (the {@link KeyPairPool} for CAs, the node's CSR for leaves).
 */
public final class CertificateIssuer {

    /** Tolerates clocks of nodes that run slightly behind ours. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private final SecureRandom random;
    private final Clock clock;

    public CertificateIssuer(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /**
     * A self-signed CA: basicConstraints CA:true (critical, no path length: leaves only), keyUsage keyCertSign and
     * cRLSign (critical), subject and authority key identifiers.
     */
    public IssuedCa issueCa(String instanceId, String operationId, KeyPair keyPair, Duration validity) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "sslplane")
                .addRDN(BCStyle.OU, instanceId)
                .addRDN(BCStyle.CN, "sslplane CA " + instanceId + " " + operationId)
                .build();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(keyPair.getPublic()));
            X509Certificate certificate = sign(builder, keyPair.getPrivate());
            return new IssuedCa(certificate, keyPair.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue CA certificate", e);
        }
    }

    /**
     * A node certificate: serverAuth and clientAuth (members authenticate each other with it inside the replica
     * set), digitalSignature and keyEncipherment, the given SANs, CN = node host. Its validity never outlasts
     * the CA's.
     */
    public X509Certificate issueLeaf(IssuedCa ca, PublicKey subjectKey, String commonName,
                                     List<GeneralName> subjectAltNames, Duration validity) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        Instant now = clock.instant();
        Instant notAfter = now.plus(validity);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.certificate()));
            return sign(builder, ca.privateKey());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue node certificate", e);
        }
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, java.security.PrivateKey signingKey)
            throws OperatorCreationException, GeneralSecurityException {
        var signer = new JcaContentSignerBuilder(KeyAlgorithm.of(signingKey).signatureAlgorithm())
                .setSecureRandom(random).build(signingKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** Random, positive, at most 20 octets (RFC 5280 4.1.2.2), never zero. */
    private BigInteger serial() {
        return new BigInteger(127, random).setBit(126);
    }
}
