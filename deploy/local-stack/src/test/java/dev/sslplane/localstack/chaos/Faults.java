package dev.sslplane.localstack.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The faults of a chaos run, in an order and at pauses drawn from the run's seed: kill -9 of each of the stack's
 * own processes (the supervisor restarts it), a broker restart, a MongoDB-wire server restart, and a stall of the
 * command services' connections to MongoDB. The next fault does not wait for the last one's recovery, so faults
 * overlap as they do in real outages; at the end every child must serve again.
 */
final class Faults implements Runnable {

    static final List<String> KILLED = List.of("command-service", "command-service-2", "restart-worker",
            "restart-worker-2", "query-service", "kafka", "mongo");
    static final String STALL = "stall command-service <-> MongoDB";
    private static final Duration STALL_LENGTH = Duration.ofSeconds(15);
    private static final Duration RECOVERY = Duration.ofMinutes(3);

    private final SupervisedChildren children;
    private final StallingProxy commandMongo;
    private final Random random;
    private final List<String> plan;
    private final BooleanSupplier workLeft;
    private final List<Injected> injected = new CopyOnWriteArrayList<>();
    private final Map<String, SupervisedChildren.Child> killed = new ConcurrentHashMap<>();

    Faults(SupervisedChildren children, StallingProxy commandMongo, long seed, int rounds, BooleanSupplier workLeft) {
        this.children = children;
        this.commandMongo = commandMongo;
        this.random = new Random(seed);
        this.workLeft = workLeft;
        this.plan = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<String> faults = new ArrayList<>(KILLED);
            faults.add(STALL);
            Collections.shuffle(faults, random);
            plan.addAll(faults);
        }
    }

    List<String> plan() {
        return List.copyOf(plan);
    }

    /** One fault as injected: a child of {@link #KILLED}, or {@link #STALL}. */
    record Injected(Instant at, String fault) {

        @Override
        public String toString() {
            return at + " " + (fault.equals(STALL) ? fault : "kill -9 " + fault);
        }
    }

    /** The faults injected so far, in order. */
    List<Injected> injected() {
        return List.copyOf(injected);
    }

    /** How many times a restart-worker was killed: each may leave the node it was restarting to be redone. */
    long workerKills() {
        return injected.stream().filter(f -> f.fault().startsWith("restart-worker")).count();
    }

    @Override
    public void run() {
        for (String fault : plan) {
            if (!workLeft.getAsBoolean()) {
                return;
            }
            pauseBeforeNextFault();
            injected.add(new Injected(Instant.now(), fault));
            if (fault.equals(STALL)) {
                stall();
            } else {
                killed.put(fault, children.kill(fault));
            }
        }
    }

    /** Waits until the supervisor has every killed child running again, under a new pid. */
    void awaitRecovery() {
        killed.forEach((name, before) -> await("supervisor restarts " + name).atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    var now = children.child(name);
                    return now.running() && now.pid() != before.pid() && now.restarts() > before.restarts();
                }));
    }

    private void stall() {
        commandMongo.stall();
        try {
            pause(STALL_LENGTH); // the fault itself: the connections hang this long
        } finally {
            commandMongo.resume();
        }
    }

    /** A random point for the next fault: 2–6 s after the last one. */
    private void pauseBeforeNextFault() {
        pause(Duration.ofMillis(2_000 + random.nextInt(4_000)));
    }

    private static void pause(Duration length) {
        try {
            Thread.sleep(length.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
