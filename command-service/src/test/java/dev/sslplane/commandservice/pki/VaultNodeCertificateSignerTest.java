package dev.sslplane.commandservice.pki;

import static dev.sslplane.commandservice.pki.TestPki.csr;
import static dev.sslplane.commandservice.pki.TestPki.dns;
import static dev.sslplane.commandservice.pki.TestPki.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.commandservice.command.IssuedNodeCertificate;
import dev.sslplane.commandservice.vault.EmbeddedMongo;
import dev.sslplane.commandservice.vault.KeyVault;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.SignedCertificate;
import dev.sslplane.contracts.model.CertificateInfo;
import dev.sslplane.contracts.model.NodeRole;
import dev.sslplane.contracts.model.NodeSpec;
import java.security.KeyPair;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VaultNodeCertificateSignerTest {

    private static final NodeSpec NODE = new NodeSpec("rs0-1", "db1.example.internal", 27017, NodeRole.SECONDARY,
            List.of("10.0.0.11", "db1", "fd00::11"));

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final KeyVault vault = TestPki.vault(mongo);
    private final KeyPairPool caKeys = TestPki.pool(KeyAlgorithm.EC_P256, 0);
    private final VaultCaProvisioner provisioner = TestPki.provisioner(vault, caKeys);
    private final VaultNodeCertificateSigner signer =
            new VaultNodeCertificateSigner(vault, TestPki.issuer(), Duration.ofDays(90));

    @AfterEach
    void stop() {
        caKeys.close();
        mongo.close();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void issuesALeafForTheNodeThatValidatesAgainstTheOperationsCa(KeyAlgorithm caAlgorithm) throws Exception {
        KeyPairPool pool = TestPki.pool(caAlgorithm, 0);
        CertificateInfo ca = TestPki.provisioner(vault, pool).provisionCa("inst-1", "op-" + caAlgorithm,
                caAlgorithm.label(), TestPki.CA_VALIDITY);
        pool.close();
        KeyPair nodeKey = TestPki.rsa(2048);

        Instant before = Instant.now();
        IssuedNodeCertificate issued = signer.sign("inst-1", "op-" + caAlgorithm, NODE, csr(nodeKey, "ignored",
                dns("db1.example.internal"), dns("db1"), ip("10.0.0.11"), ip("fd00::11")), null);
        SignedCertificate signed = issued.answer();

        X509Certificate leaf = Pem.certificate(signed.certificatePem());
        X509Certificate caCert = Pem.certificate(signed.caChainPem());
        assertThat(Certificates.info(caCert)).isEqualTo(ca);
        assertThat(leaf.getPublicKey()).isEqualTo(nodeKey.getPublic());
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=db1.example.internal");
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(caCert.getSubjectX500Principal());
        assertThat(leaf.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        boolean[] keyUsage = leaf.getKeyUsage();
        assertThat(keyUsage[0]).as("digitalSignature").isTrue();
        assertThat(keyUsage[2]).as("keyEncipherment").isTrue();
        assertThat(keyUsage[5]).as("keyCertSign").isFalse();
        assertThat(leaf.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
        assertThat(sans(leaf)).containsExactlyInAnyOrder(
                List.of(2, "db1.example.internal"), List.of(2, "db1"), List.of(7, "10.0.0.11"),
                List.of(7, "fd00:0:0:0:0:0:0:11"));
        assertThat(leaf.getNotAfter().toInstant())
                .isCloseTo(before.plus(Duration.ofDays(90)), within(1, ChronoUnit.MINUTES));
        assertThat(signed.notAfter()).isEqualTo(leaf.getNotAfter().toInstant());
        assertThat(signed.serial()).isEqualTo(leaf.getSerialNumber().toString(16));
        assertThat(signed.certificatePem() + signed.caChainPem()).doesNotContain("PRIVATE");
        assertThat(issued.certificate()).as("the facts recorded in the event").isEqualTo(Certificates.info(leaf));
        assertThat(issued.caSerial()).isEqualTo(ca.serial());

        var result = TestPki.validate(leaf, caCert);
        assertThat(result.getTrustAnchor().getTrustedCert()).isEqualTo(caCert);
    }

    @Test
    void leafHasTheOperationsValidityAndTheDeploymentsWhenTheOperationRecordedNone() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", Duration.ofDays(400));
        Instant before = Instant.now();

        X509Certificate chosen = Pem.certificate(signer.sign("inst-1", "op-1", NODE,
                csr(TestPki.ec(), "x", dns("db1")), Duration.ofDays(30)).answer().certificatePem());
        X509Certificate legacy = Pem.certificate(signer.sign("inst-1", "op-1", NODE,
                csr(TestPki.ec(), "x", dns("db1")), null).answer().certificatePem());

        assertThat(chosen.getNotAfter().toInstant())
                .isCloseTo(before.plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
        assertThat(legacy.getNotAfter().toInstant()).as("the deployment's 90 days")
                .isCloseTo(before.plus(Duration.ofDays(90)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void leafNeverOutlivesItsCa() {
        CertificateInfo ca = provisioner.provisionCa("inst-1", "op-1", "EC-P256", Duration.ofDays(30));

        X509Certificate leaf = Pem.certificate(signer.sign("inst-1", "op-1", NODE,
                csr(TestPki.ec(), "x", dns("db1")), Duration.ofDays(397)).answer().certificatePem());

        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(ca.notAfter());
    }

    @Test
    void ecP384CaSignsWithSha384() {
        KeyPairPool pool = TestPki.pool(KeyAlgorithm.EC_P384, 0);
        TestPki.provisioner(vault, pool).provisionCa("inst-1", "op-384", "EC-P384", TestPki.CA_VALIDITY);
        pool.close();

        X509Certificate leaf = Pem.certificate(signer.sign("inst-1", "op-384", NODE,
                csr(TestPki.ec(), "x", dns("db1")), null).answer().certificatePem());

        assertThat(leaf.getSigAlgName()).isEqualTo("SHA384withECDSA");
    }

    @Test
    void leafDoesNotValidateAgainstAnotherOperationsCa() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        CertificateInfo other = provisioner.provisionCa("inst-1", "op-2", "EC-P256", TestPki.CA_VALIDITY);
        SignedCertificate signed = signer.sign("inst-1", "op-1", NODE,
                csr(TestPki.ec(), "x", dns("db1.example.internal")), null).answer();

        assertThatThrownBy(() -> TestPki.validate(Pem.certificate(signed.certificatePem()),
                Pem.certificate(other.pem()))).isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void ecP256NodeKeyIsAccepted() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        SignedCertificate signed = signer.sign("inst-1", "op-1", NODE, csr(TestPki.ec(), "x", ip("10.0.0.11")),
                null).answer();
        assertThat(Certificates.keyDescription(Pem.certificate(signed.certificatePem()).getPublicKey()))
                .isEqualTo("EC-P256");
    }

    @Test
    void sanNotRegisteredForTheNodeIsRefused() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        assertRefused(csr(TestPki.ec(), "x", dns("db2.example.internal")), ErrorCode.CSR_SAN_MISMATCH);
        assertRefused(csr(TestPki.ec(), "x", ip("10.0.0.12")), ErrorCode.CSR_SAN_MISMATCH);
    }

    @Test
    void extraSanBesideRegisteredOnesIsRefused() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        assertRefused(csr(TestPki.ec(), "x", dns("db1.example.internal"), dns("evil.example.com")),
                ErrorCode.CSR_SAN_MISMATCH);
    }

    @Test
    void csrWithoutSansIsRefused() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        assertRefused(csr(TestPki.ec(), "db1.example.internal"), ErrorCode.CSR_SAN_MISMATCH);
    }

    @Test
    void sanOfAnotherTypeIsRefused() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        var email = new org.bouncycastle.asn1.x509.GeneralName(
                org.bouncycastle.asn1.x509.GeneralName.rfc822Name, "db1.example.internal");
        assertRefused(csr(TestPki.ec(), "x", dns("db1"), email), ErrorCode.CSR_SAN_MISMATCH);
    }

    @Test
    void weakRsaKeyIsRefused() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        assertRefused(csr(TestPki.rsa(1024), "x", dns("db1")), ErrorCode.CSR_WEAK_KEY);
    }

    @Test
    void csrWhoseSignatureDoesNotVerifyIsRefused() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        // Carries the node's public key but was signed by someone else: no proof of possession.
        assertRefused(csr(TestPki.rsa(2048), TestPki.rsa(2048), "x", dns("db1")), ErrorCode.CSR_INVALID);
    }

    @Test
    void csrWithAFlippedSignatureBitIsRefused() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        String good = csr(TestPki.ec(), "x", dns("db1"));
        String body = good.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        der[der.length - 3] ^= 0x01; // inside the signature BIT STRING at the end
        String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
        assertRefused(tampered, ErrorCode.CSR_INVALID);
    }

    @Test
    void garbageIsRefusedAsInvalid() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        assertRefused("hello", ErrorCode.CSR_INVALID);
        assertRefused("", ErrorCode.CSR_INVALID);
        assertRefused("-----BEGIN CERTIFICATE REQUEST-----\n!!!notbase64\n-----END CERTIFICATE REQUEST-----\n",
                ErrorCode.CSR_INVALID);
        assertRefused("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
                ErrorCode.CSR_INVALID);
        // A certificate is PEM, but not a request.
        assertRefused(provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY).pem(),
                ErrorCode.CSR_INVALID);
    }

    @Test
    void missingCaKeyFailsWithCaKeyUnavailableAndIssuesNoReplacement() {
        assertThatThrownBy(() -> signer.sign("inst-1", "op-never-provisioned", NODE,
                csr(TestPki.ec(), "x", dns("db1")), null))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CA_KEY_UNAVAILABLE));
        assertThat(mongo.collection("ca_keys").countDocuments()).as("no CA made on the side").isZero();
    }

    @Test
    void caCertificateThatDoesNotMatchTheStoredKeyFailsWithCaKeyUnavailable() {
        provisioner.provisionCa("inst-1", "op-1", "EC-P256", TestPki.CA_VALIDITY);
        CertificateInfo other = provisioner.provisionCa("inst-1", "op-2", "EC-P256", TestPki.CA_VALIDITY);
        mongo.collection("ca_keys").updateOne(com.mongodb.client.model.Filters.eq("_id", "inst-1|op-1"),
                com.mongodb.client.model.Updates.set("certificatePem", other.pem()));

        assertRefused(csr(TestPki.ec(), "x", dns("db1")), ErrorCode.CA_KEY_UNAVAILABLE);
    }

    private void assertRefused(String csrPem, ErrorCode code) {
        assertThatThrownBy(() -> signer.sign("inst-1", "op-1", NODE, csrPem, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static List<List<?>> sans(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names == null ? List.of() : new ArrayList<>(names);
    }
}
