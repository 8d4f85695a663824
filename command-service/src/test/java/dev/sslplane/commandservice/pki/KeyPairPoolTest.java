package dev.sslplane.commandservice.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyPairPoolTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60); // RSA keygen on a busy 2-core machine

    @Test
    void fillsItselfInTheBackgroundAndRefillsAfterTakes() {
        try (KeyPairPool pool = TestPki.pool(KeyAlgorithm.RSA_2048, 3)) {
            await().atMost(PATIENCE).until(() -> pool.available() == 3);

            Set<Object> publicKeys = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                KeyPair pair = pool.take();
                assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(2048);
                publicKeys.add(pair.getPublic());
            }
            assertThat(publicKeys).as("never the same key twice").hasSize(3);
            assertThat(pool.inlineGenerations()).as("all three were ready").isZero();

            await().atMost(PATIENCE).until(() -> pool.available() == 3);
        }
    }

    @Test
    void emptyPoolGeneratesInlineAndCountsIt() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KeyPairPool pool = new KeyPairPool(KeyAlgorithm.EC_P256, 0, TestPki.RANDOM, registry)) {
            KeyPair first = pool.take();
            KeyPair second = pool.take();

            assertThat(first.getPublic()).isNotEqualTo(second.getPublic());
            assertThat(pool.inlineGenerations()).isEqualTo(2);
            assertThat(registry.get("sslplane.pki.keypool.inline").tag("algorithm", "EC-P256").counter().count())
                    .isEqualTo(2);
            assertThat(pool.available()).isZero();
        }
    }

    @Test
    void exposesHowManyKeysAreReady() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KeyPairPool pool = new KeyPairPool(KeyAlgorithm.EC_P256, 2, TestPki.RANDOM, registry)) {
            await().atMost(PATIENCE).until(() -> pool.available() == 2);
            assertThat(registry.get("sslplane.pki.keypool.available").tag("algorithm", "EC-P256").gauge().value())
                    .isEqualTo(2);
        }
    }

    @Test
    void refillWaitsForTheConfiguredDelayAfterATake() {
        try (KeyPairPool pool = new KeyPairPool(KeyAlgorithm.EC_P256, 2, Duration.ofMinutes(10), TestPki.RANDOM,
                new SimpleMeterRegistry())) {
            await().atMost(PATIENCE).until(() -> pool.available() == 2); // the first fill does not wait
            pool.take();
            assertThat(pool.available()).as("refill deferred, the taker keeps the CPU").isEqualTo(1);
        }
        try (KeyPairPool pool = new KeyPairPool(KeyAlgorithm.EC_P256, 2, Duration.ofMillis(50), TestPki.RANDOM,
                new SimpleMeterRegistry())) {
            await().atMost(PATIENCE).until(() -> pool.available() == 2);
            pool.take();
            await().atMost(PATIENCE).until(() -> pool.available() == 2);
        }
    }

    @Test
    void refillNeverWaitsOnTheCallersRandom() throws Exception {
        // A random whose lock is held elsewhere (as the JVM-wide NativePRNG lock can be): the callers' random.
        var blocked = new java.util.concurrent.CountDownLatch(1);
        var heldRandom = new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                try {
                    blocked.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.nextBytes(bytes);
            }
        };
        try (KeyPairPool pool = new KeyPairPool(KeyAlgorithm.EC_P256, 2, heldRandom, new SimpleMeterRegistry())) {
            await().atMost(PATIENCE).until(() -> pool.available() == 2);
        } finally {
            blocked.countDown();
        }
    }

    @Test
    void closedPoolStillHandsOutKeysInline() {
        KeyPairPool pool = TestPki.pool(KeyAlgorithm.EC_P256, 2);
        pool.close();
        assertThat(pool.take()).isNotNull();
        assertThat(pool.available()).isZero();
    }
}
