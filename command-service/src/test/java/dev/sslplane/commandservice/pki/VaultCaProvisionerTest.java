package dev.sslplane.commandservice.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sslplane.commandservice.vault.CaKeyMaterial;
import dev.sslplane.commandservice.vault.EmbeddedMongo;
import dev.sslplane.commandservice.vault.KeyVault;
import dev.sslplane.contracts.model.CertificateInfo;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VaultCaProvisionerTest {

    private static final String EC = KeyAlgorithm.EC_P256.label();

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final KeyVault vault = TestPki.vault(mongo);

    private final List<KeyPairPool> pools = new ArrayList<>();

    @AfterEach
    void stop() {
        pools.forEach(KeyPairPool::close);
        mongo.close();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void storesTheCaKeyInTheVaultBeforeReturning(KeyAlgorithm algorithm) throws Exception {
        CertificateInfo info = provisioner(algorithm).provisionCa("inst-1", "op-1", algorithm.label(),
                TestPki.CA_VALIDITY);

        assertThat(info.keyAlgorithm()).isEqualTo(algorithm.label());
        CaKeyMaterial stored = vault.load("inst-1", "op-1");
        X509Certificate certificate = Pem.certificate(stored.certificatePem());
        assertThat(Certificates.info(certificate)).isEqualTo(info);

        // The stored key is the private half of the returned certificate: it signs what the certificate verifies.
        PrivateKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(stored.privateKeyPkcs8()));
        Signature signer = Signature.getInstance(algorithm.signatureAlgorithm());
        signer.initSign(key);
        signer.update(new byte[] {42});
        Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(new byte[] {42});
        assertThat(verifier.verify(signer.sign())).isTrue();
    }

    @Test
    void caHasTheValidityTheOperationChose() {
        Instant before = Instant.now();
        CertificateInfo info = provisioner(KeyAlgorithm.EC_P256).provisionCa("inst-1", "op-1", EC,
                Duration.ofDays(400));

        assertThat(info.notAfter()).isCloseTo(before.plus(Duration.ofDays(400)), within(1, ChronoUnit.MINUTES));
        assertThat(Pem.certificate(vault.load("inst-1", "op-1").certificatePem()).getNotAfter().toInstant())
                .isEqualTo(info.notAfter());
    }

    @Test
    void anotherAlgorithmThanThePoolsIsGeneratedInlineAndTheVaultRecordsIt() {
        KeyPairPool pool = TestPki.pool(KeyAlgorithm.RSA_2048, 0); // empty: every key it hands out counts inline
        pools.add(pool);
        VaultCaProvisioner provisioner = TestPki.provisioner(vault, pool);

        CertificateInfo info = provisioner.provisionCa("inst-1", "op-1", "EC-P384", TestPki.CA_VALIDITY);

        assertThat(info.keyAlgorithm()).isEqualTo("EC-P384");
        assertThat(mongo.collection("ca_keys").find().first().getString("keyAlgorithm")).isEqualTo("EC-P384");
        assertThat(pool.inlineGenerations()).as("the pool (RSA-2048) was not asked").isZero();
        provisioner.provisionCa("inst-1", "op-2", "RSA-2048", TestPki.CA_VALIDITY);
        assertThat(pool.inlineGenerations()).as("the deployment's algorithm comes from the pool").isOne();
    }

    @Test
    void secondCallForTheSameOperationReturnsTheStoredCa() {
        VaultCaProvisioner provisioner = provisioner(KeyAlgorithm.EC_P256);
        CertificateInfo first = provisioner.provisionCa("inst-1", "op-1", EC, TestPki.CA_VALIDITY);
        CertificateInfo again = provisioner.provisionCa("inst-1", "op-1", EC, TestPki.CA_VALIDITY);

        assertThat(again).isEqualTo(first);
        assertThat(mongo.collection("ca_keys").countDocuments()).isEqualTo(1);
    }

    @Test
    void unreadableStoredCaFailsWithCaKeyUnavailableInsteadOfIssuingAnother() {
        VaultCaProvisioner provisioner = provisioner(KeyAlgorithm.EC_P256);
        provisioner.provisionCa("inst-1", "op-1", EC, TestPki.CA_VALIDITY);
        mongo.collection("ca_keys").updateOne(com.mongodb.client.model.Filters.eq("_id", "inst-1|op-1"),
                com.mongodb.client.model.Updates.set("certificatePem", "garbage"));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> provisioner.provisionCa("inst-1", "op-1", EC, TestPki.CA_VALIDITY))
                .isInstanceOfSatisfying(dev.sslplane.commandservice.command.DomainException.class, e -> assertThat(
                        e.code()).isEqualTo(dev.sslplane.contracts.error.ErrorCode.CA_KEY_UNAVAILABLE));
        assertThat(mongo.collection("ca_keys").countDocuments()).isEqualTo(1);
    }

    @Test
    void everyOperationGetsAFreshCa() {
        VaultCaProvisioner provisioner = provisioner(KeyAlgorithm.EC_P256);
        CertificateInfo enable = provisioner.provisionCa("inst-1", "op-enable", EC, TestPki.CA_VALIDITY);
        CertificateInfo rotate = provisioner.provisionCa("inst-1", "op-rotate", EC, TestPki.CA_VALIDITY);

        assertThat(rotate.serial()).isNotEqualTo(enable.serial());
        assertThat(rotate.sha256Fingerprint()).isNotEqualTo(enable.sha256Fingerprint());
        assertThat(Pem.certificate(rotate.pem()).getPublicKey())
                .isNotEqualTo(Pem.certificate(enable.pem()).getPublicKey());
    }

    @Test
    void concurrentProvisioningOfOneOperationAgreesOnOneCa() throws Exception {
        // Two replicas (or a retried handler) racing: both must answer with the CA whose key is in the vault.
        VaultCaProvisioner provisioner = provisioner(KeyAlgorithm.EC_P256);
        int callers = 6;
        ExecutorService executor = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<CertificateInfo>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return provisioner.provisionCa("inst-1", "op-race", EC, TestPki.CA_VALIDITY);
                }, executor));
            }
            start.countDown();
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            String stored = vault.certificatePem("inst-1", "op-race").orElseThrow();
            for (CompletableFuture<CertificateInfo> result : results) {
                assertThat(result.get().pem()).isEqualTo(stored);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void refusedInsertWithNoEntryToReadFailsWithCaKeyUnavailable() {
        // The vault refuses the insert (the operation has an entry) but the entry cannot be read back: the
        // operation fails rather than go on with a CA whose key is not the stored one.
        CertificateInfo winner = provisioner(KeyAlgorithm.EC_P256).provisionCa("inst-1", "op-1", EC,
                TestPki.CA_VALIDITY);
        KeyVault staleFirstRead = new KeyVault(mongo.collection("ca_keys"),
                dev.sslplane.commandservice.vault.MasterKeys.of(TestPki.randomMasterKey()), TestPki.RANDOM,
                java.time.Clock.systemUTC()) {
            private boolean first = true;

            @Override
            public java.util.Optional<String> certificatePem(String instanceId, String operationId) {
                if (first) {
                    first = false;
                    return java.util.Optional.empty();
                }
                return super.certificatePem(instanceId, operationId);
            }
        };
        KeyPairPool pool = TestPki.pool(KeyAlgorithm.EC_P256, 0);
        pools.add(pool);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TestPki.provisioner(staleFirstRead, pool).provisionCa("inst-1", "op-1", EC,
                                TestPki.CA_VALIDITY))
                .isInstanceOfSatisfying(dev.sslplane.commandservice.command.DomainException.class, e -> assertThat(
                        e.code()).isEqualTo(dev.sslplane.contracts.error.ErrorCode.CA_KEY_UNAVAILABLE));
        assertThat(vault.certificatePem("inst-1", "op-1")).contains(winner.pem());
        assertThat(mongo.collection("ca_keys").countDocuments()).isEqualTo(1);
    }

    private VaultCaProvisioner provisioner(KeyAlgorithm algorithm) {
        KeyPairPool pool = TestPki.pool(algorithm, 1);
        pools.add(pool);
        return TestPki.provisioner(vault, pool);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
