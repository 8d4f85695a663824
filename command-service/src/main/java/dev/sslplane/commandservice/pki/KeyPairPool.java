package dev.sslplane.commandservice.pki;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CA key pairs generated ahead on one background thread, so RSA key generation (the slow part of an Enable) is
 * not paid while a command waits. Taking a key wakes the refill thread; when the pool is empty the caller generates
 * inline and the {@code sslplane.pki.keypool.inline} counter says so (a pool that is too small for the load shows
 * there).
 *
 * <p>The refill waits for a quiet moment: it starts once no key has been taken for the refill delay, and stops
 * between two keys when another is taken, unless the pool is down to a quarter of its capacity (a sustained burst
 * must not run it dry). Key generation at idle CPU priority still slows the commands it overlaps on a small
 * virtual machine (a busy core at {@code SCHED_IDLE} still competes for caches and memory bandwidth), so commands
 * that arrive in bursts smaller than the pool find a key ready and no key generation running.
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
    /** How long the refill thread sleeps when it has nothing to do (a take wakes it earlier). */
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long FAILURE_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final KeyAlgorithm algorithm;
    private final BlockingQueue<KeyPair> ready;
    private final int capacity;
    private final int lowWater;
    private final SecureRandom random;
    private final SecureRandom refillRandom = privateRandom();
    private final Counter inlineGenerations;
    private final long refillDelayNanos;
    private volatile long lastTakeNanos;
    private final Thread refiller;
    private volatile boolean closed;

    public KeyPairPool(KeyAlgorithm algorithm, int capacity, SecureRandom random, MeterRegistry registry) {
        this(algorithm, capacity, Duration.ZERO, random, registry);
    }

    /**
     * @param random      for keys generated inline, on the caller's thread (the refill thread has its own)
     * @param refillDelay how long no key must have been taken before the refill generates the next key (unless
     *                    the pool is down to a quarter): key generation slows the commands it overlaps
     */
    public KeyPairPool(KeyAlgorithm algorithm, int capacity, Duration refillDelay, SecureRandom random,
                       MeterRegistry registry) {
        this.algorithm = algorithm;
        this.capacity = capacity;
        this.lowWater = capacity / 4;
        this.ready = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.random = random;
        this.refillDelayNanos = refillDelay.toNanos();
        this.lastTakeNanos = System.nanoTime() - refillDelayNanos;
        this.inlineGenerations = Counter.builder("sslplane.pki.keypool.inline")
                .description("CA key pairs generated on the caller's thread because the pool was empty")
                .tag("algorithm", algorithm.label())
                .register(registry);
        Gauge.builder("sslplane.pki.keypool.available", ready, BlockingQueue::size)
                .description("CA key pairs ready in the pool")
                .tag("algorithm", algorithm.label())
                .register(registry);
        Gauge.builder("sslplane.pki.keypool.capacity", () -> capacity)
                .description("CA key pairs the pool keeps ready when commands pause")
                .tag("algorithm", algorithm.label())
                .register(registry);
        if (capacity > 0) {
            // Key generation is background work: command threads must win the (2) cores whenever they want them.
            refiller = new Thread(this::refillLoop, "pki-keypool-" + algorithm.label());
            refiller.setDaemon(true);
            refiller.setPriority(Thread.MIN_PRIORITY);
            refiller.start();
        } else {
            refiller = null;
        }
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** A fresh key pair, never handed out twice: from the pool if one is ready, otherwise generated now. */
    public KeyPair take() {
        KeyPair pair = ready.poll();
        lastTakeNanos = System.nanoTime();
        if (refiller != null) {
            LockSupport.unpark(refiller);
        }
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

    private void refillLoop() {
        IdleCpuPriority.lowerCurrentThread();
        while (!closed) {
            long waitNanos = nanosUntilNextKey();
            if (waitNanos > 0) {
                LockSupport.parkNanos(this, waitNanos); // a take() or close() wakes it earlier
                continue;
            }
            try {
                ready.offer(algorithm.generate(refillRandom));
            } catch (RuntimeException e) {
                log.error("Refilling the {} key pool failed; callers generate inline until the next attempt",
                        algorithm.label(), e);
                LockSupport.parkNanos(this, FAILURE_BACKOFF_NANOS);
            }
        }
    }

    /** 0 when the next key is to be made now, else how long to wait for the commands to pause. */
    private long nanosUntilNextKey() {
        int available = ready.size();
        if (available >= capacity) {
            return IDLE_NANOS;
        }
        if (available <= lowWater) {
            return 0; // a sustained burst: refill now rather than let callers generate inline
        }
        return Math.max(0, refillDelayNanos - (System.nanoTime() - lastTakeNanos));
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
        if (refiller != null) {
            LockSupport.unpark(refiller);
            try {
                refiller.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ready.clear();
    }
}
