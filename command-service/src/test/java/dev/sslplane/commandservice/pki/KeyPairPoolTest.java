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
    void exposesHowManyKeysAreReadyOfHowMany() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // the long refill delay keeps the taken key from being replaced before the gauge is read
        try (KeyPairPool pool = new KeyPairPool(KeyAlgorithm.EC_P256, 2, Duration.ofMinutes(10), TestPki.RANDOM,
                registry)) {
            await().atMost(PATIENCE).until(() -> pool.available() == 2);
            assertThat(registry.get("sslplane.pki.keypool.available").tag("algorithm", "EC-P256").gauge().value())
                    .isEqualTo(2);
            pool.take();
            assertThat(registry.get("sslplane.pki.keypool.available").tag("algorithm", "EC-P256").gauge().value())
                    .isEqualTo(1);
            assertThat(registry.get("sslplane.pki.keypool.capacity").tag("algorithm", "EC-P256").gauge().value())
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
    void refillWaitsForAPauseInTheTakes() {
        try (KeyPairPool pool = new KeyPairPool(KeyAlgorithm.EC_P256, 8, Duration.ofMinutes(10), TestPki.RANDOM,
                new SimpleMeterRegistry())) {
            await().atMost(PATIENCE).until(() -> pool.available() == 8);
            for (int i = 0; i < 5; i++) {
                pool.take();
            }
            // 3 left, above a quarter of 8: no key is made until the takes pause for the refill delay
            await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> pool.available() == 3);
            assertThat(pool.inlineGenerations()).isZero();
        }
    }

    @Test
    void refillsUpToAboveAQuarterWhileTakesContinue() {
        try (KeyPairPool pool = new KeyPairPool(KeyAlgorithm.EC_P256, 8, Duration.ofMinutes(10), TestPki.RANDOM,
                new SimpleMeterRegistry())) {
            await().atMost(PATIENCE).until(() -> pool.available() == 8);
            for (int i = 0; i < 7; i++) {
                pool.take();
            }
            // down to 1 of 8: a sustained burst must not run the pool dry, so it refills at once, to 3, and then
            // waits for the pause again
            await().atMost(PATIENCE).until(() -> pool.available() == 3);
            await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> pool.available() == 3);
        }
    }

    @Test
    void refillCompletesOnceTheTakesPause() {
        try (KeyPairPool pool = new KeyPairPool(KeyAlgorithm.EC_P256, 8, Duration.ofMillis(200), TestPki.RANDOM,
                new SimpleMeterRegistry())) {
            await().atMost(PATIENCE).until(() -> pool.available() == 8);
            for (int i = 0; i < 4; i++) {
                pool.take();
            }
            await().atMost(PATIENCE).until(() -> pool.available() == 8);
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
