package dev.sslplane.commandservice.pki;

import dev.sslplane.commandservice.vault.EmbeddedMongo;
import dev.sslplane.commandservice.vault.KeyVault;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Latency of {@link VaultCaProvisioner#provisionCa} — the PKI part of an Enable/Rotate command: take a key pair,
 * build and sign the CA certificate, store the encrypted key in the vault (mongo-java-server, in memory, over the
 * real driver) — for RSA-2048 and EC-P256, with the key pool warm and cold (size 0: every key generated inline).
 * "Warm" waits until the pool is full before each call, i.e. commands arrive slower than the pool refills; the
 * refill of the key just taken runs in the background: "warm0" starts it at once (competing with the call for
 * the CPU), "warm" 50 ms later (the service's {@code sslplane.pki.key-pool-refill-delay} before it became a 2 s pause
 * in the takes).
 *
 * <pre>
 * ./mvnw -q -B -o -f command-service/pom.xml test-compile exec:java \
 *     -Dexec.mainClass=dev.sslplane.commandservice.pki.CaProvisioningBenchmark -Dexec.classpathScope=test
 * </pre>
 * Optional arguments: iterations for RSA, iterations for EC (defaults 60 and 400).
 */
public final class CaProvisioningBenchmark {

    private static final int WARMUP = 15;

    public static void main(String[] args) throws Exception {
        int rsaIterations = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int ecIterations = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        System.out.printf("CA provisioning latency (ms) on %d cores, JDK %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("%-9s %-5s %5s %8s %8s %8s %8s %8s%n",
                "algorithm", "pool", "n", "median", "p90", "p99", "max", "mean");
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            KeyVault vault = TestPki.vault(mongo);
            for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
                int n = algorithm.label().startsWith("RSA") ? rsaIterations : ecIterations;
                report(algorithm, "cold", run(vault, algorithm, 0, Duration.ZERO, n));
                report(algorithm, "warm0", run(vault, algorithm, 4, Duration.ZERO, n));
                report(algorithm, "warm", run(vault, algorithm, 4, Duration.ofMillis(50), n));
            }
            System.out.println();
            System.out.println("Components (ms, median of " + ecIterations + "):");
            for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
                components(vault, algorithm, algorithm.label().startsWith("RSA") ? rsaIterations : ecIterations);
            }
        }
    }

    private static double[] run(KeyVault vault, KeyAlgorithm algorithm, int poolSize, Duration refillDelay,
                                int iterations) throws InterruptedException {
        try (KeyPairPool pool = new KeyPairPool(algorithm, poolSize, refillDelay, TestPki.RANDOM,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
            VaultCaProvisioner provisioner = TestPki.provisioner(vault, pool);
            double[] millis = new double[iterations];
            for (int i = -WARMUP; i < iterations; i++) {
                awaitFull(pool);
                String operationId = "op-" + UUID.randomUUID();
                long start = System.nanoTime();
                provisioner.provisionCa("bench-" + algorithm, operationId, algorithm.label(), TestPki.CA_VALIDITY);
                long elapsed = System.nanoTime() - start;
                if (i >= 0) {
                    millis[i] = elapsed / 1e6;
                }
            }
            if (poolSize > 0 && pool.inlineGenerations() > 0) {
                System.out.printf("  (warm pool still generated %.0f keys inline)%n", pool.inlineGenerations());
            }
            return millis;
        }
    }

    private static void awaitFull(KeyPairPool pool) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (pool.available() < pool.capacity() && System.nanoTime() < deadline) {
            Thread.sleep(5); // a benchmark pacing its callers, not a test waiting for a condition
        }
    }

    private static void components(KeyVault vault, KeyAlgorithm algorithm, int iterations) {
        CertificateIssuer issuer = TestPki.issuer();
        List<Double> keygen = new ArrayList<>();
        List<Double> certificate = new ArrayList<>();
        List<Double> store = new ArrayList<>();
        for (int i = -WARMUP; i < iterations; i++) {
            long t0 = System.nanoTime();
            KeyPair pair = algorithm.generate(TestPki.RANDOM);
            long t1 = System.nanoTime();
            IssuedCa ca = issuer.issueCa("bench", "c-" + i, pair, Duration.ofDays(3650));
            String pem = Pem.encode(ca.certificate());
            long t2 = System.nanoTime();
            vault.store("bench-components-" + algorithm, "op-" + UUID.randomUUID(), pem, algorithm.label(),
                    ca.privateKey().getEncoded());
            long t3 = System.nanoTime();
            if (i >= 0) {
                keygen.add((t1 - t0) / 1e6);
                certificate.add((t2 - t1) / 1e6);
                store.add((t3 - t2) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "%-9s keygen %7.2f   certificate %6.2f   vault store %6.2f%n",
                algorithm.label(), median(keygen), median(certificate), median(store));
    }

    private static double median(List<Double> values) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    private static void report(KeyAlgorithm algorithm, String pool, double[] millis) {
        double mean = Arrays.stream(millis).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-9s %-5s %5d %8.2f %8.2f %8.2f %8.2f %8.2f%n", algorithm.label(), pool,
                millis.length, percentile(millis, 50), percentile(millis, 90), percentile(millis, 99),
                Arrays.stream(millis).max().orElse(0), mean);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
