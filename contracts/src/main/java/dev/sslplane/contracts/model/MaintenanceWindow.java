package dev.sslplane.contracts.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * A weekly time range, in UTC, in which scheduled operations may start: it opens every {@code dayOfWeek} at
 * {@code start} and stays open for {@code duration}, possibly into the next day (and over the week's end, Sunday →
 * Monday). UTC only, so daylight saving never moves or doubles a window.
 *
 * @param dayOfWeek the day the window opens (UTC)
 * @param start     the time it opens (UTC), whole minutes
 * @param duration  how long it stays open, {@link #MIN_DURATION} .. {@link #MAX_DURATION}, whole minutes
 */
public record MaintenanceWindow(DayOfWeek dayOfWeek, LocalTime start, Duration duration) {

    /** Shorter windows would not fit a rolling restart's first step; longer ones would overlap the next week's. */
    public static final Duration MIN_DURATION = Duration.ofMinutes(30);
    public static final Duration MAX_DURATION = Duration.ofHours(24);

    private static final Duration WEEK = Duration.ofDays(7);

    public MaintenanceWindow {
        Objects.requireNonNull(dayOfWeek, "dayOfWeek");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        if (start.getSecond() != 0 || start.getNano() != 0) {
            throw new IllegalArgumentException("start must be whole minutes (HH:mm)");
        }
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0
                || duration.toSecondsPart() != 0 || duration.getNano() != 0) {
            throw new IllegalArgumentException("duration must be whole minutes between " + MIN_DURATION + " and "
                    + MAX_DURATION);
        }
    }

    /** One opening of the window: from {@code opens} (inclusive) to {@code closes} (exclusive). */
    public record Occurrence(Instant opens, Instant closes) {

        public boolean contains(Instant time) {
            return !time.isBefore(opens) && time.isBefore(closes);
        }
    }

    /**
     * The window an operation scheduled at {@code now} runs in: the one open at {@code now} (its opening is then in
     * the past, so the operation is due at once), else the next one to open.
     */
    public Occurrence current(Instant now) {
        Occurrence latest = latestOpeningAtOrBefore(now);
        return latest.contains(now) ? latest : shift(latest, WEEK);
    }

    /** The first window that opens strictly after {@code time}. */
    public Occurrence nextAfter(Instant time) {
        return shift(latestOpeningAtOrBefore(time), WEEK);
    }

    /** Whether the window is open at {@code time}. */
    public boolean isOpen(Instant time) {
        return latestOpeningAtOrBefore(time).contains(time);
    }

    private Occurrence latestOpeningAtOrBefore(Instant time) {
        ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
        ZonedDateTime opening = utc.with(TemporalAdjusters.previousOrSame(dayOfWeek)).with(start)
                .truncatedTo(ChronoUnit.MINUTES);
        if (opening.isAfter(utc)) {
            opening = opening.minusWeeks(1);
        }
        Instant opens = opening.toInstant();
        return new Occurrence(opens, opens.plus(duration));
    }

    private static Occurrence shift(Occurrence occurrence, Duration by) {
        return new Occurrence(occurrence.opens().plus(by), occurrence.closes().plus(by));
    }

    /** {@code SATURDAY 02:00 UTC for PT4H}: for messages and logs. */
    public String describe() {
        return dayOfWeek + " " + start + " UTC for " + duration;
    }
}
