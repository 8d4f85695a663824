package dev.sslplane.query.replay;

import dev.sslplane.query.readmodel.CollectionDigests.Digest;
import java.time.Instant;
import java.util.Map;

/**
 * Progress and outcome of a rebuild.
 *
 * @param state             IDLE, REBUILDING, CATCHING_UP, SWITCHED or FAILED
 * @param targetGeneration  the generation being built
 * @param eventsRead        records read from the topic so far
 * @param eventsTotal       records on the topic when the rebuild started (grows during catch-up)
 * @param eventsPerSecond   rebuild throughput: records read and projected per second (digests not counted)
 * @param liveDigests       digests of the live generation taken while the live consumer was paused
 * @param rebuiltDigests    digests of the rebuilt generation at the same moment
 * @param digestsMatch      whether every collection's digest matched (false if the live projection lagged)
 */
public record ReplayStatus(
        String state,
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

    public static ReplayStatus idle(int activeGeneration) {
        return new ReplayStatus("IDLE", null, activeGeneration, 0, 0, 0, null, null, null, null, null, null);
    }

    public boolean running() {
        return "REBUILDING".equals(state) || "CATCHING_UP".equals(state);
    }
}
