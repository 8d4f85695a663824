package dev.sslplane.commandservice.pki;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CA key pairs generated ahead on one background thread, so RSA key generation (~100 ms here) is not paid while a
 * command waits. Taking a key triggers an asynchronous refill; when the pool is empty the caller generates inline
 * and the {@code sslplane.pki.keypool.inline} counter says so (a pool that is too small for the load shows there).
 *
 * <p>The refill thread draws its randomness from a DRBG of its own, never from the {@link SecureRandom} it is
 * given: every default {@code SecureRandom} of the JVM ({@code NativePRNG}) shares one lock, which RSA key
 * generation takes for every prime candidate it tests (Miller-Rabin bases). Held by a thread running at idle CPU
 * priority, that lock made commands wait for the refill (certificate serials, signatures and vault nonces all need
 * it) until the scheduler found an idle core for the refill: tens of milliseconds on a busy machine, a priority
 * inversion.
 */
public final class KeyPairPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyPairPool.class);

    private final KeyAlgorithm algorithm;
    private final BlockingQueue<KeyPair> ready;
    private final int capacity;
    private final SecureRandom random;
    private final SecureRandom refillRandom = privateRandom();
    private final Counter inlineGenerations;
    private final ScheduledExecutorService refiller;
    private final long refillDelayMillis;
    private final AtomicBoolean refilling = new AtomicBoolean();
    private volatile boolean closed;

    public KeyPairPool(KeyAlgorithm algorithm, int capacity, SecureRandom random, MeterRegistry registry) {
        this(algorithm, capacity, Duration.ZERO, random, registry);
    }

    /**
     * @param random      for keys generated inline, on the caller's thread (the refill thread has its own)
     * @param refillDelay how long after a take the refill starts: on 2 cores, an RSA key generated while the
     *                    command that took the key still signs its certificate and writes the vault slows that
     *                    command down; a short delay lets it finish first
     */
    public KeyPairPool(KeyAlgorithm algorithm, int capacity, Duration refillDelay, SecureRandom random,
                       MeterRegistry registry) {
        this.algorithm = algorithm;
        this.refillDelayMillis = refillDelay.toMillis();
        this.capacity = capacity;
        this.ready = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.random = random;
        this.inlineGenerations = Counter.builder("sslplane.pki.keypool.inline")
                .description("CA key pairs generated on the caller's thread because the pool was empty")
                .tag("algorithm", algorithm.label())
                .register(registry);
        Gauge.builder("sslplane.pki.keypool.available", ready, BlockingQueue::size)
                .description("CA key pairs ready in the pool")
                .tag("algorithm", algorithm.label())
                .register(registry);
        this.refiller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            // Key generation is background work: command threads must win the (2) cores whenever they want them.
            Thread thread = new Thread(() -> {
                IdleCpuPriority.lowerCurrentThread();
                runnable.run();
            }, "pki-keypool-" + algorithm.label());
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        requestRefill(0);
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** A fresh key pair, never handed out twice: from the pool if one is ready, otherwise generated now. */
    public KeyPair take() {
        KeyPair pair = ready.poll();
        requestRefill(refillDelayMillis);
        if (pair != null) {
            return pair;
        }
        inlineGenerations.increment();
        return algorithm.generate(random);
    }

    /** Key pairs ready now. */
    public int available() {
        return ready.size();
    }

    public int capacity() {
        return capacity;
    }

    /** How many times a caller had to generate a key itself. */
    public double inlineGenerations() {
        return inlineGenerations.count();
    }

    private void requestRefill(long delayMillis) {
        if (capacity == 0 || closed || ready.size() >= capacity || !refilling.compareAndSet(false, true)) {
            return;
        }
        try {
            refiller.schedule(this::refill, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            refilling.set(false); // closing
        }
    }

    private void refill() {
        boolean failed = false;
        try {
            while (!closed && ready.size() < capacity) {
                if (!ready.offer(algorithm.generate(refillRandom))) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            failed = true;
            log.error("Refilling the {} key pool failed; callers generate inline until the next attempt",
                    algorithm.label(), e);
        } finally {
            refilling.set(false);
        }
        // A take() between the loop's last check and the flag reset would otherwise leave the pool short.
        if (!failed && !closed && ready.size() < capacity) {
            requestRefill(0);
        }
    }

    /** A DRBG instance: its lock is its own, shared with no other random of the JVM. */
    private static SecureRandom privateRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no DRBG SecureRandom in this JVM", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        refiller.shutdownNow();
        try {
            refiller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ready.clear();
    }
}
