package dev.sslplane.fleet.replset;

import java.util.Comparator;

/**
 * A simulated optime: the term it was written in and a timestamp (seconds and an increment), as in
 * {@code {ts: Timestamp(seconds, inc), t: term}}. Only the primary makes new ones; secondaries copy them.
 */
public record Optime(long term, int seconds, int inc) implements Comparable<Optime> {

    public static final Optime ZERO = new Optime(-1, 0, 0);

    private static final Comparator<Optime> ORDER =
            Comparator.comparingLong(Optime::term).thenComparingInt(Optime::seconds).thenComparingInt(Optime::inc);

    @Override
    public int compareTo(Optime other) {
        return ORDER.compare(this, other);
    }

    /** Seconds this optime is behind {@code newer} (0 when it is not behind). */
    public long lagBehind(Optime newer) {
        return Math.max(0, (long) newer.seconds - seconds);
    }

    /** The next write of a primary in {@code currentTerm} at {@code nowSeconds}. */
    public Optime next(long currentTerm, int nowSeconds) {
        if (currentTerm == term && nowSeconds <= seconds) {
            return new Optime(currentTerm, seconds, inc + 1);
        }
        return new Optime(currentTerm, Math.max(nowSeconds, seconds), 1);
    }
}
