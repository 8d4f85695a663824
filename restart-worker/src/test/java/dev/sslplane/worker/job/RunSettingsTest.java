package dev.sslplane.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The step timeout is a base plus a rate for every collection beyond the ones the base covers. */
class RunSettingsTest {

    private static RunSettings settings(Duration base, Duration perThousand, int included) {
        return new RunSettings(base, perThousand, Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(10), included);
    }

    @Test
    void theBaseCoversTheIncludedCollections() {
        var settings = settings(Duration.ofMinutes(5), Duration.ofSeconds(2), 10_000);
        assertThat(settings.stepTimeout(0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.stepTimeout(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void everyCollectionBeyondAddsItsShareOfTheRate() {
        var settings = settings(Duration.ofMinutes(5), Duration.ofSeconds(2), 10_000);
        assertThat(settings.stepTimeout(10_001)).isEqualTo(Duration.ofMinutes(5).plusMillis(2));
        assertThat(settings.stepTimeout(10_500)).isEqualTo(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(settings.stepTimeout(25_000)).isEqualTo(Duration.ofMinutes(5).plusSeconds(30));
        assertThat(settings.stepTimeout(1_010_000)).isEqualTo(Duration.ofMinutes(5).plusSeconds(2_000));
    }

    @Test
    void baseRateAndIncludedCollectionsAreEachConfigurable() {
        assertThat(settings(Duration.ofSeconds(30), Duration.ofSeconds(2), 10_000).stepTimeout(12_000))
                .isEqualTo(Duration.ofSeconds(34));
        assertThat(settings(Duration.ofMinutes(5), Duration.ofSeconds(10), 10_000).stepTimeout(12_000))
                .isEqualTo(Duration.ofSeconds(320));
        assertThat(settings(Duration.ofMinutes(5), Duration.ofSeconds(2), 0).stepTimeout(12_000))
                .isEqualTo(Duration.ofSeconds(324));
        assertThat(settings(Duration.ofMinutes(5), Duration.ZERO, 0).stepTimeout(Integer.MAX_VALUE))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theLargestCountDoesNotOverflow() {
        assertThat(settings(Duration.ofMinutes(5), Duration.ofSeconds(2), 0).stepTimeout(Integer.MAX_VALUE))
                .isEqualTo(Duration.ofMinutes(5).plusMillis(2_000L * Integer.MAX_VALUE / 1000));
    }

    @Test
    void includedCollectionsCannotBeNegative() {
        assertThatThrownBy(() -> settings(Duration.ofMinutes(5), Duration.ofSeconds(2), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
