package dev.sslplane.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    /** Saturday 02:00 UTC for 4 hours; 2026-12-05 is a Saturday. */
    private static final MaintenanceWindow SATURDAY_NIGHT =
            new MaintenanceWindow(DayOfWeek.SATURDAY, LocalTime.of(2, 0), Duration.ofHours(4));
    /** Sunday 22:00 UTC for 6 hours: wraps over the week's end into Monday. */
    private static final MaintenanceWindow SUNDAY_LATE =
            new MaintenanceWindow(DayOfWeek.SUNDAY, LocalTime.of(22, 0), Duration.ofHours(6));

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void beforeTheWindowTheCurrentOneIsThisWeeks() {
        var occurrence = SATURDAY_NIGHT.current(at("2026-12-02T12:00:00Z"));

        assertThat(occurrence.opens()).isEqualTo(at("2026-12-05T02:00:00Z"));
        assertThat(occurrence.closes()).isEqualTo(at("2026-12-05T06:00:00Z"));
    }

    @Test
    void insideTheWindowTheCurrentOneIsTheOpenOneSoTheOperationIsDueAtOnce() {
        var occurrence = SATURDAY_NIGHT.current(at("2026-12-05T03:30:00Z"));

        assertThat(occurrence.opens()).isEqualTo(at("2026-12-05T02:00:00Z"));
        assertThat(occurrence.contains(at("2026-12-05T03:30:00Z"))).isTrue();
    }

    @Test
    void atTheClosingInstantTheWindowIsClosedAndTheNextIsAWeekLater() {
        assertThat(SATURDAY_NIGHT.isOpen(at("2026-12-05T06:00:00Z"))).isFalse();
        assertThat(SATURDAY_NIGHT.isOpen(at("2026-12-05T05:59:59Z"))).isTrue();
        assertThat(SATURDAY_NIGHT.isOpen(at("2026-12-05T02:00:00Z"))).isTrue();
        assertThat(SATURDAY_NIGHT.isOpen(at("2026-12-05T01:59:59Z"))).isFalse();
        assertThat(SATURDAY_NIGHT.current(at("2026-12-05T06:00:00Z")).opens()).isEqualTo(at("2026-12-12T02:00:00Z"));
    }

    @Test
    void onTheDayButAfterTheWindowTheNextIsAWeekLater() {
        assertThat(SATURDAY_NIGHT.current(at("2026-12-05T20:00:00Z")).opens())
                .isEqualTo(at("2026-12-12T02:00:00Z"));
    }

    @Test
    void nextAfterSkipsTheWindowOpenNow() {
        assertThat(SATURDAY_NIGHT.nextAfter(at("2026-12-05T03:00:00Z")).opens())
                .isEqualTo(at("2026-12-12T02:00:00Z"));
        assertThat(SATURDAY_NIGHT.nextAfter(at("2026-12-05T01:00:00Z")).opens())
                .isEqualTo(at("2026-12-05T02:00:00Z"));
    }

    @Test
    void aWindowWrapsOverTheWeeksEnd() {
        // 2026-12-07 is a Monday: 01:00 is inside Sunday's 22:00 + 6 h window
        Instant mondayNight = at("2026-12-07T01:00:00Z");

        assertThat(SUNDAY_LATE.isOpen(mondayNight)).isTrue();
        assertThat(SUNDAY_LATE.current(mondayNight).opens()).isEqualTo(at("2026-12-06T22:00:00Z"));
        assertThat(SUNDAY_LATE.current(mondayNight).closes()).isEqualTo(at("2026-12-07T04:00:00Z"));
        assertThat(SUNDAY_LATE.isOpen(at("2026-12-07T04:00:00Z"))).isFalse();
        assertThat(SUNDAY_LATE.current(at("2026-12-07T04:00:00Z")).opens()).isEqualTo(at("2026-12-13T22:00:00Z"));
    }

    @Test
    void aDayLongWindowEndsWhereTheNextDayStarts() {
        var allSaturday = new MaintenanceWindow(DayOfWeek.SATURDAY, LocalTime.MIDNIGHT, Duration.ofHours(24));

        assertThat(allSaturday.isOpen(at("2026-12-05T23:59:00Z"))).isTrue();
        assertThat(allSaturday.isOpen(at("2026-12-06T00:00:00Z"))).isFalse();
    }

    @Test
    void utcOnlySoADaylightSavingChangeMovesNothing() {
        // Europe changed to summer time on 2026-03-29 (a Sunday); in UTC the window opens at 02:00 both weeks
        var sunday = new MaintenanceWindow(DayOfWeek.SUNDAY, LocalTime.of(2, 0), Duration.ofHours(1));

        assertThat(sunday.current(at("2026-03-28T12:00:00Z")).opens()).isEqualTo(at("2026-03-29T02:00:00Z"));
        assertThat(sunday.current(at("2026-04-01T12:00:00Z")).opens()).isEqualTo(at("2026-04-05T02:00:00Z"));
    }

    @Test
    void durationIsBoundedAndInWholeMinutes() {
        assertThatThrownBy(() -> new MaintenanceWindow(DayOfWeek.MONDAY, LocalTime.NOON, Duration.ofMinutes(29)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaintenanceWindow(DayOfWeek.MONDAY, LocalTime.NOON, Duration.ofHours(25)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaintenanceWindow(DayOfWeek.MONDAY, LocalTime.NOON,
                Duration.ofMinutes(30).plusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaintenanceWindow(DayOfWeek.MONDAY, LocalTime.of(2, 0, 30),
                Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MaintenanceWindow(DayOfWeek.MONDAY, LocalTime.NOON, Duration.ofMinutes(30)).duration())
                .isEqualTo(Duration.ofMinutes(30));
    }
}
