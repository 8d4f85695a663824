package dev.sslplane.commandservice.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sslplane.commandservice.command.DomainException;
import dev.sslplane.contracts.error.ErrorCode;
import dev.sslplane.contracts.messaging.MaintenanceWindowRequest;
import dev.sslplane.contracts.model.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaintenanceWindowRequestsTest {

    @Test
    void readsAValidWindow() {
        assertThat(MaintenanceWindowRequests.read(new MaintenanceWindowRequest("SUNDAY", "23:30", "PT24H")))
                .isEqualTo(new MaintenanceWindow(DayOfWeek.SUNDAY, LocalTime.of(23, 30), Duration.ofHours(24)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "23:60", "2:00", "02:00:00", "-01:00", "", "02h00"})
    void refusesTimesThatAreNotStrictlyHhMm(String start) {
        assertThatThrownBy(() -> MaintenanceWindowRequests.read(new MaintenanceWindowRequest("MONDAY", start, "PT1H")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void listsEveryViolation() {
        assertThat(MaintenanceWindowRequests.violations(new MaintenanceWindowRequest("someday", null, "PT29M")))
                .hasSize(3);
        assertThat(MaintenanceWindowRequests.violations(null)).hasSize(1);
    }
}
