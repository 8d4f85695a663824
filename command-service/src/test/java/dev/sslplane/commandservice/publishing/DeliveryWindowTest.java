package dev.sslplane.commandservice.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryWindowTest {

    private static final Duration ONE = Duration.ofSeconds(1);
    private static final Duration EIGHT = Duration.ofSeconds(8);
    private static final Duration TEN = Duration.ofSeconds(10);

    @Test
    void theShippedTimeoutsAreAccepted() {
        assertThatCode(() -> DeliveryWindow.check(EIGHT, ONE, TEN, TEN)).doesNotThrowAnyException();
    }

    @Test
    void aProducerThatMayStillDeliverAfterTheSendCountedAsFailedIsRefused() {
        assertThatThrownBy(() -> DeliveryWindow.check(Duration.ofSeconds(30), ONE, TEN, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("30000 ms, KAFKA_DELIVERY_TIMEOUT_MS")
                .hasMessageContaining("SSLPLANE_KAFKA_SEND_TIMEOUT");
        assertThatThrownBy(() -> DeliveryWindow.check(TEN, ONE, TEN, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSendThatMayOutliveTheClaimIsRefused() {
        assertThatThrownBy(() -> DeliveryWindow.check(EIGHT, Duration.ofSeconds(2), Duration.ofSeconds(30), TEN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("max.block.ms (2000 ms)")
                .hasMessageContaining("SSLPLANE_EVENT_STORE_TOKEN_CLAIM_TIMEOUT");
    }

    @Test
    void unsetTimeoutsAreKafkasDefaults() {
        assertThat(DeliveryWindow.millis(Map.of(), "delivery.timeout.ms", DeliveryWindow.KAFKA_DELIVERY_DEFAULT))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(DeliveryWindow.millis(Map.of("delivery.timeout.ms", " 8000"), "delivery.timeout.ms",
                DeliveryWindow.KAFKA_DELIVERY_DEFAULT)).isEqualTo(EIGHT);
    }
}
