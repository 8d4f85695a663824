package dev.sslplane.commandservice.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sslplane.contracts.model.CertificateInfo;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateIssuerTest {

    private final CertificateIssuer issuer = TestPki.issuer();

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void caIsAnX509v3CaWithCriticalConstraintsAndKeyUsage(KeyAlgorithm algorithm) throws Exception {
        Instant before = Instant.now();
        IssuedCa ca = issuer.issueCa("inst-1", "op-1", algorithm.generate(TestPki.RANDOM), Duration.ofDays(30));
        X509Certificate cert = ca.certificate();

        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getBasicConstraints()).as("CA:true").isGreaterThanOrEqualTo(0);
        assertThat(cert.getCriticalExtensionOIDs())
                .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        boolean[] keyUsage = cert.getKeyUsage();
        assertThat(keyUsage[5]).as("keyCertSign").isTrue();
        assertThat(keyUsage[6]).as("cRLSign").isTrue();
        assertThat(keyUsage[0]).as("digitalSignature").isFalse();
        assertThat(keyUsage[2]).as("keyEncipherment").isFalse();

        byte[] ski = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                cert.getExtensionValue(Extension.subjectKeyIdentifier.getId()))).getKeyIdentifier();
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                cert.getExtensionValue(Extension.authorityKeyIdentifier.getId())));
        assertThat(ski).isNotEmpty();
        assertThat(aki.getKeyIdentifier()).as("self-signed: AKI = SKI").isEqualTo(ski);

        cert.verify(cert.getPublicKey()); // self-signed
        assertThat(cert.getSubjectX500Principal()).isEqualTo(cert.getIssuerX500Principal());
        assertThat(cert.getSubjectX500Principal().getName()).contains("inst-1").contains("op-1");
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(cert.getSerialNumber().bitLength()).isBetween(64, 159);

        assertThat(cert.getNotBefore().toInstant()).isBefore(before.plusSeconds(1));
        assertThat(cert.getNotAfter().toInstant())
                .isCloseTo(before.plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
        assertThat(Certificates.keyDescription(cert.getPublicKey())).isEqualTo(algorithm.label());
        assertThat(cert.getSigAlgName()).isEqualToIgnoringCase(algorithm.signatureAlgorithm());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void certificateInfoCarriesOnlyPublicFactsOfTheCa(KeyAlgorithm algorithm) throws Exception {
        IssuedCa ca = issuer.issueCa("inst-1", "op-2", algorithm.generate(TestPki.RANDOM), Duration.ofDays(365));
        CertificateInfo info = Certificates.info(ca.certificate());

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded());
        assertThat(info.sha256Fingerprint())
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}")
                .isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        assertThat(info.serial()).isEqualTo(ca.certificate().getSerialNumber().toString(16)).matches("[0-9a-f]+");
        assertThat(info.keyAlgorithm()).isEqualTo(algorithm.label());
        assertThat(info.notAfter()).isEqualTo(ca.certificate().getNotAfter().toInstant());
        assertThat(info.subject()).startsWith("CN=sslplane CA inst-1 op-2");
        assertThat(Pem.certificate(info.pem())).isEqualTo(ca.certificate());
        assertThat(info.pem()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
        assertThat(ca.toString()).doesNotContain(HexFormat.of().formatHex(ca.privateKey().getEncoded()));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void everyCaHasItsOwnSerialAndKey(KeyAlgorithm algorithm) {
        IssuedCa first = issuer.issueCa("i", "a", algorithm.generate(TestPki.RANDOM), Duration.ofDays(1));
        IssuedCa second = issuer.issueCa("i", "b", algorithm.generate(TestPki.RANDOM), Duration.ofDays(1));
        assertThat(first.certificate().getSerialNumber()).isNotEqualTo(second.certificate().getSerialNumber());
        assertThat(first.certificate().getPublicKey()).isNotEqualTo(second.certificate().getPublicKey());
    }

    @org.junit.jupiter.api.Test
    void leafNeverOutlivesItsCa() throws Exception {
        IssuedCa ca = issuer.issueCa("i", "a", TestPki.ec(), Duration.ofDays(10));
        X509Certificate leaf = issuer.issueLeaf(ca, TestPki.ec().getPublic(), "h1",
                List.of(TestPki.dns("h1")), Duration.ofDays(400));
        assertThat(leaf.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
        TestPki.validate(leaf, ca.certificate());
    }
}
