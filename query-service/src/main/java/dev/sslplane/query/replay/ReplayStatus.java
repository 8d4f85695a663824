package dev.sslplane.query.replay;

import dev.sslplane.query.readmodel.CollectionDigests.Digest;
import java.time.Instant;
import java.util.Map;

/**
 * Progress and outcome of a rebuild. Made by the factory of its state: {@link #idle}, {@link #starting},
 * {@link #progress} (rebuilding, catching up), {@link #switched} and {@link #failed}.
 *
 * @param state             the rebuild's state (serialized by name)
 * @param targetGeneration  the generation being built
 * @param eventsRead        records read from the topic so far
 * @param eventsTotal       records on the topic when the rebuild started (grows during catch-up)
 * @param eventsPerSecond   rebuild throughput: records read and projected per second (digests not counted)
 * @param liveDigests       digests of the live generation taken while the live consumer was paused
 * @param rebuiltDigests    digests of the rebuilt generation at the same moment
 * @param digestsMatch      whether every collection's digest matched (false if the live projection lagged)
 */
public record ReplayStatus(
        State state,
        Integer targetGeneration,
        Integer activeGeneration,
        long eventsRead,
        long eventsTotal,
        double eventsPerSecond,
        Instant startedAt,
        Instant finishedAt,
        String error,
        Map<String, Digest> liveDigests,
        Map<String, Digest> rebuiltDigests,
        Boolean digestsMatch) {

    /** Where a rebuild is; the JSON carries the name. */
    public enum State {
        /** No rebuild has run since the service started. */
        IDLE,
        /** Reading the topic up to the end offsets taken at the start. */
        REBUILDING,
        /** The live listener is paused; reading the records that arrived meanwhile. */
        CATCHING_UP,
        /** The rebuilt generation is active. */
        SWITCHED,
        /** The rebuild stopped; the live generation stays active. */
        FAILED;

        public boolean running() {
            return this == REBUILDING || this == CATCHING_UP;
        }
    }

    public static ReplayStatus idle(int activeGeneration) {
        return new ReplayStatus(State.IDLE, null, activeGeneration, 0, 0, 0, null, null, null, null, null, null);
    }

    /** A rebuild just started: nothing read yet. */
    public static ReplayStatus starting(int targetGeneration, int activeGeneration, Instant startedAt) {
        return progress(State.REBUILDING, targetGeneration, activeGeneration, 0, 0, 0, startedAt);
    }

    /** A running rebuild ({@link State#REBUILDING} or {@link State#CATCHING_UP}) after {@code eventsRead} records. */
    public static ReplayStatus progress(State state, int targetGeneration, int activeGeneration, long eventsRead,
                                        long eventsTotal, double eventsPerSecond, Instant startedAt) {
        return new ReplayStatus(state, targetGeneration, activeGeneration, eventsRead, eventsTotal, eventsPerSecond,
                startedAt, null, null, null, null, null);
    }

    /** The rebuilt generation is active; its digests are compared with the live generation's. */
    public static ReplayStatus switched(int generation, long eventsRead, double eventsPerSecond, Instant startedAt,
                                        Instant finishedAt, Map<String, Digest> liveDigests,
                                        Map<String, Digest> rebuiltDigests) {
        return new ReplayStatus(State.SWITCHED, generation, generation, eventsRead, eventsRead, eventsPerSecond,
                startedAt, finishedAt, null, liveDigests, rebuiltDigests, liveDigests.equals(rebuiltDigests));
    }

    /** This rebuild failed with {@code error}: its progress so far, and the generation that stays active. */
    public ReplayStatus failed(int activeGeneration, Instant startedAt, Instant finishedAt, String error) {
        return new ReplayStatus(State.FAILED, targetGeneration, activeGeneration, eventsRead, eventsTotal,
                eventsPerSecond, startedAt, finishedAt, error, null, null, null);
    }

    public boolean running() {
        return state.running();
    }
}
