package dev.sslplane.localstack.chaos;

import java.time.Duration;

/**
 * One chaos run's knobs, from system properties so the soak runs the same code longer
 * ({@code -Dsslplane.chaos.seed=… -Dsslplane.chaos.instances=… -Dsslplane.chaos.rounds=…}).
 *
 * @param seed      decides every random choice: channels, replicas, the order of the faults and the pauses
 * @param instances instances that go through Enable → Rotate → Disable concurrently
 * @param rounds    how many times every fault is injected
 * @param deadline  bound of the whole run
 */
record ChaosSettings(long seed, int instances, int rounds, Duration deadline) {

    static ChaosSettings fromSystemProperties() {
        long seed = Long.getLong("sslplane.chaos.seed", System.nanoTime());
        int instances = Integer.getInteger("sslplane.chaos.instances", 12);
        int rounds = Integer.getInteger("sslplane.chaos.rounds", 1);
        Duration deadline = Duration.parse(System.getProperty("sslplane.chaos.deadline", "PT12M"));
        return new ChaosSettings(seed, instances, rounds, deadline);
    }

    @Override
    public String toString() {
        return "-Dsslplane.chaos.seed=" + seed + " -Dsslplane.chaos.instances=" + instances
                + " -Dsslplane.chaos.rounds=" + rounds + " -Dsslplane.chaos.deadline=" + deadline;
    }
}
