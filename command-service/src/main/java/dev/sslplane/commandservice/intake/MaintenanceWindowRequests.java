package dev.sslplane.commandservice.intake;

import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import dev.sslplane.contracts.model.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads a {@link MaintenanceWindowRequest} (REST and Kafka alike) into a {@link MaintenanceWindow}. */
public final class MaintenanceWindowRequests {

    /** Strict: the default (smart) resolver reads 24:00 as midnight, which the hostile-input suite caught. */
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    /** Long enough for every valid value; longer text is refused before it is parsed. */
    private static final int MAX_FIELD = 16;

    private MaintenanceWindowRequests() {
    }

    /** The window for a valid request; {@code VALIDATION_FAILED} listing every violation otherwise. */
    public static MaintenanceWindow read(MaintenanceWindowRequest request) {
        List<String> violations = violations(request);
        if (!violations.isEmpty()) {
            throw InputRules.invalid(violations);
        }
        return new MaintenanceWindow(DayOfWeek.valueOf(request.dayOfWeek()), LocalTime.parse(request.start(), HH_MM),
                Duration.parse(request.duration()));
    }

    public static List<String> violations(MaintenanceWindowRequest request) {
        if (request == null) {
            return List.of("maintenance window is required: dayOfWeek, start (HH:mm, UTC), duration (PT30M..PT24H)");
        }
        var violations = new ArrayList<String>();
        if (!isDay(request.dayOfWeek())) {
            violations.add("dayOfWeek must be one of " + Arrays.toString(DayOfWeek.values()));
        }
        if (!isTime(request.start())) {
            violations.add("start must be a UTC time HH:mm, e.g. 02:00");
        }
        if (!isDuration(request.duration())) {
            violations.add("duration must be an ISO-8601 duration of whole minutes from " + MaintenanceWindow.MIN_DURATION
                    + " to " + MaintenanceWindow.MAX_DURATION + ", e.g. PT4H");
        }
        return violations;
    }

    private static boolean isDay(String text) {
        return text != null && Arrays.stream(DayOfWeek.values()).anyMatch(day -> day.name().equals(text));
    }

    private static boolean isTime(String text) {
        if (text == null || text.length() != 5) {
            return false;
        }
        try {
            LocalTime.parse(text, HH_MM);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDuration(String text) {
        if (text == null || text.length() > MAX_FIELD) {
            return false;
        }
        try {
            Duration duration = Duration.parse(text);
            return duration.compareTo(MaintenanceWindow.MIN_DURATION) >= 0
                    && duration.compareTo(MaintenanceWindow.MAX_DURATION) <= 0
                    && duration.toSecondsPart() == 0 && duration.getNano() == 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
