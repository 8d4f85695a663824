package dev.sslplane.commandservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaProducerAllowListTest {

    private static KafkaSettings settings(List<String> allowed) {
        return new KafkaSettings(6, (short) 1, Duration.ofSeconds(10), true, 8, Duration.ofMillis(500), allowed);
    }

    @Test
    void anEmptyAllowListAcceptsAnyProducerAndAListOnlyItsMembers() {
        assertThat(settings(null).producerAllowed("anyone")).isTrue();
        assertThat(settings(List.of(" ", "")).producerAllowed("anyone")).isTrue();
        var listed = settings(List.of(" ops-portal ", "scheduler"));
        assertThat(listed.producerAllowed("ops-portal")).isTrue();
        assertThat(listed.producerAllowed("scheduler")).isTrue();
        assertThat(listed.producerAllowed("ops-portal2")).isFalse();
        assertThat(listed.producerAllowed("OPS-PORTAL")).isFalse();
    }
}
